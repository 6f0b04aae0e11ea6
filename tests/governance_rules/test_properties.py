"""Properties over arbitrary admin input: configuration never crashes, and whatever is
stored, the rule set in force stays valid."""

from __future__ import annotations

from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from domain.governance.core import PmoType, Rule, RuleOverride, Severity
from governance_rules.catalog import BUILTIN_RULES
from governance_rules.rule_sets import effective_rule_set, load_default_rule_set
from governance_rules.schema import check_parameters

JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=5),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=8,
)
RULES = st.sampled_from(BUILTIN_RULES)


@given(RULES, st.dictionaries(st.text(max_size=12), JSON, max_size=4))
def test_any_json_is_either_accepted_or_refused_with_problems(rule: Rule, raw: dict[str, Any]) -> None:
    values, problems = check_parameters(rule.id, rule.parameters, raw)
    assert set(values) | {p.field[1] for p in problems} == set(raw)
    # What is accepted passes the schema again unchanged.
    assert check_parameters(rule.id, rule.parameters, values)[1] == []


@given(
    st.sampled_from(list(PmoType)),
    st.lists(
        st.builds(
            RuleOverride,
            st.sampled_from([r.id for r in BUILTIN_RULES]),
            st.booleans(),
            st.none() | st.sampled_from(list(Severity)),
            st.dictionaries(st.sampled_from(["max_percent", "min_index", "x"]), JSON, max_size=2),
        ),
        max_size=6,
    ),
)
def test_the_rule_set_in_force_is_always_valid(pmo_type: PmoType, overrides: list[RuleOverride]) -> None:
    configured = effective_rule_set(BUILTIN_RULES, pmo_type, [load_default_rule_set(pmo_type)], overrides)
    assert [c.rule_id for c in configured] == [r.id for r in BUILTIN_RULES]
    by_id = {r.id: r for r in BUILTIN_RULES}
    last = {o.rule_id: o for o in overrides}
    for rule in configured:
        specs = by_id[rule.rule_id].parameters
        assert set(rule.parameters) == {s.name for s in specs}
        assert check_parameters(rule.rule_id, specs, rule.parameters)[1] == []
        if rule.rule_id in last:
            assert rule.enabled is last[rule.rule_id].enabled
            if last[rule.rule_id].severity is not None:
                assert rule.severity is last[rule.rule_id].severity
