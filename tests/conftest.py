from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ROOT.parent / "shared" / "sources"


@pytest.fixture
def tiny_data(tmp_path):
    """A copy of tests/data (a two-row dataset and its metadata) that a test may damage."""
    target = tmp_path / "data"
    target.mkdir()
    for item in (Path(__file__).parent / "data").iterdir():
        (target / item.name).write_bytes(item.read_bytes())
    return target
