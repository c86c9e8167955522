"""What `hugokit build` writes for the Hugo layouts: data/hugokit/publications.json, with each
entry under the key the shortcode forms (its id, else its title), its venue's kind and its
BibTeX; and the page passes an id only for entries that have one."""
from __future__ import annotations

import json
from pathlib import Path

from pybtex.database import parse_string

from conftest import SEED_PAGE, hugokit, write

DATABASE = """\
- id: kwon2023vllm
  title: "Efficient Memory Management for Large Language Model Serving with PagedAttention"
  authors: [Woosuk Kwon*, Zhuohan Li*, Joseph E. Gonzalez, Hao Zhang, Ion Stoica]
  year: 2023
  venue: SOSP 2023
  links: {code: "https://github.com/vllm-project/vllm"}
  topics: [Selected, ML Systems]
  doi: 10.1145/3600006.3613165
  arxiv: "2309.06180"
  abstract: "High throughput serving of large language models (LLMs) requires batching."
- title: "CLLMs: Consistency Large Language Models"
  authors: [Siqi Kou*, Lanxiang Hu*, Hao Zhang]
  year: 2024
  venue: Preprint 2024
  links: {paper: "https://arxiv.org/pdf/2403.00835.pdf"}
  topics: [Large Language Models, Selected]
"""


def built(tmp_path: Path, config: str = "") -> Path:
    write(tmp_path / "data/publications.yaml", DATABASE)
    if config:
        write(tmp_path / "hugokit.yaml", config)
    run = hugokit("build", "--site", tmp_path)
    assert run.exit_code == 0, run.output
    return tmp_path


def test_entries_are_keyed_as_the_shortcode_looks_them_up(tmp_path: Path) -> None:
    data = json.loads((built(tmp_path) / "data/hugokit/publications.json").read_text())
    cllms = "title:CLLMs: Consistency Large Language Models"
    assert data["format"] == 1
    assert data["order"] == [cllms, "id:kwon2023vllm"]  # page order: newest year first
    assert data["topics"] == {"Large Language Models": [cllms], "Selected": [cllms, "id:kwon2023vllm"],
                              "ML Systems": ["id:kwon2023vllm"]}
    vllm = data["entries"]["id:kwon2023vllm"]
    assert (vllm["kind"], vllm["doi"], vllm["arxiv"]) == ("conference", "10.1145/3600006.3613165", "2309.06180")
    assert vllm["abstract"].startswith("High throughput")
    assert data["entries"][cllms]["kind"] == "preprint"


def test_each_entry_carries_a_bibtex_to_cite_it_by(tmp_path: Path) -> None:
    data = json.loads((built(tmp_path) / "data/hugokit/publications.json").read_text())
    vllm = parse_string(data["entries"]["id:kwon2023vllm"]["bibtex"], "bibtex").entries["kwon2023vllm"]
    assert vllm.type == "inproceedings"
    assert vllm.fields["doi"] == "10.1145/3600006.3613165" and vllm.fields["eprint"] == "2309.06180"
    assert [str(p) for p in vllm.persons["author"]][:2] == ["Kwon, Woosuk", "Li, Zhuohan"]
    # For readers to cite, not to re-import: no abstract, no hugokit-* fields.
    assert not [f for f in vllm.fields if f.startswith("hugokit-") or f == "abstract"]
    cllms = parse_string(data["entries"]["title:CLLMs: Consistency Large Language Models"]["bibtex"], "bibtex")
    assert list(cllms.entries) == ["kou2024cllms"]


def test_the_page_passes_an_id_only_for_entries_with_one(tmp_path: Path) -> None:
    page = (built(tmp_path) / "content/publications.md").read_text()
    assert page.count(' id="') == 1
    assert 'data-topic="Selected, ML Systems" id="kwon2023vllm" >}}' in page
    # and reading the page back keeps it
    (tmp_path / "data/publications.yaml").unlink()
    assert hugokit("import", tmp_path / "content/publications.md", "--site", tmp_path).exit_code == 0
    assert "id: kwon2023vllm" in (tmp_path / "data/publications.yaml").read_text()


def test_layout_data_can_move_or_be_turned_off(tmp_path: Path) -> None:
    site = built(tmp_path / "moved", 'layout_data: "data/pubs.json"\n')
    assert (site / "data/pubs.json").is_file() and not (site / "data/hugokit").exists()
    site = built(tmp_path / "off", 'layout_data: ""\n')
    assert not (site / "data/hugokit").exists() and (site / "content/publications.md").is_file()


def test_the_seed_page_still_rebuilds_byte_for_byte_with_its_layout_data(site: Path) -> None:
    assert hugokit("import", site / "content/publications.md", "--site", site).exit_code == 0
    (site / "content/publications.md").unlink()
    assert hugokit("build", "--force", "--site", site).exit_code == 0
    assert (site / "content/publications.md").read_bytes() == SEED_PAGE.read_bytes()
    data = json.loads((site / "data/hugokit/publications.json").read_text())
    assert len(data["entries"]) == 47 and all(key.startswith("title:") for key in data["entries"])
    assert {e["kind"] for e in data["entries"].values()} >= {"conference", "preprint"}
