"""hugokit type-checks under `mypy --strict` with the project's configuration (pyproject.toml)."""
from __future__ import annotations

import subprocess
import sys

from conftest import REPO


def test_mypy_strict_passes() -> None:
    run = subprocess.run([sys.executable, "-m", "mypy", "--strict", "hugokit"], cwd=REPO, capture_output=True,
                         text=True)
    assert run.returncode == 0, run.stdout + run.stderr
    assert run.stdout.startswith("Success: no issues found")
