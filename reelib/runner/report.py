"""The HTML reports: one page per executed notebook, and the claims dashboard that links them.

Both are written for a reader who has only the ``reports/`` folder and no
network. A notebook's page is nbconvert's HTML exporter with the template of
``templates/reelib`` (built on nbconvert's ``lab`` cell rendering): its
title, the claims it assesses with their verdicts first, code folded under
each cell, tables in full, every figure with its caption as alt text and an
anchor, and a footer with the data read, the parameters, the dependency key
and the sources. No script, style or font is loaded from anywhere: the
styles are inlined, there is no require.js, MathJax or web font.

The dashboard (``reports/index.html``) is written from the published verdicts
(``reports/verdicts.json``) and the figures' sidecars: every claim in one
sortable table, counts per verdict, links to the section and figure that
assess it, the notebooks and the data sources. Both are deterministic: the
same inputs give the same bytes.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from ..registry import claims as registry_claims

__all__ = ["TEMPLATES", "export_html", "index_html", "notebook_title"]

#: The folder holding the ``reelib`` nbconvert template and the reports' stylesheet.
TEMPLATES = Path(__file__).parent / "templates"
_CLAIM_ID = re.compile(r"\b(?:CNRS|CLEPA)-\d\d\b")


def _css() -> str:
    return (TEMPLATES / "reelib" / "report.css").read_text(encoding="utf-8")


def _verdict_class(verdict: str) -> str:
    return verdict.replace(" ", "-")


def _evidence(part: Mapping[str, Any], *, cite: bool = True) -> str:
    """The deciding evidence of a recorded part, or what would settle a part that is not checkable."""
    from ..claims import evidence_text, provenance_text

    if part["verdict"] == "not checkable":
        return "needs: " + part.get("needs", "")
    deciding = [e for e in part.get("evidence", []) if e["role"] == "decides"]
    return "; ".join(evidence_text(e, cite=cite) + (f" ({provenance_text(e)})" if not cite else "") for e in deciding) or "—"


def notebook_title(notebook: Any) -> str:
    """The notebook's title: its first markdown heading, without the ``#``."""
    for cell in notebook.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("# "):
                    return line[2:].strip()
    return "Notebook"


def _prepare(notebook: Any) -> None:
    """Drop the title heading (the page prints it) and put an anchor before each heading that names claims."""
    title_dropped = False
    for cell in notebook.cells:
        if cell.cell_type != "markdown":
            continue
        lines = []
        for line in cell.source.splitlines():
            if not title_dropped and line.startswith("# "):
                title_dropped = True
                continue
            if line.startswith("#"):
                anchors = "".join(f'<a id="claim-{claim}"></a>' for claim in dict.fromkeys(_CLAIM_ID.findall(line)))
                if anchors:
                    lines.append(anchors)
                    lines.append("")
            lines.append(line)
        cell.source = "\n".join(lines)


