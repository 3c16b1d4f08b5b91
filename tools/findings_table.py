"""Write the README's table of findings from reports/verdicts.json, so that the README never says more than the verdicts.

    python tools/findings_table.py          rewrite the block between the markers in README.md
    python tools/findings_table.py --check  exit 1 if README.md is out of date (tests/test_readme.py)
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from reelib.claims import evidence_text  # noqa: E402

START, END = "<!-- findings:start (tools/findings_table.py) -->", "<!-- findings:end -->"
ORDER = ("reproduced", "consistent", "not supported", "not checkable", "not assessed")


def _part(part: dict, alone: bool) -> str:
    deciding = [item for item in part.get("evidence", []) if item.get("role") == "decides"]
    found = f"stated {part['stated']}, found {evidence_text(deciding[0], cite=False)}" if deciding else part["verdict"]
    return found if alone else f"{part['part'].replace('_', ' ')}: {found}" + (f" ({part['verdict']})" if deciding else "")


def markdown(verdicts: list[dict]) -> str:
    counts = Counter(item["verdict"] for item in verdicts)
    lines = [
        "**" + ", ".join(f"{counts[v]} {v}" for v in ORDER) + ".**",
        "",
        "| claim | notebook | verdict | stated and found (the deciding evidence) |",
        "|---|---|---|---|",
    ]
    for item in verdicts:
        parts = "; ".join(_part(part, len(item["parts"]) == 1) for part in item["parts"])
        lines.append(f"| {item['claim']} | {item['notebook'][:2]} | {item['verdict']} | {parts} |")
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    readme = ROOT / "README.md"
    text = readme.read_text(encoding="utf-8")
    if START not in text or END not in text:
        print(f"README.md has no block between {START} and {END}", file=sys.stderr)
        return 1
    table = markdown(json.loads((ROOT / "reports" / "verdicts.json").read_text(encoding="utf-8")))
    head, rest = text.split(START, 1)
    updated = f"{head}{START}\n{table}\n{END}{rest.split(END, 1)[1]}"
    if "--check" in argv:
        if updated != text:
            print("README.md's findings differ from reports/verdicts.json: run 'python tools/findings_table.py'", file=sys.stderr)
            return 1
        return 0
    readme.write_text(updated, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
