"""GraphQL for the task feature."""
