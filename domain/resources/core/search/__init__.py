"""The leveling search: serial schedule generation (``decoder``, numba ``kernels`` over the
``compiled`` problem), the one-pass priority ``rules``, the project-order search for portfolios
(``portfolio``), the genetic algorithm (``heuristic``), CP-SAT (``cpsat``), lower ``bounds``, the
``objective`` and the time or work ``budget`` every stage draws on. ``leveling.level`` runs them."""
