"""Speed measurements for reelib (``make benchmark``). Not a test: numbers are printed, not asserted.

Two parts:

* **Models** (always): the Monte Carlo of the secondary sources and of a
  recovery chain, the stock model at sweep size (10,000 scenarios × 51 years
  × 5 products), the loaders. Each case reports the best and the median of
  seven repeats (timeit), so that a one-off stall does not read as a
  regression.
* **Runner** (``--runner``): wall-clock times of ``reelib reproduce`` on a
  throw-away copy of this repository (full, no-op, after one notebook
  changed), and of a sweep, against the floor of the same number of kernels
  that only import the stack. These take minutes; each is timed once.

    python benchmarks/run.py [--runner] [--jobs N]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import timeit
from pathlib import Path

import numpy as np

from reelib import data, paths, recycling, supply, urban
from reelib.secondary import SecondarySource, enrichment_estimate, sourced_range
from reelib.stocks import run_stock_model
from reelib.units import Q_

REPEATS, NUMBER = 7, 3


def report(name: str, statement, number: int = NUMBER) -> None:
    timeit.timeit(statement, number=1)  # warm-up: imports, caches
    times = [t / number for t in timeit.repeat(statement, repeat=REPEATS, number=number)]
    print(f"{name:<62} best {min(times) * 1e3:9.1f} ms   median {statistics.median(times) * 1e3:9.1f} ms", flush=True)


def models() -> None:
    inputs = data.load("secondary_inputs")
    ash = SecondarySource("coal ash", sourced_range(inputs, "coal_ash_generation", "Mt/a", 2020), sourced_range(inputs, "coal_ash_ree", "ppm REE"))
    report("secondary sources: Monte Carlo, 100,000 samples", lambda: ash.contained(samples=100_000))
    report("secondary sources: Monte Carlo, 1,000,000 samples", lambda: ash.contained(samples=1_000_000))
    ratios = tuple(sourced_range(inputs, name, unit) for name, unit in (("bauxite_per_alumina", "t/t"), ("residue_per_alumina", "t/t"), ("ree_retained", "")))
    report("residue enrichment, 100,000 samples", lambda: enrichment_estimate(*ratios, samples=100_000))

    chains = recycling.chains_from_data(data.load("recovery_chains"), data.load("recycling"), data.load("urban_mine"))
    chain = max(chains.values(), key=lambda c: len(c.stages))
    report(f"recovery chain ({len(chain.stages)} stages): 100,000 Monte Carlo draws", lambda: chain.eol_rate(100_000))

    years = np.arange(2000, 2051)
    rng = np.random.default_rng(0)
    inflow = Q_(rng.uniform(0, 1000, (len(years), 5, 10_000)), "t/a")
    lifetimes = rng.integers(2, 36, (5, 10_000))
    report("stock model: 10,000 scenarios × 51 years × 5 products", lambda: run_stock_model(years, list("abcde"), inflow, lifetimes), number=1)
    statements = data.load("urban_mine")
    model_inputs = urban.inputs_from_data(statements)
    scenarios = urban.Scenarios(10_000, 1, Q_(0, "1/a"), "low")
    report("urban mine: inflows + stock model, 10,000 scenarios", lambda: urban.simulate(model_inputs, years, scenarios), number=1)

    report("load + validate usgs_production", lambda: data.load("usgs_production"))
    production = data.load("usgs_production")
    report("select vintage + HHI series 2000–2024", lambda: supply.hhi_series(supply.select_vintage(production, 2025)))


# The runner part works on a copy, so that the checkout's figures, reports and caches are never touched.

FLOOR_NOTEBOOK = '''# %% tags=["parameters"]
point = 0

# %%
import matplotlib.pyplot as plt
import pandas as pd
import pint
import reelib
from reelib import data
'''


def _copy_repository(target: Path) -> Path:
    """The tracked files of this checkout, with ../shared linked beside the copy as on CI."""
    listed = subprocess.run(["git", "ls-files", "-z"], cwd=paths.ROOT, capture_output=True, text=True, check=True).stdout.split("\0")
    for name in filter(None, listed):
        source, destination = paths.ROOT / name, target / "repo" / name
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, destination)
    if paths.SOURCE_TEXT_DIR.is_dir():
        (target / "shared").symlink_to(paths.SOURCE_TEXT_DIR.parent)
    return target / "repo"


def _timed(root: Path, *args: str) -> float:
    env = os.environ | {"PYTHONPATH": str(root), "PYTHONHASHSEED": "0"}
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "reelib", *args], cwd=root, env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"reelib {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")
    return elapsed


def runner(jobs: int) -> None:
    with tempfile.TemporaryDirectory(prefix="reelib-bench-") as folder:
        root = _copy_repository(Path(folder))
        for name in ("figures", "reports"):  # a first run with nothing published: every notebook runs
            shutil.rmtree(root / name, ignore_errors=True)
        notebooks = len(list((root / "notebooks").glob("[0-9][0-9]_*.py")))
        full = _timed(root, "reproduce", "--jobs", str(jobs))
        print(f"{'reproduce, everything runs (' + str(notebooks) + ' notebooks, --jobs ' + str(jobs) + ')':<62} {full:9.1f} s", flush=True)
        noop = _timed(root, "reproduce", "--jobs", str(jobs))
        print(f"{'reproduce, nothing changed':<62} {noop:9.2f} s", flush=True)
        changed = root / "notebooks" / "05_secondary_sources.py"
        changed.write_text(changed.read_text(encoding="utf-8") + "\n# a benchmark's change\n", encoding="utf-8")
        one = _timed(root, "reproduce", "--jobs", str(jobs))
        print(f"{'reproduce, one notebook changed (05)':<62} {one:9.1f} s", flush=True)

        points = 2 * jobs
        values = ",".join(f"{0.80 + 0.01 * i:.2f}" for i in range(points))
        kernel_sweep = _timed(root, "sweep", "02", "-p", "confidence", values, "--jobs", str(jobs))
        print(f"{f'sweep of 02, {points} points on {jobs} worker(s)':<62} {kernel_sweep:9.1f} s   "
              f"({points / kernel_sweep:.2f} points/s)", flush=True)
        (root / "notebooks" / "98_floor.py").write_text(FLOOR_NOTEBOOK, encoding="utf-8")
        with open(root / "reelib" / "catalog.py", "a", encoding="utf-8") as catalog:
            catalog.write('\nNOTEBOOKS = dict(NOTEBOOKS) | {"98_floor": NotebookSpec("imports only", {"point": integer("a point", 0, 1000)})}\n')
        floor = _timed(root, "sweep", "98", "-p", "point", ",".join(str(i) for i in range(points)), "--jobs", str(jobs))
        print(f"{f'floor: {points} kernels that only import the stack':<62} {floor:9.1f} s   ({points / floor:.2f} points/s)", flush=True)
        in_process = _timed(root, "sweep", "07", "-p", "growth_after_2030", ",".join(f"{g} %/a" for g in range(points)))
        print(f"{f'sweep of 07 in-process, {points} points × 2,000 scenarios':<62} {in_process:9.1f} s   "
              f"({points / in_process:.2f} points/s)", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runner", action="store_true", help="also time reproduce and sweeps on a copy of the repository (minutes)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="workers for the runner part (default: the number of cores)")
    arguments = parser.parse_args()
    models()
    if arguments.runner:
        runner(arguments.jobs)


if __name__ == "__main__":
    main()
