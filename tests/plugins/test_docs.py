"""Every hook is tested and documented; every rule and every expression field is documented
(the datasette ``tests/test_docs.py`` habit)."""

from __future__ import annotations

import ast
import inspect
import re
from pathlib import Path

import pytest

from domain.governance.core import PmoType
from governance_rules.catalog import BUILTIN_RULES
from governance_rules.expressions import project_view
from plugins import hookspecs
from tests.domain.governance.core.factories import sound_project

ROOT = Path(__file__).parents[2]
PLUGINS_DOC = (ROOT / "docs" / "plugins.md").read_text()
GOVERNANCE_DOC = (ROOT / "docs" / "governance.md").read_text()
HOOKS = [name for name, _ in inspect.getmembers(hookspecs, inspect.isfunction) if name.startswith("pmo_")]


def _test_names() -> set[str]:
    tree = ast.parse((ROOT / "tests" / "plugins" / "test_hooks.py").read_text())
    return {node.name for node in ast.walk(tree) if isinstance(node, ast.FunctionDef)}


def test_there_are_hooks() -> None:
    assert len(HOOKS) == 7


@pytest.mark.parametrize("hook", HOOKS)
def test_every_hook_is_documented(hook: str) -> None:
    assert f"### {hook}\n" in PLUGINS_DOC
    spec = getattr(hookspecs, hook)
    arguments = inspect.signature(spec).parameters
    section = PLUGINS_DOC.split(f"### {hook}\n")[1].split("\n### ")[0]
    for argument in arguments:
        assert f"{argument}:" in section, f"{hook}: argument {argument} is not documented"
    assert "Combining" in section and "```python" in section


@pytest.mark.parametrize("hook", HOOKS)
def test_every_hook_has_a_test(hook: str) -> None:
    assert f"test_hook_{hook}" in _test_names()


@pytest.mark.parametrize("hook", HOOKS)
def test_every_hook_spec_says_how_results_combine(hook: str) -> None:
    assert "Combining:" in (getattr(hookspecs, hook).__doc__ or "")


@pytest.mark.parametrize("rule_id", [rule.id for rule in BUILTIN_RULES])
def test_every_rule_is_documented(rule_id: str) -> None:
    assert f"| `{rule_id}` |" in GOVERNANCE_DOC


def test_every_expression_field_is_documented() -> None:
    view = project_view(sound_project())
    documented = set(re.findall(r"`([a-z_]+)`", GOVERNANCE_DOC))
    fields = set(view) | set(view["tasks"][0]) | set(view["risks"][0])
    fields |= set(view["dependencies"][0])
    assert fields - documented == set()


def test_pmo_types_are_documented() -> None:
    for pmo_type in PmoType:
        assert pmo_type.value.lower() in GOVERNANCE_DOC
