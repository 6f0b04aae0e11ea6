"""Project snapshots for governance, built from the database: in full (``build``), with the
over-allocation feed (``governed``), from a per-process cache of committed snapshots (``cache``)
patched with one transaction's writes (``patch``), kept valid by revisions (``revisions``)."""
