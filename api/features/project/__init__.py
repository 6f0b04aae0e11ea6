"""GraphQL for the project feature."""
