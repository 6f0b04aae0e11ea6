"""Monitoring in GraphQL: actual costs, progress history and earned value."""
