"""GraphQL for the portfolio feature."""
