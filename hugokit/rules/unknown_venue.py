"""unknown-venue: the venue's name (the part before its year) is in no venue vocabulary.

Known venues are hugokit's registry (data/hugokit/venues.yaml: the major conferences and
journals of machine learning, systems, NLP, vision, data and HCI, journals of physics, chemistry
and the life sciences under their ISO 4 abbreviations and full titles, common publishers (a
book's venue), plus generic kinds such as Preprint, Blogpost, "… PhD Dissertation", "… Master's
Thesis", any other "… Thesis" and "Workshop on …") and the site's data/venues.yaml. A journal's
volume, issue and pages after its name (`Nature 585(7825):357–362`) are no part of the name.

Fix: correct a misspelling (the hint names the closest known venues), or add the venue to
data/venues.yaml.
"""
from __future__ import annotations

from typing import Iterator

from hugokit.diagnostics import Finding, Severity
from hugokit.rules import Context
from hugokit.rules._common import unknown_values

CODE = "unknown-venue"
SEVERITY = Severity.ERROR


def check(context: Context) -> Iterator[Finding]:
    return unknown_values(context, "venue", context.vocab.venues)