def _records(folder: Path) -> list[dict[str, Any]]:
    return [json.loads(p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.json"))] if folder.is_dir() else []


def _citations(source_ids: Iterable[str]) -> list[str]:
    from ..data import sources

    catalogue = sources()
    return sorted({catalogue[s]["citation"] for s in source_ids if s in catalogue}, key=str.casefold)


def export_html(executed: Path, target: Path, *, stem: str, key: str, parameters: Mapping[str, Any]) -> None:
    """Write the report of the executed notebook ``executed`` (in its run folder) to ``target``.

    The run folder holds what the footer and the summary need: ``verdicts/``,
    ``figures/`` (sidecars) and ``inputs.json``.
    """
    import nbconvert
    import nbformat

    from .. import __version__

    folder = executed.parent
    notebook = nbformat.read(executed, as_version=4)
    title = notebook_title(notebook)
    _prepare(notebook)
    verdicts = _records(folder / "verdicts")
    sidecars = _records(folder / "figures")
    claims = [
        {"claim": record["claim"], "part": part["part"], "stated": part["stated"], "reading": part["reading"]["interval"], "evidence": _evidence(part, cite=False),
         "verdict": part["verdict"], "css": _verdict_class(part["verdict"])}
        for record in sorted(verdicts, key=lambda r: _claim_order(r["claim"]))
        for part in record["parts"]
    ]
    sources = {s for record in sidecars for s in record.get("sources", [])}
    sources |= {s for record in verdicts for part in record["parts"] for e in part.get("evidence", []) for s in e.get("sources", [])}
    inputs_file = folder / "inputs.json"
    inputs = json.loads(inputs_file.read_text(encoding="utf-8")) if inputs_file.exists() else {}
    page = {
        "title": title,
        "stem": stem,
        "claims": claims,
        "parameters": sorted((name, repr(value) if not isinstance(value, str) else value) for name, value in parameters.items()),
        "inputs": sorted((name, entry["path"], entry["sha256"]) for name, entry in inputs.items()),
        "sources": _citations(sources),
        "key": key,
        "claim_count": len(registry_claims()),
        "version": __version__,
        "css": _css(),
    }
    exporter = nbconvert.HTMLExporter(template_name="reelib", extra_template_basedirs=[str(TEMPLATES)])
    body, _ = exporter.from_notebook_node(notebook, resources={"reelib": page})
    target.write_text(body, encoding="utf-8")


def _claim_order(claim_id: str) -> tuple[str, int]:
    source, number = claim_id.split("-")
    return ("0" if source == "CNRS" else "1", int(number))


def _figures_by_claim(figure_dir: Path) -> dict[str, list[tuple[str, str]]]:
    """Claim ID → [(figure name, notebook)] from the published sidecars."""
    found: dict[str, list[tuple[str, str]]] = {}
    for sidecar in sorted(figure_dir.glob("*.json")):
        record = json.loads(sidecar.read_text(encoding="utf-8"))
        for claim in record.get("claims", []):
            found.setdefault(claim, []).append((sidecar.stem, record.get("notebook", "")))
    return found


_SORT_SCRIPT = """
document.querySelectorAll("table.sortable").forEach(function (table) {
  table.querySelectorAll("th").forEach(function (header, column) {
    header.addEventListener("click", function () {
      var ascending = header.getAttribute("aria-sort") !== "ascending";
      table.querySelectorAll("th").forEach(function (h) { h.removeAttribute("aria-sort"); });
      header.setAttribute("aria-sort", ascending ? "ascending" : "descending");
      var body = table.tBodies[0];
      Array.from(body.rows).sort(function (a, b) {
        var x = a.cells[column].dataset.sort || a.cells[column].textContent;
        var y = b.cells[column].dataset.sort || b.cells[column].textContent;
        return (ascending ? 1 : -1) * x.localeCompare(y, undefined, {numeric: true});
      }).forEach(function (row) { body.appendChild(row); });
    });
  });
});
"""


def index_html(rows: Sequence[Mapping[str, Any]], *, figure_dir: Path, report_dir: Path, notebooks: Mapping[str, str],
               resources: Mapping[str, tuple[str, str]], source_texts: Mapping[str, str], sources: Mapping[str, Mapping[str, Any]]) -> str:
    """The claims dashboard, from the rows of ``reports/verdicts.json``.

    Parameters
    ----------
    rows
        One per claim (:func:`reelib.claims.summarise`).
    figure_dir, report_dir
        Where the figures' sidecars and the notebooks' reports are; a link
        is written only to a report that exists.
    notebooks
        Stem → title of every theme notebook.
    resources
        The datasets of ``data/datapackage.json``: name → (file, description).
    source_texts
        ``cnrs``/``clepa`` → the title of the text the claims come from.
    sources
        Every source of ``data/datapackage.json`` (ID → entry), listed by citation with the copy read.
    """
    from ..claims import STATUSES, provenance_text

    escape = html.escape
    figures = _figures_by_claim(figure_dir)
    counts = {status: sum(r["verdict"] == status for r in rows) for status in STATUSES}
    body = []
    for position, row in enumerate(rows):
        stem = row["notebook"]
        report = f"{stem}.html"
        exists = (report_dir / report).exists()
        claim_link = f'<a href="{report}#claim-{row["claim"]}">{row["claim"]}</a>' if exists else row["claim"]
        parts = row.get("parts", [])
        stated = "<br>".join(escape(p["stated"]) for p in parts) or "—"
        reading = "<br>".join(escape(p["reading"]["interval"]) for p in parts) or "—"
        evidence = "<br>".join(escape(_evidence(p)) for p in parts) or escape("needs: " + row.get("needs", ""))
        provenance = "<br>".join(escape(", ".join(sorted({provenance_text(e) for e in p.get("evidence", []) if e["role"] == "decides"})) or "—")
                                 for p in parts) or "—"
        figure_links = ", ".join(f'<a href="{f"{notebook}.html" if notebook else report}#figure-{name}">{name}</a>'
                                 for name, notebook in figures.get(row["claim"], []) if (report_dir / f"{notebook}.html").exists()) or "—"
        quote = " … ".join(f"“{escape(q)}”" for q in row["quote"])
        body.append(
            f'<tr class="claim"><td data-sort="{position:03d}">{claim_link}</td><td>{escape(source_texts.get(row["source"], row["source"]))}<br>'
            f'<small>{escape(row["section"])}</small></td><td class="quote">{quote}</td><td>{stated}</td><td>{reading}</td><td>{evidence}</td>'
            f'<td data-sort="{STATUSES.index(row["verdict"])}"><span class="verdict {_verdict_class(row["verdict"])}">{row["verdict"]}</span></td>'
            f"<td>{provenance}</td><td class=\"figures\">{figure_links}</td></tr>"
        )
    notebook_items = "".join(
        f'<li><a href="{stem}.html">{escape(stem)}</a>: {escape(title)}</li>'
        if (report_dir / f"{stem}.html").exists()
        else f"<li>{escape(stem)}: {escape(title)} (no report yet)</li>"
        for stem, title in notebooks.items()
    )
    data_items = "".join(
        f"<li><code>data/{escape(file)}</code>: {escape(description.split('. ')[0])}</li>" for name, (file, description) in sorted(resources.items())
    )
    source_items = "".join(
        f"<li>{escape(entry['citation'])}: {escape(entry.get('title', ''))} ({escape(str(entry.get('publisher', '')))}, {entry.get('year', '')}; "
        f"read {escape(entry['copy'])})</li>"
        for entry in sorted(sources.values(), key=lambda e: (e["citation"].casefold(), e["id"]))
    )
    count_text = "".join(f'<span><span class="verdict {_verdict_class(s)}">{s}</span> {n}</span>' for s, n in counts.items())
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>Claims dashboard · reelib</title>
<style>{_css()}</style>
</head>
<body>
<nav class="top">reelib compendium · rare earth elements: the numbers behind two texts</nav>
<main class="wide">
<h1>Claims dashboard</h1>
<p>Every quantitative claim of the CNRS collective scientific assessment and of CLEPA's position paper, with the value
reproduced from sourced data and a verdict computed by stated rules (<code>reelib.claims</code>; readings in
<code>data/claims.yaml</code>). <em>Reproduced</em>: independent, first-hand data inside the stated value as read;
<em>consistent</em>: the evidence reaches it, but rests on a model, a second-hand copy or the cited source, or only its
interval reaches; <em>not supported</em>: outside; <em>not checkable</em>: no open data could settle it (the row says
what would). Click a column header to sort.</p>
<p class="counts">{len(rows)} claims: {count_text}</p>
<table class="sortable" id="claims">
<thead><tr><th>claim</th><th>text and section</th><th>quote</th><th>stated</th><th>read as</th><th>reproduced value [interval]: source</th>
<th>verdict</th><th>evidence provenance</th><th>figures</th></tr></thead>
<tbody>
{chr(10).join(body)}
</tbody>
</table>
<h2>Notebooks</h2>
<ul>{notebook_items}</ul>
<h2>Data</h2>
<p>Every value in these files carries its source (publication, edition, table or page, the copy read and a quote);
the sources are listed with their URLs in <code>data/datapackage.json</code>.</p>
<ul>{data_items}</ul>
<details><summary>All {len(sources)} sources, with the copy read</summary>
<ul class="sources">{source_items}</ul>
</details>
<p class="licence">Figures and compiled data: CC BY 4.0; code: see LICENSE.</p>
</main>
<script>{_SORT_SCRIPT}</script>
</body>
</html>
"""
