"""hugokit's benchmark: whole processes, median of several runs, with peak memory, at 50, 500,
5,000 and 20,000 publications; `academic import` (Hugo Blox) and a bare Python start-up run
beside hugokit in the same run, and the budgets are checked as ratios of those.

    python bench/run.py [--sizes 50,500,5000,20000] [--runs 5] [--out bench/results/latest.json]

Exit status 1 when a budget is missed. Nothing here is a unit test: figures depend on the machine.
"""
from __future__ import annotations

import argparse
import json
import os
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


def run_once(argv: list[str], cwd: Path, env: dict[str, str]) -> tuple[float, float, int]:
    """(seconds, peak resident MB, exit status) of one whole process."""
    start = time.perf_counter()
    process = subprocess.Popen(argv, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    return elapsed, usage.ru_maxrss / 1024, process.returncode


def measure(name: str, argv: list[str], cwd: Path, env: dict[str, str], runs: int,
            before: Callable[[], None] | None = None) -> dict[str, object]:
    times, peaks, codes = [], [], set()
    for _ in range(runs):
        if before:
            before()
        seconds, peak, code = run_once(argv, cwd, env)
        times.append(seconds)
        peaks.append(peak)
        codes.add(code)
    return {"name": name, "median_s": statistics.median(times), "min_s": min(times),
            "peak_mb": max(peaks), "runs": runs, "exit": sorted(codes)}


def size_results(size: int, work: Path, runs: int, academic: Path | None) -> list[dict[str, object]]:
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
    reps = runs if size <= 5000 else max(1, runs // 2)

    def cold() -> None:
        shutil.rmtree(cache, ignore_errors=True)
        (site / "content/publications.md").unlink(missing_ok=True)
        shutil.rmtree(site / "content/publication", ignore_errors=True)

    results = [
        measure("libyaml load", [sys.executable, "-c", "import sys, yaml; yaml.load(open(sys.argv[1], encoding='utf-8'), "
                                 "Loader=yaml.CSafeLoader)", str(database)], site, env, reps),
        measure("check, cold", hugokit + ["check"], site, env, reps, cold),
    ]
    # check then build, as a hook or CI runs them: build reuses the clean check.
    def check_first() -> None:
        cold()
        run_once(hugokit + ["check"], site, env)
    results.append(measure("build, cold (after check)", hugokit + ["build"], site, env, reps, check_first))
    results.append(measure("build, cold (alone)", hugokit + ["build"], site, env, reps, cold))
    run_once(hugokit + ["check"], site, env)
    results.append(measure("check, unchanged", hugokit + ["check"], site, env, reps))
    page = site / "content/publications.md"
    mtime = page.stat().st_mtime_ns
    results.append(measure("build, unchanged", hugokit + ["build"], site, env, reps))
    results[-1]["rewrote"] = page.stat().st_mtime_ns != mtime
    results.append(measure("build --pages, cold", hugokit + ["build", "--pages", "--no-cache"], site, env,
                           max(1, reps // 2), cold))
    results += hugo_render(size, site, work, env, max(1, reps // 2), hugokit)
    target = work / f"import-{size}"

    def empty_target() -> None:
        shutil.rmtree(target, ignore_errors=True)
        target.mkdir()
    results.append(measure("hugokit import (BibTeX)", hugokit + ["import", str(bib), "--partial"], target, env,
                           max(1, reps // 2), empty_target))
    if academic is not None and size <= 5000:
        results.append(measure("academic import (BibTeX)", [str(academic), "import", str(bib), "content/publication/"],
                               target, env, 1 if size >= 5000 else max(1, reps // 2), empty_target))
    for row in results:
        row["size"] = size
    return results


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
    row = measure("hugo render (hugokit's layouts)", [hugo, "--panicOnWarning", "--quiet", "--destination", str(public)],
                  site, env, runs, lambda: shutil.rmtree(public, ignore_errors=True))
    page = public / "publications/index.html"
    row["entries"] = page.read_text(encoding="utf-8").count('<div class="hugokit-pub"') if page.exists() else 0
    home = public / "index.html"
    row["selected"] = home.read_text(encoding="utf-8").count('<div class="hugokit-pub"') if home.exists() else 0
    return [row]


def start_up_and_hook(env: dict[str, str], runs: int, work: Path) -> list[dict[str, object]]:
    """The start-up baseline and a hook's `hugokit check` of the example site (with an empty cache,
    and unchanged), taken in turns so that a machine's drift affects all three alike."""
    site = REPO / "examples/site"
    cache = work / "cache-example"
    hook_env = {**env, "HUGOKIT_CACHE_DIR": str(cache)}
    hugokit = [str(BIN / "hugokit"), "check"]
    kinds = {"python -c 'import yaml'": ([sys.executable, "-c", "import yaml"], REPO, env, None),
             "hook: check example site, cold": (hugokit, site, hook_env, lambda: shutil.rmtree(cache, ignore_errors=True)),
             "hook: check example site, unchanged": (hugokit, site, hook_env, None)}
    samples: dict[str, list[tuple[float, float, int]]] = {name: [] for name in kinds}
    run_once(hugokit, site, hook_env)  # warm the file system's caches
    for _ in range(runs * 4):
        for name, (argv, cwd, kind_env, before) in kinds.items():
            if before:
                before()
            samples[name].append(run_once(argv, cwd, kind_env))
    rows = []
    for name, taken in samples.items():
        times = [t for t, _, _ in taken]
        rows.append({"name": name, "median_s": statistics.median(times), "min_s": min(times),
                     "peak_mb": max(p for _, p, _ in taken), "runs": len(taken), "exit": sorted({c for _, _, c in taken}),
                     "size": 0 if name.startswith("python") else 47})
    return rows


def budgets(rows: list[dict[str, object]], base: float) -> list[tuple[str, bool, str]]:
    def get(name: str, size: int) -> dict | None:
        return next((r for r in rows if r["name"] == name and r["size"] == size), None)

    verdicts = []
    for row in (get("hook: check example site, unchanged", 47), get("hook: check example site, cold", 47)):
        ratio = row["median_s"] / base
        verdicts.append((f"{row['name']}: ≤ 2.5× start-up", ratio <= 2.5, f"{ratio:.1f}×"))
    biggest = max(r["size"] for r in rows)
    load = get("libyaml load", biggest)
    both = get("check, cold", biggest)["median_s"] + get("build, cold (after check)", biggest)["median_s"]
    verdicts.append((f"{biggest}: check + build cold ≤ 2× libyaml load", both <= 2 * load["median_s"],
                     f"{both / load['median_s']:.2f}×"))
    for name in ("check, unchanged", "build, unchanged"):
        ratio = get(name, biggest)["median_s"] / base
        verdicts.append((f"{biggest}: {name} ≤ 10× start-up", ratio <= 10, f"{ratio:.1f}×"))
    verdicts.append(("unchanged build rewrites nothing", not any(r.get("rewrote") for r in rows), ""))
    for size in sorted({r["size"] for r in rows}):
        ours, theirs = get("hugokit import (BibTeX)", size), get("academic import (BibTeX)", size)
        if ours and theirs and size in (500, 5000):
            speedup = theirs["median_s"] / ours["median_s"]
            verdicts.append((f"{size}: import ≥ 20× faster than academic", speedup >= 20, f"{speedup:.0f}×"))
    rendered = get("hugo render (hugokit's layouts)", biggest)
    if rendered is not None:
        verdicts.append((f"{biggest}: Hugo renders every entry and the Selected list with hugokit's layouts",
                         rendered["exit"] == [0] and rendered["entries"] == biggest and rendered["selected"] > 0,
                         f"{rendered['entries']} entries, {rendered['selected']} selected"))
    big_import = get("hugokit import (BibTeX)", biggest)
    verdicts.append((f"{biggest}: hugokit import finishes", big_import is not None and big_import["exit"] == [0], ""))
    sizes = sorted(r["size"] for r in rows if r["name"] == "check, cold")
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
    parser.add_argument("--out", default=str(HERE / "results" / "latest.json"))
    args = parser.parse_args()
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
        for size in map(int, args.sizes.split(",")):
            print(f"measuring {size} publications …", file=sys.stderr)
            rows += size_results(size, work, args.runs, Path(academic) if academic else None)
    verdicts = budgets(rows, base["median_s"])
    print(f"\nmachine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}; "
          f"hugokit from {installed}")
    print(f"{'size':>6}  {'what':<40} {'median':>9} {'× start-up':>11} {'peak MB':>8}")
    for row in rows:
        print(f"{row['size']:>6}  {row['name']:<40} {row['median_s']:>8.3f}s {row['median_s'] / base['median_s']:>10.1f}× "
              f"{row['peak_mb']:>8.0f}")
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
