"""Speed measurements for reelib (run: make benchmark). Not a test: numbers are printed, not asserted.

Each case reports the best and median of several repeats with timeit, so that
a one-off stall of the machine does not read as a regression.
"""

from __future__ import annotations

import statistics
import timeit

from reelib import Q_, data
from reelib.secondary import SecondarySource, Uncertain

REPEATS, NUMBER = 7, 3


def report(name: str, statement) -> None:
    timeit.timeit(statement, number=1)  # warm-up: imports, caches
    times = [t / NUMBER for t in timeit.repeat(statement, repeat=REPEATS, number=NUMBER)]
    print(f"{name:<48} best {min(times) * 1e3:8.2f} ms   median {statistics.median(times) * 1e3:8.2f} ms")


def main() -> None:
    ash = SecondarySource(
        "coal ash",
        Uncertain("tonnage", low=Q_("0.8 Gt/a"), central=Q_("1 Gt/a"), high=Q_("1.2 Gt/a")),
        Uncertain("concentration", low=Q_("250 ppm REE"), central=Q_("400 ppm REE"), high=Q_("600 ppm REE")),
    )
    report("Monte Carlo, 100,000 samples (tonnage × grade)", lambda: ash.contained(samples=100_000))
    report("Monte Carlo, 1,000,000 samples", lambda: ash.contained(samples=1_000_000))
    report("load + validate usgs_production", lambda: data.load("usgs_production"))


if __name__ == "__main__":
    main()
