"""Install the pip part of environment.yml the way conda would, in a throwaway venv, and import reelib from it.

conda creates the environment from the conda-forge packages, then hands each
line of the ``pip:`` section to pip as a requirement, from the folder of
environment.yml. There is no conda here, so the conda-forge part is stood in
for by the lock (as constraints: the same pins), and the pip part is
installed exactly as written. An option hidden in that section, a package
pip cannot find, or a reelib that does not import all fail here.

    python tools/check_environment.py       (make test-environment; needs PyPI)
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
VENV = ROOT / "build" / "environment-check"


def pip_section(environment: Path) -> list[str]:
    document = yaml.safe_load(environment.read_text(encoding="utf-8"))
    sections = [item["pip"] for item in document["dependencies"] if isinstance(item, dict) and "pip" in item]
    if len(sections) != 1:
        raise SystemExit(f"{environment.name}: expected one pip: section, found {len(sections)}")
    return sections[0]


def main() -> int:
    lines = pip_section(ROOT / "environment.yml")
    shutil.rmtree(VENV, ignore_errors=True)
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
    python = VENV / "bin" / "python"
    requirements = VENV / "pip-section.txt"
    requirements.write_text("\n".join(lines) + "\n", encoding="utf-8")
    # From the folder of environment.yml, as conda runs it; the lock stands in for the conda-forge packages.
    install = subprocess.run([str(python), "-m", "pip", "install", "--quiet", "-r", str(requirements), "-c", "requirements.lock"], cwd=ROOT)
    if install.returncode != 0:
        print("error: the pip section of environment.yml does not install", file=sys.stderr)
        return 1
    check = subprocess.run([str(python), "-c", "import reelib, flodym, sankeyflow; print('reelib', reelib.__version__)"], cwd=VENV)
    if check.returncode != 0:
        return 1
    print(f"environment.yml: pip section ({len(lines)} lines) installed and reelib imported in {time.perf_counter() - started:.0f} s")
    shutil.rmtree(VENV, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
