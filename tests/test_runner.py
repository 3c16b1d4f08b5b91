"""The batch runner keeps good results when a notebook fails (these start real kernels)."""

import nbformat
import pytest

from reelib import runner


def write_notebook(path, *sources, parameters='mass = "150 kt"'):
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    cell = nbformat.v4.new_code_cell(parameters)
    cell.metadata["tags"] = ["parameters"]
    nb.cells = [cell] + [nbformat.v4.new_code_cell(s) for s in sources]
    nbformat.write(nb, path)
    return path


DRAW = """
import matplotlib.pyplot as plt
import reelib
from reelib.plotting import save_figure
m = reelib.parse_quantity("mass", mass, "[mass]", example="150 kt")
fig, ax = plt.subplots()
ax.plot([0, 1], [0, m.to("kt").magnitude])
save_figure(fig, "99_tiny", notebook="99_tiny")
"""


@pytest.fixture
def project(tmp_path, monkeypatch):
    for name in ("NOTEBOOK_DIR", "BUILD_DIR", "FIGURE_DIR", "REPORT_DIR"):
        monkeypatch.setattr(runner, name, tmp_path / name.lower().removesuffix("_dir"))
    runner.NOTEBOOK_DIR.mkdir()
    runner.FIGURE_DIR.mkdir()
    return tmp_path


def test_success_publishes_and_failure_keeps_the_last_good_results(project):
    notebook = write_notebook(runner.NOTEBOOK_DIR / "99_tiny.ipynb", DRAW)
    assert runner.reproduce() == 0
    figure = runner.FIGURE_DIR / "99_tiny.png"
    good = figure.read_bytes()
    report = (runner.REPORT_DIR / "99_tiny.html").read_text()
    assert "papermill" not in nbformat.read(notebook, as_version=4).metadata

    write_notebook(notebook, DRAW, "raise RuntimeError('data went missing')")
    assert runner.reproduce() == 1
    outcome = runner.execute(notebook, publish=True)
    assert not outcome.ok and "cell 3: RuntimeError: data went missing" in outcome.error
    assert figure.read_bytes() == good
    assert (runner.REPORT_DIR / "99_tiny.html").read_text() == report
    assert (runner.BUILD_DIR / "failed" / "99_tiny.ipynb").exists()


def test_wrong_unit_parameter_fails_with_one_message_naming_it(project):
    notebook = write_notebook(runner.NOTEBOOK_DIR / "99_tiny.ipynb", DRAW)
    outcome = runner.execute(notebook, {"mass": "5 m"}, publish=False, out_dir=project / "out")
    assert not outcome.ok
    assert "ParameterError: parameter 'mass': '5 m' has dimension [length], expected [mass] (e.g. '150 kt')" in outcome.error
    assert not (project / "out").exists()


def test_unknown_parameter_is_refused_before_running(project, capsys):
    write_notebook(runner.NOTEBOOK_DIR / "99_tiny.ipynb", DRAW)
    with pytest.raises(SystemExit, match=r"99_tiny has no parameter 'mas'; its parameters are: mass \(default \"150 kt\"\)"):
        runner.run("99", {"mas": "5 kt"})
