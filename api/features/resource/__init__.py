"""GraphQL for the resource feature."""
