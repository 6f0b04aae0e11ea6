"""GraphQL for who is calling: the viewer and users."""
