"""The README says what the repository does: its findings are the verdicts', its make targets are the Makefile's."""

import re
import subprocess
import sys

from conftest import ROOT


def test_the_findings_table_is_the_one_the_verdicts_give():
    check = subprocess.run([sys.executable, "tools/findings_table.py", "--check"], cwd=ROOT, capture_output=True, text=True)
    assert check.returncode == 0, check.stderr


def test_every_make_target_is_documented():
    phony = re.search(r"^\.PHONY:(.*)$", (ROOT / "Makefile").read_text(), re.M).group(1).split()
    readme = (ROOT / "README.md").read_text()
    assert [t for t in phony if f"`make {t}`" not in readme] == []
