"""The runner end to end, on a copy of the repository with tiny notebooks (these start real kernels).

Each test runs ``python -m reelib`` in a copy whose ``reelib`` comes first on
PYTHONPATH, so the kernels it starts read that copy's data and write into its
folders, exactly as on a fresh clone.
"""

import hashlib
import os
import random
import shutil
import signal
import subprocess
import sys
import time

import pytest

from reelib import paths

TINY = '''\
# %% tags=["parameters"]
scale = 1.0

# %%
import matplotlib.pyplot as plt
from reelib import catalog, data
from reelib.plotting import save_figure, use_style

p = catalog.parameters("{stem}", scale=scale)
use_style()
table = data.load("{dataset}")
fig, ax = plt.subplots()
ax.plot(range(len(table)), p.scale * table["{column}"].pint.magnitude)
save_figure(fig, "{stem}", notebook="{stem}", sources=table["source_id"], caption="a test figure")
{extra}
'''
CATALOG = '''

NOTEBOOKS = dict(NOTEBOOKS) | {{
    name: NotebookSpec("a tiny test notebook", {{"scale": number("a scale", 0, 10)}}) for name in {names!r}
}}
'''


def write_tiny(root, stem, dataset, column, extra=""):
    (root / "notebooks" / f"{stem}.py").write_text(TINY.format(stem=stem, dataset=dataset, column=column, extra=extra))


def make_clone(root):
    """A copy of the repository (code, data, lock) with two tiny notebooks instead of the theme notebooks."""
    shutil.copytree(paths.ROOT / "reelib", root / "reelib", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(paths.ROOT / "data", root / "data")
    shutil.copy(paths.ROOT / "requirements.lock", root / "requirements.lock")
    for folder in ("notebooks", "figures", "reports"):
        (root / folder).mkdir()
    shutil.copy(paths.ROOT / "notebooks" / "jupytext.toml", root / "notebooks")
    write_tiny(root, "91_shares", "stage_shares", "share")
    write_tiny(root, "92_resources", "ree_resources", "contained")
    with open(root / "reelib" / "catalog.py", "a") as catalog:
        catalog.write(CATALOG.format(names=["91_shares", "92_resources", "93_failing"]))
    return root


@pytest.fixture
def clone(tmp_path):
    return make_clone(tmp_path / "repo")


@pytest.fixture(scope="module")
def reproduced_once(tmp_path_factory):
    root = make_clone(tmp_path_factory.mktemp("template") / "repo")
    first = reelib_command(root, "reproduce", "--jobs", "2")
    assert first.returncode == 0, first.stdout + first.stderr
    return root, first


@pytest.fixture
def reproduced(reproduced_once, tmp_path):
    """A clone on which 'reelib reproduce' has run once (copied, so each test may change it)."""
    root = tmp_path / "repo"
    shutil.copytree(reproduced_once[0], root, symlinks=True)
    return root


def reelib_command(root, *args, wait=True, **kwargs):
    env = os.environ | {"PYTHONPATH": str(root), "PYTHONHASHSEED": "0"}
    command = [sys.executable, "-m", "reelib", *args]
    if not wait:
        return subprocess.Popen(command, cwd=root, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **kwargs)
    return subprocess.run(command, cwd=root, env=env, capture_output=True, text=True, timeout=300)


def published(root):
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for folder in ("figures", "reports", "notebooks")
        for p in sorted((root / folder).rglob("*"))
        if p.is_file() and p.suffix != ".py" and p.name != "jupytext.toml"
    }


def test_a_second_reproduce_is_cached_fast_and_changes_nothing(reproduced_once, reproduced):
    clone, first = reproduced, reproduced_once[1]
    assert "91_shares: ran" in first.stdout and "92_resources: ran" in first.stdout
    assert {"figures/91_shares.png", "figures/91_shares.json", "reports/91_shares.html", "notebooks/91_shares.ipynb"} <= set(published(clone))
    before = published(clone)
    start = time.perf_counter()
    second = reelib_command(clone, "reproduce")
    elapsed = time.perf_counter() - start
    assert second.returncode == 0 and "91_shares: cached" in second.stdout and "92_resources: cached" in second.stdout
    assert published(clone) == before
    assert elapsed < 10  # about a second here; generous for a loaded CI machine (speed is measured in benchmarks/)


