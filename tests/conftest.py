from pathlib import Path

import pytest

from reelib import outputs, paths

ROOT = Path(__file__).resolve().parents[1]
SOURCES = paths.SOURCE_TEXT_DIR

#: The checks against the two source texts need ../shared beside the repository;
#: on a clone without it they skip with this reason (.ci/run requires it).
needs_shared_texts = pytest.mark.skipif(
    not SOURCES.is_dir(),
    reason=f"{SOURCES} is absent: the source texts live beside the repository, not in it (CI provides them)",
)


@pytest.fixture
def tiny_data(tmp_path):
    """A copy of tests/data (a two-row dataset and its metadata) that a test may damage."""
    target = tmp_path / "data"
    target.mkdir()
    for item in (Path(__file__).parent / "data").iterdir():
        if item.is_file():
            (target / item.name).write_bytes(item.read_bytes())
    return target


@pytest.fixture
def scratch(tmp_path, monkeypatch):
    """Where a run outside the runner writes (verdicts, figures): a temporary folder."""
    monkeypatch.setattr(outputs, "SCRATCH_DIR", tmp_path / "scratch")
    outputs._from_manifest.cache_clear()
    return tmp_path / "scratch"
