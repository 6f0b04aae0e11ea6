"""The GraphQL API (strawberry on Starlette), authentication and the ``pmo`` command."""