def test_touching_a_data_file_reruns_exactly_the_notebooks_that_read_it(reproduced):
    clone = reproduced
    table = clone / "data" / "stage_shares.csv"
    table.write_text(table.read_text().replace("IEA mining share", "IEA mining share (note edited)"))
    assert reelib_command(clone, "rehash").returncode == 0
    again = reelib_command(clone, "reproduce")
    assert again.returncode == 0
    assert "91_shares: ran" in again.stdout and "92_resources: cached" in again.stdout


def test_what_a_notebook_no_longer_produces_is_unpublished_when_it_reruns(reproduced):
    import json

    clone = reproduced
    (clone / "reports" / "verdicts").mkdir(exist_ok=True)
    stale = clone / "reports" / "verdicts" / "CNRS-99.json"  # as if 91 had assessed a claim it no longer does
    stale.write_text(json.dumps({"claim": "CNRS-99", "notebook": "91_shares"}))
    (clone / "figures" / "91_old.json").write_text(json.dumps({"notebook": "91_shares"}))
    (clone / "figures" / "91_old.png").write_bytes(b"png")
    other = clone / "reports" / "verdicts" / "CNRS-98.json"
    other.write_text(json.dumps({"claim": "CNRS-98", "notebook": "92_resources"}))
    again = reelib_command(clone, "reproduce", "91", "--force")
    assert again.returncode == 0, again.stdout + again.stderr
    assert not stale.exists() and not (clone / "figures" / "91_old.json").exists() and not (clone / "figures" / "91_old.png").exists()
    assert other.exists()  # another notebook's record is left alone


def test_a_parameter_given_to_reproduce_is_refused_not_ignored(reproduced):
    result = reelib_command(reproduced, "reproduce", "91", "-p", "scale", "2")
    assert result.returncode == 2 and "-p applies to 'reelib run' and 'reelib sweep', not to 'reelib reproduce'" in result.stderr


def test_a_figures_sidecar_records_every_parameter_and_the_key_not_the_commit(reproduced):
    clone = reproduced
    import json

    sidecar = json.loads((clone / "figures" / "91_shares.json").read_text())
    assert sidecar["parameters"] == {"scale": 1.0}
    assert len(sidecar["dependency_key"]) == 20 and "git_commit" not in sidecar
    assert set(sidecar["data_sha256"]) == {"stage_shares"}


def test_reelib_run_three_times_gives_three_clean_folders(clone):
    for scale in ("2", "3", "4"):
        result = reelib_command(clone, "run", "91", "-p", "scale", scale)
        assert result.returncode == 0, result.stderr
    runs = sorted(p for p in (clone / "build" / "runs" / "91_shares").iterdir() if p.name != "latest")
    assert len(runs) == 3
    for run in runs:
        assert (run / "91_shares.ipynb").exists() and (run / "figures" / "91_shares.png").exists()
    assert not (clone / "figures" / "91_shares.png").exists()  # a parameterised run publishes nothing


