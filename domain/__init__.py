"""The PMO engine's domain: entities, services and the pure computational core.

Nothing here imports the API (strawberry, starlette), the plugins or the rule catalog;
``tests/test_layering.py`` enforces it.
"""
