"""Resources: the pool, assignments, load and capacity against demand, and leveling.

``core`` is the pure allocation core (load, over-allocation, leveling search); the modules
beside it read the stored schedule into it and write its results back.
"""
