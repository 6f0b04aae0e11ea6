"""Import direction: api -> domain, plugins, governance_rules; plugins and governance_rules ->
domain; domain imports none of them, nor strawberry or starlette. Inside domain, the shared base
imports no feature (only itself and the entities), and a feature's pure core imports no
feature's services."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FORBIDDEN = {
    "domain": {"api", "plugins", "governance_rules", "migrations", "strawberry", "starlette", "uvicorn"},
    "plugins": {"api", "migrations", "strawberry", "starlette"},
    "governance_rules": {"api", "plugins", "migrations", "strawberry", "starlette"},
}
# Modules of the shared base a pure core may use: they are plain Python.
PURE_BASE = {"domain.base.types", "domain.base.ids", "domain.base.errors"}


def _modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(), str(path))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def _imports(path: Path) -> set[str]:
    return {name.split(".")[0] for name in _modules(path)}


def _features() -> list[str]:
    return sorted(p.name for p in (ROOT / "domain").iterdir() if (p / "__init__.py").exists())


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_package_does_not_import_upwards(package: str) -> None:
    offenders = {
        str(path.relative_to(ROOT)): sorted(_imports(path) & FORBIDDEN[package])
        for path in (ROOT / package).rglob("*.py")
    }
    assert {k: v for k, v in offenders.items() if v} == {}


def test_the_shared_base_imports_no_feature() -> None:
    allowed = ("domain.base", "domain.entities")
    offenders = {
        str(path.relative_to(ROOT)): sorted(
            m for m in _modules(path) if m.startswith("domain") and not m.startswith(allowed)
        )
        for path in (ROOT / "domain" / "base").rglob("*.py")
    }
    assert {k: v for k, v in offenders.items() if v} == {}


@pytest.mark.parametrize("feature", [f for f in _features() if (ROOT / "domain" / f / "core").is_dir()])
def test_a_pure_core_imports_only_pure_code(feature: str) -> None:
    def allowed(module: str) -> bool:
        if not module.startswith("domain"):
            return True
        return module in PURE_BASE or (module.split(".")[2:3] == ["core"] and len(module.split(".")) > 2)

    offenders = {
        str(path.relative_to(ROOT)): sorted(m for m in _modules(path) if not allowed(m))
        for path in (ROOT / "domain" / feature / "core").rglob("*.py")
    }
    assert {k: v for k, v in offenders.items() if v} == {}


def test_feature_packages_are_known() -> None:
    """Each package of domain/ is the shared base, the tables, or a feature with its docs entry."""
    text = (ROOT / "docs" / "architecture.md").read_text()
    missing = [f for f in _features() if f"`domain/{f}/`" not in text]
    assert missing == [], f"docs/architecture.md does not describe {missing}"
