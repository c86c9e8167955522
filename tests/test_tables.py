"""Tables that more than one place depends on are declared once; what cannot import them (Hugo's
layouts) is held to them here."""
from __future__ import annotations

import re

from conftest import REPO
from hugokit import shortcode
from hugokit.venue_kinds import KINDS
from hugokit.vocab import VENUE_KINDS

LAYOUTS = REPO / "layouts"


def test_the_shortcode_layout_reads_the_parameters_hugokit_writes() -> None:
    layout = (LAYOUTS / "shortcodes/publication.html").read_text()
    documented = re.search(r"Parameters: (.*?),\s+and any further link", layout, re.S)
    assert documented is not None
    params = [*shortcode.LEADING_PARAMS, shortcode.TOPICS_PARAM, shortcode.ID_PARAM]
    assert [p.strip() for p in documented.group(1).split(",")] == params
    assert set(re.findall(r'\.Get "([^"]+)"', layout)) == set(params)
    # Links in the table's order, then every other <kind>Link, skipping those already taken.
    fixed = re.findall(r'with \.Get "([^"]+)" \}\}\{\{ \$links = \$links \| append \(dict "kind" "([^"]+)"', layout)
    assert [(kind, param) for param, kind in fixed] == list(shortcode.SHORTCODE_LINK_PARAMS.items())
    skipped = re.search(r'not \(in \(slice ((?:"\w+" ?)+)\) \$name\)', layout)
    assert skipped is not None
    assert set(skipped.group(1).replace('"', "").split()) == {
        p for p in shortcode.SHORTCODE_LINK_PARAMS.values() if p.endswith("Link")}


def test_the_selected_partial_orders_links_as_the_page_does() -> None:
    layout = (LAYOUTS / "partials/hugokit/selected.html").read_text()
    orders = re.findall(r'slice ((?:"\w+" ?)+)\)? ?\}\}', layout) + re.findall(r'in \(slice ((?:"\w+" ?)+)\)', layout)
    kinds = list(shortcode.SHORTCODE_LINK_PARAMS)
    assert orders and all(order.replace('"', "").split() == kinds for order in orders)


def test_venue_kinds_are_one_table() -> None:
    assert VENUE_KINDS == tuple(KINDS)
    assert all(kind.csl and kind.bibtex for kind in KINDS.values())


def test_the_list_page_takes_the_venue_kinds_from_the_layout_data() -> None:
    """The type filter's order and labels are KINDS's: the layout data carries them, and the
    layouts name no kind of their own."""
    import json

    from hugokit.render.layout_data import render_layout_data
    from hugokit.vocab import Vocabulary

    data = json.loads(render_layout_data([], Vocabulary("venues", [])))
    assert data["kinds"] == [{"name": name, "label": kind.label} for name, kind in KINDS.items()]
    assert all(kind.label for kind in KINDS.values())
    for layout in LAYOUTS.rglob("*.html"):  # ("blog" alone is a link kind too)
        text = layout.read_text()
        named = {name for name in KINDS if f'"{name}"' in text}
        assert len(named) < 2, f"{layout.relative_to(REPO)} names the venue kinds {sorted(named)}: read .kinds"
