from __future__ import annotations

from importlib.metadata import EntryPoint

import pytest

import plugins.manager
from domain.governance.core import Methodology, Rule
from plugins import PluginStartupError, get_plugin_manager, hookimpl, load_governance
from plugins.builtin import BUILTIN_PLUGINS
from tests.plugins.every_hook_plugin import EveryHookPlugin


def _entry_points(*points: EntryPoint) -> object:
    def fake(group: str) -> tuple[EntryPoint, ...]:
        assert group == "pmo_engine.plugins"
        return points

    return fake


def test_builtins_are_registered_by_name() -> None:
    pm = get_plugin_manager(load_entry_points=False)
    assert {name for name, _ in BUILTIN_PLUGINS} <= {n for n, _ in pm.list_name_plugin()}


def test_a_plugin_that_fails_to_import_stops_start_up_naming_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    broken = EntryPoint("broken", "tests.plugins.broken_plugin", "pmo_engine.plugins")
    monkeypatch.setattr(plugins.manager, "entry_points", _entry_points(broken))
    with pytest.raises(PluginStartupError, match=r"plugin 'broken'.*pmo_missing_dependency"):
        get_plugin_manager()


def test_a_disabled_plugin_is_not_even_imported(monkeypatch: pytest.MonkeyPatch) -> None:
    broken = EntryPoint("broken", "tests.plugins.broken_plugin", "pmo_engine.plugins")
    monkeypatch.setattr(plugins.manager, "entry_points", _entry_points(broken))
    pm = get_plugin_manager(disabled={"broken"})
    assert pm.get_plugin("broken") is None


def test_entry_point_plugins_are_loaded(monkeypatch: pytest.MonkeyPatch) -> None:
    point = EntryPoint("every", "tests.plugins.every_hook_plugin:plugin", "pmo_engine.plugins")
    monkeypatch.setattr(plugins.manager, "entry_points", _entry_points(point))
    governance = load_governance()
    assert governance.methodology("Test Lifecycle") is not None
    sources = {d.id: d.source for d in governance.rule_catalog()}
    assert sources["test.no_placeholder_name"] == "every"


class DuplicateRule:
    @hookimpl
    def pmo_declare_rules(self) -> list[Rule]:
        from governance_rules.catalog import BUILTIN_RULES

        return [BUILTIN_RULES[0]]


def test_a_duplicate_rule_id_stops_start_up_naming_both_plugins() -> None:
    with pytest.raises(PluginStartupError) as caught:
        get_plugin_manager(load_entry_points=False, plugins=[("dupe", DuplicateRule())])
    message = str(caught.value)
    assert caught.value.plugin == "builtin.rule_catalog"  # the second to declare it
    assert "'project.manager'" in message and "'dupe'" in message


class UnknownHook:
    @hookimpl
    def pmo_valdiate(self) -> None:  # a typo: no such hook
        return None


def test_an_unknown_hook_stops_start_up_naming_the_plugin() -> None:
    with pytest.raises(PluginStartupError, match="plugin 'typo'"):
        get_plugin_manager(load_entry_points=False, plugins=[("typo", UnknownHook())])


class WrongArguments:
    @hookimpl
    def pmo_validate(self, project: object, nonsense: object) -> None:
        return None


def test_a_hook_with_wrong_arguments_stops_start_up() -> None:
    with pytest.raises(PluginStartupError, match=r"plugin 'args'.*invalid hook"):
        get_plugin_manager(load_entry_points=False, plugins=[("args", WrongArguments())])


class RaisesAtDeclaration:
    @hookimpl
    def pmo_register_methodologies(self) -> list[Methodology]:
        raise RuntimeError("no config file")


class ReturnsGarbage:
    @hookimpl
    def pmo_declare_rules(self) -> list[str]:
        return ["not a rule"]


@pytest.mark.parametrize(
    ("plugin", "text"),
    [(RaisesAtDeclaration(), "no config file"), (ReturnsGarbage(), "not a Rule")],
)
def test_a_bad_declaration_stops_start_up(plugin: object, text: str) -> None:
    with pytest.raises(PluginStartupError, match=f"plugin 'bad'.*{text}"):
        get_plugin_manager(load_entry_points=False, plugins=[("bad", plugin)])


def test_disabling_a_builtin_plugin() -> None:
    governance = load_governance({"builtin.default_methodology"}, load_entry_points=False)
    assert governance.methodologies() == []
    governance = load_governance({"builtin.rule_catalog", "builtin.default_methodology"}, load_entry_points=False)
    assert governance.rule_catalog() == []


def test_disabling_an_installed_plugin() -> None:
    governance = load_governance({"every_hook"}, load_entry_points=False, plugins=[("every_hook", EveryHookPlugin())])
    assert "Test Lifecycle" not in {m.name for m in governance.methodologies()}


def test_unknown_names_in_disabled_are_ignored() -> None:
    assert load_governance({"not-installed"}, load_entry_points=False).methodologies()


def test_installed_plugins_run_before_builtins() -> None:
    pm = get_plugin_manager(load_entry_points=False, plugins=[("every_hook", EveryHookPlugin())])
    order = [impl.plugin_name for impl in reversed(pm.hook.pmo_register_methodologies.get_hookimpls())]
    assert order == ["every_hook", "builtin.default_methodology"]


class ReplacementMethodology:
    @hookimpl
    def pmo_register_methodologies(self) -> list[Methodology]:
        return [Methodology("Default", "Ours", ("Start", "End"))]


def test_an_installed_plugin_overrides_a_builtin_methodology() -> None:
    governance = load_governance(load_entry_points=False, plugins=[("ours", ReplacementMethodology())])
    default = governance.methodology("Default")
    assert default is not None and default.phases == ("Start", "End")


def test_no_global_manager() -> None:
    assert get_plugin_manager(load_entry_points=False) is not get_plugin_manager(load_entry_points=False)
