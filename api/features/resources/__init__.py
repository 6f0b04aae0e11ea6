"""GraphQL for resources: the pool, assignments, load, capacity and leveling."""
