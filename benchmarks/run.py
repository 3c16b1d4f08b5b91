"""Speed measurements for reelib (run: make benchmark). Not a test: numbers are printed, not asserted.

Each case reports the best and median of several repeats with timeit, so that
a one-off stall of the machine does not read as a regression.
"""

from __future__ import annotations

import statistics
import timeit

from reelib import data, supply
from reelib.secondary import SecondarySource, enrichment_estimate, sourced_range

REPEATS, NUMBER = 7, 3


def report(name: str, statement) -> None:
    timeit.timeit(statement, number=1)  # warm-up: imports, caches
    times = [t / NUMBER for t in timeit.repeat(statement, repeat=REPEATS, number=NUMBER)]
    print(f"{name:<48} best {min(times) * 1e3:8.2f} ms   median {statistics.median(times) * 1e3:8.2f} ms")


def main() -> None:
    # The notebook's own inputs: the ranges the sources in data/ span.
    inputs = data.load("secondary_inputs")
    ash = SecondarySource("coal ash", sourced_range(inputs, "coal_ash_generation", "Mt/a", 2020), sourced_range(inputs, "coal_ash_ree", "ppm REE"))
    report("Monte Carlo, 100,000 samples (tonnage × grade)", lambda: ash.contained(samples=100_000))
    report("Monte Carlo, 1,000,000 samples", lambda: ash.contained(samples=1_000_000))
    ratios = tuple(sourced_range(inputs, name, unit) for name, unit in (("bauxite_per_alumina", "t/t"), ("residue_per_alumina", "t/t"), ("ree_retained", "")))
    report("residue enrichment, 100,000 samples", lambda: enrichment_estimate(*ratios, samples=100_000))
    report("load + validate usgs_production", lambda: data.load("usgs_production"))
    production = data.load("usgs_production")
    report("select vintage + HHI series 2000–2024", lambda: supply.hhi_series(supply.select_vintage(production, 2025)))


if __name__ == "__main__":
    main()
