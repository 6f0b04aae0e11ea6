"""Resource allocation: load and over-allocation, planned cost, capacity by role, leveling."""
