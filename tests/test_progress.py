"""A large import shows a progress bar on a terminal, and nothing of it in CI or a hook."""
from __future__ import annotations

import os
import pty
import subprocess
import sys
from pathlib import Path

from conftest import REPO

sys.path.insert(0, str(REPO / "bench"))
import generate  # noqa: E402

HUGOKIT = Path(sys.executable).parent / "hugokit"


def run_on_terminal(source: Path, site: Path, extra_env: dict[str, str]) -> str:
    """Runs the import with its stderr on a pseudo-terminal; returns what the terminal showed."""
    site.mkdir()
    leader, follower = pty.openpty()
    env = {k: v for k, v in os.environ.items() if k not in ("CI", "PRE_COMMIT", "GITHUB_ACTIONS")} | extra_env
    process = subprocess.Popen([str(HUGOKIT), "import", str(source), "--site", str(site)],
                               stdout=subprocess.DEVNULL, stderr=follower, env=env)
    os.close(follower)
    shown = b""
    while True:
        try:
            chunk = os.read(leader, 4096)
        except OSError:
            break
        if not chunk:
            break
        shown += chunk
    assert process.wait(timeout=120) == 0
    os.close(leader)
    return shown.decode("utf-8", "replace")


def test_progress_bar_on_a_terminal_and_quiet_in_ci(tmp_path: Path) -> None:
    source = tmp_path / "many.bib"
    generate.write_bibtex(source, generate.publications(800))
    assert source.stat().st_size > 500_000
    on_terminal = run_on_terminal(source, tmp_path / "a", {})
    assert "importing many.bib" in on_terminal and "100%" in on_terminal
    in_ci = run_on_terminal(source, tmp_path / "b", {"CI": "true"})
    assert "importing" not in in_ci
