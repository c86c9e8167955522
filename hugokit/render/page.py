"""The shortcode page (content/publications.md), in the exact format hand-written sites use."""
from __future__ import annotations

from hugokit import shortcode
from hugokit.model import Publication, by_year

DEFAULT_FRONT_MATTER = 'title: "Publications"\nlayout: "publications"\nurl: "/publications/"\nsummary: publications\n'
YEAR_END = "&emsp;\n"


def render_entry(pub: Publication) -> str:
    params = [(param, pub.links.get(source[6:], "") if source.startswith("links.") else str(getattr(pub, source)))
              for param, source in shortcode.PARAMS]
    params += [(shortcode.link_param(kind), url) for kind, url in pub.links.items()
               if kind not in shortcode.SHORTCODE_LINK_PARAMS]
    params.append((shortcode.TOPICS_PARAM, shortcode.LIST_SEPARATOR.join(pub.topics)))
    if pub.id:  # only then: the layouts find an entry without one by its title
        params.append((shortcode.ID_PARAM, pub.id))
    opening = " ".join(f"{name}={shortcode.quote(value)}" for name, value in params)
    return (f"{{{{< {shortcode.NAME} {opening} >}}}}\n"
            f"{shortcode.author_line(pub.authors, pub.editors)}\n"
            f"{{{{< /{shortcode.NAME} >}}}}\n")


def render_page(publications: list[Publication], front_matter: str = DEFAULT_FRONT_MATTER) -> str:
    """The whole page: front-matter, then per filed year (newest first) its entries."""
    parts = [f"---\n{front_matter}---\n"]
    for year, entries in by_year(publications):
        parts.append(f"\n### {year}\n\n")
        parts.extend(render_entry(pub) + "\n" for pub in entries)
        parts.append(YEAR_END)
    return "".join(parts)
