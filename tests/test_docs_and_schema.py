"""Generated reference material is up to date with the code."""
from __future__ import annotations

import json

import jsonschema
import yaml

from conftest import EXAMPLE_SITE, REPO, hugokit
from hugokit.docs import update
from hugokit.schema import SCHEMA_FILE, schema_text


def test_readme_reference_sections_are_current() -> None:
    readme = (REPO / "README.md").read_text()
    assert update(readme) == readme, "run: .venv/bin/python -m hugokit.docs README.md"


def test_shipped_json_schema_is_current() -> None:
    assert SCHEMA_FILE.read_text() == schema_text(), "regenerate with hugokit.schema.schema_text()"


def test_example_database_validates_against_the_schema() -> None:
    database = yaml.safe_load((EXAMPLE_SITE / "data/publications.yaml").read_text())
    jsonschema.validate(database, json.loads(SCHEMA_FILE.read_text()))
    bad = [{"title": "x", "year": 2020, "venu": "typo"}]
    try:
        jsonschema.validate(bad, json.loads(SCHEMA_FILE.read_text()))
    except jsonschema.ValidationError as exc:
        assert "venu" in exc.message
    else:
        raise AssertionError("the schema accepted an unknown key")


def test_schema_command_prints_the_schema() -> None:
    run = hugokit("schema")
    assert run.exit_code == 0
    assert json.loads(run.stdout)["items"]["required"] == ["title", "year"]


def test_example_site_page_is_up_to_date() -> None:
    run = hugokit("build", "--check", "--site", EXAMPLE_SITE)
    assert run.exit_code == 0, run.output
