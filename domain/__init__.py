"""The PMO engine's domain, one package per feature (see docs/architecture.md).

Each feature package holds its pure core (``core/``: plain data in and out, no database) beside
its services (the database side). ``base`` is the shared foundation every feature imports;
``entities`` holds the tables. Nothing here imports the API (strawberry, starlette), the plugins
or the rule catalog; ``tests/test_layering.py`` enforces it.
"""
