"""GraphQL for the risk feature."""
