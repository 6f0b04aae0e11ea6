"""``domain/monitoring/core`` is pure: no database, no framework, no API."""

from __future__ import annotations

import ast
from pathlib import Path

import domain.monitoring.core

FORBIDDEN = {"sqlalchemy", "sqlmodel", "strawberry", "starlette", "api", "plugins", "governance_rules", "alembic"}


def test_the_core_imports_no_database_or_framework() -> None:
    folder = Path(domain.monitoring.core.__file__).parent
    for path in folder.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            else:
                continue
            for name in names:
                assert name.split(".")[0] not in FORBIDDEN, f"{path.name} imports {name}"
                assert not name.startswith("domain.") or name.startswith(
                    ("domain.monitoring.core", "domain.scheduling")
                )
