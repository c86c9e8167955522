"""wrong-link-kind: a link whose URL plainly belongs to another kind (a `.py` file as `video`, a GitHub repository as `paper`).

Only unmistakable URLs count: a source file or a repository on GitHub, GitLab, Bitbucket or
Codeberg is code; YouTube, Vimeo, Bilibili and video files are video; PowerPoint or Keynote
files, Google Slides, Speaker Deck and SlideShare are slides; arXiv, doi.org, OpenReview and the
ACL Anthology are papers. Any other PDF says nothing (papers, slides and posters are all PDFs), and
project, website, demo, blog, dataset and model links may be anything.

Fix: give the link its right kind, or the right URL (it was often pasted into the wrong field).
"""
from __future__ import annotations

import re
from typing import Iterator

from hugokit.diagnostics import Finding, Severity, quoted
from hugokit.rules import Context

CODE = "wrong-link-kind"
SEVERITY = Severity.WARNING
_SOURCE = (".py", ".ipynb", ".js", ".c", ".cc", ".cpp", ".h", ".hpp", ".rs", ".go", ".java", ".scala", ".jl", ".sh", ".cu")
_VIDEO = (".mp4", ".mov", ".webm", ".mkv", ".avi")
_SLIDES = (".ppt", ".pptx", ".key", ".odp")
# (kind the URL shows, a pattern over the lower-cased URL without its scheme, or the endings of
# its path: of a file's name, which needs no pattern)
_SIGNS: tuple[tuple[str, re.Pattern[str] | tuple[str, ...]], ...] = (
    ("code", re.compile(r"(?:www\.)?(?:github\.com|gitlab\.com|bitbucket\.org|codeberg\.org)/[^/?#]+/[^/?#]+(?:[/?#].*)?")),
    ("code", _SOURCE),
    ("video", re.compile(r"(?:(?:www\.|m\.)?youtube\.com/(?:watch|embed|live|shorts)|youtu\.be/|(?:www\.)?vimeo\.com/\d"
                         r"|(?:www\.)?bilibili\.com/video/).*")),
    ("video", _VIDEO),
    ("slides", _SLIDES),
    ("slides", re.compile(r"(?:docs\.google\.com/presentation/|speakerdeck\.com/|(?:www\.)?slideshare\.net/).*")),
    ("paper", re.compile(r"(?:(?:www\.|export\.)?arxiv\.org/(?:abs|pdf)/|(?:dx\.)?doi\.org/10\.|openreview\.net/(?:forum|pdf)"
                         r"|aclanthology\.org/[^/]+\.\d+(?:\.pdf)?$).*")),
)
# What each kind of URL must not be filed as.
_NOT_AS: dict[str, tuple[str, ...]] = {
    "code": ("paper", "pdf", "arxiv", "doi", "video", "slides", "poster", "talk"),
    "video": ("paper", "pdf", "arxiv", "doi", "code", "slides", "poster"),
    "slides": ("paper", "arxiv", "doi", "code", "video"),
    "paper": ("code", "video", "slides", "talk"),
}
_HOSTS = re.compile(r"github|gitlab|bitbucket|codeberg|youtu|vimeo|bilibili|arxiv|doi\.org|openreview|aclanthology"
                    r"|docs\.google|speakerdeck|slideshare")
_GITHUB_SPECIAL = re.compile(r"(?:www\.)?github\.com/(?:orgs|sponsors|features|topics|settings)/")


_FILES = _SOURCE + _VIDEO + _SLIDES


def shown_kind(url: str) -> str:
    """The kind a URL unmistakably is, or ""."""
    bare = url.strip().lower()
    if bare.startswith("https://"):
        bare = bare[8:]
    elif bare.startswith("http://"):
        bare = bare[7:]
    path = bare.split("?", 1)[0].split("#", 1)[0]
    if not (_HOSTS.search(bare) or path.endswith(_FILES)):
        return ""  # the common case, decided without trying every sign
    if _GITHUB_SPECIAL.match(bare):
        return ""
    pdf = path.endswith(".pdf")  # a PDF kept in a repository is a paper, slides or a poster
    return next((kind for kind, sign in _SIGNS if _shows(sign, bare, path) and not (pdf and kind != "paper")), "")


def _shows(sign: re.Pattern[str] | tuple[str, ...], bare: str, path: str) -> bool:
    return path.endswith(sign) if isinstance(sign, tuple) else sign.fullmatch(bare) is not None


def check(context: Context) -> Iterator[Finding]:
    for pub in context.database.checked():
        for kind, url in pub.links.items():
            shown = shown_kind(url)
            if shown and kind in _NOT_AS[shown]:
                hint = (f"the entry has a {shown} link too: check that each URL is under its own kind"
                        if shown in pub.links else f"file it as {shown}:, or give the {kind} its own URL")
                yield Finding(pub.at(f"links.{kind}"), f"the {kind} link {quoted(url)} looks like a {shown} link", hint)
