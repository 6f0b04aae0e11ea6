"""GraphQL for the governance feature."""
