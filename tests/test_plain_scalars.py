"""hugokit's own plain-scalar resolver (hugokit.plain_scalars) against PyYAML's: the same table of
patterns, and the same tag for every value tried, so that a database read without PyYAML
(hugokit.database_fast) and the page writer's choice of plain or quoted (render.database_yaml)
are what PyYAML would make of the text."""
from __future__ import annotations

import re

from hypothesis import example, given, settings, strategies as st
from yaml.nodes import ScalarNode
from yaml.resolver import Resolver

from hugokit.plain_scalars import RESOLVERS, TAG, plain_tag

_PYYAML = Resolver()


def pyyaml_tag(value: str) -> str:
    return str(_PYYAML.resolve(ScalarNode, value, (True, False)))


def test_the_patterns_are_pyyamls_in_its_order() -> None:
    ours: dict[str, list[tuple[str, str]]] = {}
    for tag, firsts, pattern, _ in RESOLVERS:
        for first in [*firsts, *([""] if tag == "null" else [])]:
            ours.setdefault(first, []).append((TAG + tag, pattern))
    theirs = {first: [(tag, regexp.pattern) for tag, regexp in resolvers]
              for first, resolvers in Resolver.yaml_implicit_resolvers.items()}
    assert ours == theirs


@settings(max_examples=400, deadline=None)
@given(st.data())
def test_each_alphabet_holds_every_character_its_pattern_matches(data: st.DataObject) -> None:
    """The alphabet lets a value skip a pattern: whatever the pattern matches is made of it."""
    tag, _, pattern, alphabet = data.draw(st.sampled_from(RESOLVERS))
    value = data.draw(st.from_regex(re.compile(pattern, re.X)))
    assert set(value) <= set(alphabet + "\n"), (tag, value)


_TRICKY = ["", "~", "null", "Null", "NULL", "nULL", "yes", "Yes", "YES", "yEs", "y", "n", "no", "No", "on", "Off", "OFF",
           "true", "TRUE", "tRUE", "false", "0", "00", "01", "08", "0b101", "0b2", "0x1F", "0xG", "0o17", "+1", "-0", "1_000",
           "1:20", "1:60", "190:20:30", "1.5", "1.", ".5", "1e5", "1.0e+5", "1.0e5", "-.inf", ".Inf", ".NaN", ".nan", "NaN",
           "2024", "2024-05-01", "2024-5-1", "2024-05-01T10:20:30Z", "2024-05-01 10:20:30.5 +02:00", "2024-05-01t1:20:30",
           "2024-05", "10.1145/3600006.3613165", "2309.06180", "2024\n", "yes\n", "<<", "<", "=", "==", "!", "&", "*",
           "Preprint 2024", "NeurIPS 2023", "OSDI", "ICML 2024 (Oral)", "1st", "3D", "0.5x", "v1.2", "1 2", "1\t2"]


@settings(max_examples=3000, deadline=None)
@given(st.one_of(st.sampled_from(_TRICKY),
                 st.text(st.sampled_from("0123456789-+._:eExXbBaAfFiInNoOsSyYtTlLuUrRzZ~<=!&* \t\n/"), max_size=12),
                 st.text(max_size=8)))
@example("2024-05-01 10:20:30")
def test_it_gives_the_tag_pyyaml_gives(value: str) -> None:
    assert plain_tag(value) == pyyaml_tag(value), repr(value)
