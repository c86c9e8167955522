"""`python -m build` makes an sdist and a wheel, and the wheel alone is a working hugokit: installed
into a clean virtual environment (its dependencies copied from this one, so no network is
needed), it checks and builds the example site with the vocabularies it carries."""
from __future__ import annotations

import shutil
import subprocess
import sys
import tarfile
import zipfile
from importlib import metadata
from pathlib import Path

import pytest

from conftest import EXAMPLE_SITE, REPO
from hugokit import __version__

@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    # No isolation: the build tools come from the test extra instead of being downloaded.
    result = subprocess.run([sys.executable, "-m", "build", "--no-isolation", "--outdir", str(out), str(REPO)],
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return out


def test_build_makes_an_sdist_and_a_wheel_with_the_vocabularies(dist: Path) -> None:
    sdist, = dist.glob(f"hugokit-{__version__}.tar.gz")
    wheel, = dist.glob(f"hugokit-{__version__}-py3-none-any.whl")
    names = zipfile.ZipFile(wheel).namelist()
    for shipped in ("hugokit/defaults/venues.yaml", "hugokit/defaults/awards.yaml", "hugokit/defaults/topics.yaml",
                    "hugokit/schemas/publications.schema.json", "hugokit/cli_init.py"):
        assert shipped in names
    entry_points = zipfile.ZipFile(wheel).read(f"hugokit-{__version__}.dist-info/entry_points.txt").decode()
    assert "hugokit = hugokit.__main__:main" in entry_points
    in_sdist = tarfile.open(sdist).getnames()
    assert f"hugokit-{__version__}/data/hugokit/venues.yaml" in in_sdist


def _requirements(name: str, seen: set[str]) -> None:
    """name and, recursively, the distributions it requires (without extras or markers that fail)."""
    from packaging.requirements import Requirement

    key = name.lower().replace("_", "-")
    if key in seen:
        return
    seen.add(key)
    for line in metadata.distribution(name).requires or []:
        requirement = Requirement(line)
        if requirement.marker is None or requirement.marker.evaluate({"extra": ""}):
            _requirements(requirement.name, seen)


def _copy_installed(name: str, site_packages: Path) -> None:
    """Installs a distribution into site_packages by copying its recorded files from this venv."""
    distribution = metadata.distribution(name)
    for file in distribution.files or []:
        source = Path(distribution.locate_file(file))
        if source.is_file() and not str(file).startswith(".."):  # scripts in bin/ are not needed
            target = site_packages / file
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)


def test_the_wheel_checks_and_builds_the_example_site_from_a_clean_venv(dist: Path, tmp_path: Path) -> None:
    wheel, = dist.glob("hugokit-*.whl")
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True, timeout=120)
    site_packages, = venv.glob("lib/python*/site-packages")
    needed: set[str] = set()
    _requirements("hugokit", needed)  # its run-time dependencies, as this checkout declares them
    for name in needed - {"hugokit"}:
        _copy_installed(name, site_packages)
    pip = [sys.executable, "-m", "pip", "--python", str(venv / "bin/python")]
    install = subprocess.run([*pip, "install", "--no-index", "--no-deps", "--quiet", str(wheel)],
                             capture_output=True, text=True, timeout=300)
    assert install.returncode == 0, install.stdout + install.stderr
    consistent = subprocess.run([*pip, "check"], capture_output=True, text=True, timeout=120)
    assert consistent.returncode == 0, consistent.stdout  # every dependency is there
    assert not list(site_packages.glob("__editable__*"))  # the installed files, not this checkout

    site = tmp_path / "site"
    shutil.copytree(EXAMPLE_SITE, site, ignore=shutil.ignore_patterns("public", "resources"))
    (site / "content/publications.md").unlink()
    hugokit = str(venv / "bin/hugokit")
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "HUGOKIT_NO_CACHE": "1"}
    version = subprocess.run([hugokit, "--version"], capture_output=True, text=True, env=env, timeout=60)
    assert version.stdout == f"hugokit, version {__version__}\n"
    check = subprocess.run([hugokit, "check"], cwd=site, capture_output=True, text=True, env=env, timeout=120)
    assert (check.returncode, check.stdout) == (0, ""), check.stdout + check.stderr  # venues known: vocabularies shipped
    build = subprocess.run([hugokit, "build"], cwd=site, capture_output=True, text=True, env=env, timeout=120)
    assert build.returncode == 0, build.stderr
    assert "wrote content/publications.md" in build.stderr
    assert (site / "content/publications.md").read_bytes() == (EXAMPLE_SITE / "content/publications.md").read_bytes()
    where = subprocess.run([str(venv / "bin/python"), "-c", "import hugokit.layout as l; print(l.defaults_dir())"],
                           cwd=tmp_path, capture_output=True, text=True, env=env, timeout=60)
    assert where.stdout.strip() == str(site_packages / "hugokit/defaults")


def test_the_version_is_written_once_and_the_changelog_knows_it() -> None:
    import tomllib

    project = tomllib.loads((REPO / "pyproject.toml").read_text())
    assert "version" not in project["project"] and project["project"]["dynamic"] == ["version"]
    assert project["tool"]["setuptools"]["dynamic"]["version"] == {"attr": "hugokit.__version__"}
    assert f"\n## {__version__}\n" in (REPO / "CHANGELOG.md").read_text()
    from conftest import hugokit

    assert hugokit("--version").stdout == f"hugokit, version {__version__}\n"


def test_go_mod_names_the_module_sites_import() -> None:
    from hugokit import HUGO_MODULE, REPOSITORY

    assert (REPO / "go.mod").read_text().splitlines()[0] == f"module {HUGO_MODULE}"
    assert REPOSITORY == f"https://{HUGO_MODULE}"
