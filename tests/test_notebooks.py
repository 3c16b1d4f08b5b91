"""The notebooks: jupytext pairs in sync, thin (no logic a test cannot reach), declared in the catalog, with claims stated first."""

import ast
import re

import jupytext
import nbformat
import pytest

from reelib import catalog, paths
from reelib.registry import claims

SOURCES = sorted(paths.NOTEBOOK_DIR.glob("[0-9][0-9]_*.py"))


def cells(notebook):
    return [(cell.cell_type, cell.source) for cell in notebook.cells]


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.stem)
def test_the_executed_notebook_is_in_sync_with_its_source(source):
    executed = source.with_suffix(".ipynb")
    assert executed.exists(), f"{executed.name} is missing: run 'make reproduce'"
    mismatch = [i for i, (a, b) in enumerate(zip(cells(jupytext.read(source)), cells(nbformat.read(executed, as_version=4)))) if a != b]
    assert len(jupytext.read(source).cells) == len(nbformat.read(executed, as_version=4).cells), f"{source.name}: cell count differs: run 'make reproduce'"
    assert not mismatch, f"{source.name} and {executed.name} differ in cell(s) {mismatch}: run 'make reproduce' after editing the .py"


def test_every_notebook_is_in_the_catalog_and_every_claim_has_its_notebook():
    stems = {p.stem for p in SOURCES}
    assert stems == set(catalog.NOTEBOOKS)
    assert {entry.notebook for entry in claims().values()} <= stems


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.stem)
def test_a_notebook_holds_no_loop_and_states_each_claim_before_testing_it(source):
    notebook = jupytext.read(source)
    for cell in notebook.cells:
        if cell.cell_type != "code":
            continue
        tree = ast.parse(cell.source)
        loops = [node for node in ast.walk(tree) if isinstance(node, (ast.For, ast.While, ast.comprehension))]
        assert not loops, f"{source.name}: a loop or comprehension in a code cell belongs in reelib:\n{cell.source}"
    text = "\n".join(cell.source for cell in notebook.cells if cell.cell_type == "markdown")
    for claim_id in sorted({entry.id for entry in claims().values() if entry.notebook == source.stem}):
        stated = text.find(claim_id)
        assessed = next((i for i, cell in enumerate(notebook.cells) if cell.cell_type == "code" and re.search(rf"assess\(\s*\"{claim_id}\"", cell.source)), None)
        assert stated >= 0, f"{source.name}: {claim_id} is not stated in a markdown cell"
        assert assessed is not None, f"{source.name}: {claim_id} is not assessed"
        first_markdown = next(i for i, cell in enumerate(notebook.cells) if cell.cell_type == "markdown" and claim_id in cell.source)
        assert first_markdown < assessed, f"{source.name}: {claim_id} is tested before it is stated"


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.stem)
def test_executed_notebooks_carry_no_warnings_or_paths_of_this_machine(source):
    # A warning prints the absolute path of the module that raised it, so a stored one makes the
    # notebook differ between checkouts (and it is a fault to fix, not to publish).
    notebook = nbformat.read(source.with_suffix(".ipynb"), as_version=4)
    stderr = [cell.source for cell in notebook.cells if cell.cell_type == "code" for output in cell.outputs if output.get("name") == "stderr"]
    assert not stderr, f"{source.stem}: a cell writes to stderr (a warning?):\n{stderr[0]}"
    assert str(paths.ROOT) not in source.with_suffix(".ipynb").read_text(), f"{source.stem}: an output names this checkout's path"