def test_plain_papermill_writes_to_scratch_never_over_figures(reproduced):
    clone = reproduced
    before = published(clone)
    env = os.environ | {"PYTHONPATH": str(clone)}
    result = subprocess.run(
        [sys.executable, "-m", "papermill", "91_shares.ipynb", str(clone / "build" / "out.ipynb"), "-p", "scale", "5"],
        cwd=clone / "notebooks", env=env, capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert published(clone) == before
    assert (clone / "build" / "scratch" / "figures" / "91_shares.png").exists()


def test_a_failing_notebook_keeps_the_last_good_results(reproduced):
    clone = reproduced
    before = published(clone)
    write_tiny(clone, "91_shares", "stage_shares", "share", extra="raise RuntimeError('data went missing')")
    result = reelib_command(clone, "reproduce")
    assert result.returncode == 1
    assert "91_shares: FAILED in cell" in result.stdout and "RuntimeError: data went missing" in result.stdout
    assert published(clone) == before
    assert list((clone / "build" / "failed").glob("*/91_shares/91_shares.ipynb"))


def test_a_second_reproduce_in_the_same_checkout_refuses_or_waits(clone):
    first = reelib_command(clone, "reproduce", "--force", wait=False)
    lock = clone / "build" / "reproduce.lock"
    deadline = time.time() + 60
    while not (clone / "build" / "staging").exists() and time.time() < deadline:
        time.sleep(0.05)
    second = reelib_command(clone, "reproduce")
    assert second.returncode == 2
    assert second.stderr.startswith("error: another 'reelib reproduce' is publishing in this checkout") and second.stderr.count("\n") == 1
    waiting = reelib_command(clone, "reproduce", "--wait")
    assert first.wait(timeout=300) == 0
    assert waiting.returncode == 0 and "waiting for another" in waiting.stdout and lock.exists()


def test_a_run_killed_at_random_moments_leaves_the_old_results_or_the_new_ones_never_a_mix(reproduced):
    clone = reproduced
    old = published(clone)
    saved = clone.parent / "saved"
    for folder in ("figures", "reports", "notebooks", "build"):
        shutil.copytree(clone / folder, saved / folder)
    # A change that alters every published file of 91_shares.
    source = clone / "notebooks" / "91_shares.py"
    source.write_text(source.read_text().replace("scale = 1.0", "scale = 2.0"))
    start = time.perf_counter()
    assert reelib_command(clone, "reproduce", "91").returncode == 0
    duration = time.perf_counter() - start
    new = published(clone)
    assert new != old
    rng = random.Random(20261203)
    for delay in sorted(rng.uniform(0.2, duration) for _ in range(4)):
        for folder in ("figures", "reports", "notebooks", "build"):
            shutil.rmtree(clone / folder)
            shutil.copytree(saved / folder, clone / folder)
        process = reelib_command(clone, "reproduce", "91", wait=False, start_new_session=True)
        time.sleep(delay)
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        # The next command rolls back (or completes) whatever publication was in flight.
        recovery = reelib_command(clone, "reproduce", "92")
        assert recovery.returncode == 0, recovery.stderr
        assert published(clone) in (old, new), f"killed after {delay:.2f} s: a mix of old and new results"


CLUSTER = """
import sys
from distributed import LocalCluster
with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
    print(cluster.scheduler_address, flush=True)
    sys.stdin.read()
"""


def test_a_sweep_runs_on_a_local_pool_and_on_a_dask_cluster_into_one_table(clone):
    import csv

    local = reelib_command(clone, "sweep", "91", "-p", "scale", "1,2,3", "--jobs", "2")
    assert local.returncode == 0, local.stdout + local.stderr
    tables = sorted((clone / "build" / "sweeps" / "91_shares").glob("*/results.csv"))
    rows = list(csv.DictReader(tables[-1].open()))
    assert [row["parameter scale"] for row in rows] == ["1", "2", "3"] and all(row["ok"] == "True" for row in rows)

    # A cluster started in the clone's environment, as researchers start one from their checkout.
    env = os.environ | {"PYTHONPATH": str(clone)}
    cluster = subprocess.Popen(
        [sys.executable, "-c", CLUSTER], cwd=clone, env=env, stdout=subprocess.PIPE, stdin=subprocess.PIPE, text=True
    )
    try:
        address = cluster.stdout.readline().strip()
        assert address.startswith("tcp://"), address
        on_dask = reelib_command(clone, "sweep", "91", "-p", "scale", "4,5", "--scheduler", address)
    finally:
        cluster.stdin.close()
        cluster.wait(timeout=60)
    assert on_dask.returncode == 0, on_dask.stdout + on_dask.stderr
    assert "on dask scheduler tcp://" in on_dask.stdout
    tables = sorted((clone / "build" / "sweeps" / "91_shares").glob("*/results.csv"))
    assert len(tables) == 2 and [r["parameter scale"] for r in csv.DictReader(tables[-1].open())] == ["4", "5"]


def test_a_bad_sweep_point_is_named_before_any_work(clone):
    result = reelib_command(clone, "sweep", "91", "-p", "scale", "1,20")
    assert result.returncode == 2
    assert "parameter 'scale': 20 is above the maximum 10 (sweep point 1: {'scale': 20})" in result.stderr
    assert not (clone / "build" / "sweeps").exists()
    empty = reelib_command(clone, "sweep", "91", "-p", "scale", "1", "--scheduler", "")
    assert empty.returncode == 2 and "--scheduler: the address is empty" in empty.stderr
    no_workers = reelib_command(clone, "sweep", "91", "-p", "scale", "1", "--jobs", "0")
    assert no_workers.returncode == 2 and "argument --jobs/-j: 0 workers: give at least 1" in no_workers.stderr
