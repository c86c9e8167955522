"""Synthetic, realistic sites and BibTeX files for the benchmark (deterministic for a seed).

Each publication has 3–12 authors drawn from names with non-ASCII letters, a venue from
hugokit's registry with a plausible year, one to four topics, links, and on a third of them an
abstract of about 150 words.
"""
from __future__ import annotations

import random
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from hugokit.model import Publication  # noqa: E402
from hugokit.render.database_yaml import render_database  # noqa: E402

FIRST = ["Hao", "Wei", "José", "Zoë", "Jörg", "Anaïs", "Søren", "Łukasz", "Çağla", "Ming", "Priya", "Olúwaseun",
         "Ana", "Mikhaïl", "Chloé", "Dmitri", "Yuki", "Siddharth", "Ingrid", "Mateo", "Aoife", "Kwame", "Linnéa"]
LAST = ["Zhang", "Müller", "García", "Nguyễn", "Kowalski", "O'Brien", "Øster", "Dubois", "Tanaka", "Okafor",
        "Ivanova", "Şahin", "Rossi", "Svensson", "Patel", "Kim", "Novák", "Fernández", "Łęcki", "Smith"]
WORDS = ("learning scalable efficient distributed parallel model systems language large serving inference "
         "training graph neural optimization adaptive automated secure robust federated sparse memory "
         "compiler scheduling cluster accelerator retrieval generation benchmark dataset analysis").split()
VENUES = [("NeurIPS", "Conference on Neural Information Processing Systems"),
          ("ICML", "International Conference on Machine Learning"),
          ("ICLR", "International Conference on Learning Representations"),
          ("OSDI", "USENIX Symposium on Operating Systems Design and Implementation"),
          ("SOSP", "ACM Symposium on Operating Systems Principles"),
          ("MLSys", "Conference on Machine Learning and Systems"),
          ("ACL", "Annual Meeting of the Association for Computational Linguistics"),
          ("CVPR", "IEEE/CVF Conference on Computer Vision and Pattern Recognition"),
          ("KDD", "ACM SIGKDD Conference on Knowledge Discovery and Data Mining"),
          ("Preprint", "arXiv preprint")]
TOPICS = ["Selected", "Large Language Models", "ML Systems", "Scalable ML", "ML Security", "AutoML",
          "Computer Vision", "Healthcare"]


def publications(count: int, seed: int = 7) -> list[Publication]:
    rng = random.Random(seed)
    people = [f"{rng.choice(FIRST)} {rng.choice(LAST)}" for _ in range(max(50, count // 3))]
    out = []
    for number in range(count):
        year = rng.randint(1995, 2025)
        short, _ = rng.choice(VENUES)
        title = " ".join(rng.choice(WORDS) for _ in range(rng.randint(5, 12))).capitalize() + f" {number}"
        authors = rng.sample(people, rng.randint(3, 12))
        if rng.random() < 0.2:
            authors[0] += "*"
            authors[1] += "*"
        links = {"paper": f"https://example.org/papers/{number}.pdf"}
        if rng.random() < 0.5:
            links["code"] = f"https://github.com/example/project-{number}"
        if rng.random() < 0.2:
            links["project"] = f"https://example.org/projects/{number}/"
        abstract = ""
        if number % 3 == 0:
            abstract = " ".join(rng.choice(WORDS) for _ in range(150)).capitalize() + "."
        out.append(Publication(title=title, year=year, authors=authors, venue=f"{short} {year + rng.randint(0, 1)}",
                               links=links, topics=rng.sample(TOPICS, rng.randint(1, 4)), abstract=abstract,
                               award="Best Paper Award" if rng.random() < 0.02 else ""))
    return sorted(out, key=lambda p: -p.year)


HUGO_CONFIG = """baseURL = "https://example.org/"
title = "A generated lab"
disableKinds = ["taxonomy", "term", "RSS", "sitemap"]
[module]
  [[module.imports]]
    path = "{hugokit}"
  [[module.mounts]]
    source = "data"
    target = "data"
    files = ["! publications.yaml"]
[params.hugokit]
  owner = ["{owner}"]
"""


def write_site(folder: Path, pubs: list[Publication]) -> None:
    """A Hugo site that uses only hugokit's layouts (imported from this checkout)."""
    (folder / "data").mkdir(parents=True, exist_ok=True)
    (folder / "content").mkdir(exist_ok=True)
    owner = pubs[0].authors[-1].rstrip("*") if pubs and pubs[0].authors else ""
    (folder / "hugo.toml").write_text(HUGO_CONFIG.format(hugokit=REPO, owner=owner), encoding="utf-8")
    (folder / "data/publications.yaml").write_text(render_database(pubs), encoding="utf-8")
    (folder / "data/topics.yaml").write_text("".join(f"- {t}\n" for t in TOPICS), encoding="utf-8")


def write_bibtex(path: Path, pubs: list[Publication]) -> None:
    """Plain BibTeX as Google Scholar exports it: standard fields, `Last, First` names."""
    full = dict(VENUES)
    entries = []
    for number, pub in enumerate(pubs):
        short, year = pub.venue.rsplit(" ", 1)
        names = " and ".join(f"{a.rstrip('*').split(' ', 1)[1]}, {a.rstrip('*').split(' ', 1)[0]}" for a in pub.authors)
        kind, container = ("misc", "howpublished") if short == "Preprint" else ("inproceedings", "booktitle")
        fields = [("title", pub.title), ("author", names), (container, full[short]), ("year", year),
                  ("url", pub.links["paper"])]
        if pub.abstract:
            fields.append(("abstract", pub.abstract))
        body = "".join(f"  {k} = {{{v}}},\n" for k, v in fields)
        entries.append(f"@{kind}{{pub{number},\n{body}}}\n")
    path.write_text("\n".join(entries), encoding="utf-8")


if __name__ == "__main__":
    size, target = int(sys.argv[1]), Path(sys.argv[2])
    pubs = publications(size)
    write_site(target, pubs)
    write_bibtex(target / "publications.bib", pubs)
    print(f"wrote a {size}-publication site to {target}")
