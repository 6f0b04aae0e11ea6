"""GraphQL, one package per feature: types, inputs, queries and mutations."""
