"""``domain/governance`` is pure values: it imports neither the plugins, the rule catalog,
the API nor any framework."""

from __future__ import annotations

import ast
from pathlib import Path

import domain.governance.core

FORBIDDEN = (
    "plugins",
    "governance_rules",
    "api",
    "strawberry",
    "starlette",
    "pluggy",
    "celpy",
    "sqlmodel",
    "sqlalchemy",
)


def test_domain_governance_imports_only_the_standard_library_and_domain() -> None:
    folder = Path(domain.governance.core.__file__).parent
    for path in folder.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            names = (
                [alias.name for alias in node.names]
                if isinstance(node, ast.Import)
                else [node.module or ""]
                if isinstance(node, ast.ImportFrom)
                else []
            )
            for name in names:
                assert name.split(".")[0] not in FORBIDDEN, f"{path.name} imports {name}"
