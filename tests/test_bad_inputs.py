"""Every bad input gets one clear line naming the culprit, exit status 2, and publishes nothing.

One table: parameters of every notebook (checked by ``reelib run`` before a
kernel starts), data files and the claims registry (checked by ``reelib
reproduce`` before any notebook starts, in a copy of the repository's
inputs). For each, the message must name the parameter, file, line or key,
and every published file must be byte-identical afterwards.
"""

import hashlib
import shutil

import pytest

from reelib import paths
from reelib.runner.cli import main

PUBLISHED = ("figures", "reports", "notebooks")


def snapshot(root):
    """sha256 of every published file under ``root``."""
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for folder in PUBLISHED
        for p in sorted((root / folder).rglob("*"))
        if p.is_file()
    }


PARAMETER_CASES = [
    # (notebook, name, value as typed on the command line, what the message must say)
    ("05", "samples", "abc", r"'samples': expected a whole number, got str 'abc'"),
    ("05", "samples", "", r"'samples': expected a whole number, got str ''"),
    ("05", "samples", "1.5", r"'samples': expected a whole number, got 1.5"),
    ("05", "samples", "0", r"'samples': 0 is below the minimum 1"),
    ("05", "samples", "1e9", r"'samples': expected a whole number, got 1000000000.0"),
    ("05", "samples", "99999999999", r"'samples': 99999999999 is above the maximum 10000000"),
    ("05", "samples", "True", r"'samples': expected a whole number, got bool True"),
    ("05", "samples", "５", r"'samples': '５' contains U\+FF15 FULLWIDTH DIGIT FIVE"),
    ("05", "level", "nan", r"'level': nan is not a finite number"),
    ("05", "level", "inf", r"'level': inf is not a finite number"),
    ("05", "level", "-inf", r"'level': -inf is not a finite number"),
    ("05", "level", "1.5", r"'level': 1.5 is above the maximum 0.99"),
    ("05", "level", "0.9x", r"'level': expected a number, got str '0.9x'"),
    ("05", "level", "−0.5", r"'level': '−0.5' contains U\+2212 MINUS SIGN at position 0"),
    ("05", "seed", "-1", r"'seed': -1 is below the minimum 0"),
    ("05", "edition", "2019", r"'edition': 2019 is not one of 'latest', 2023"),
    ("05", "edition", "latest ", r"'edition': 'latest ' is not one of"),
    ("01", "vintage", "newest", r"'vintage': 'newest' is not one of 'latest', 'first'"),
    ("05", "coal_ash_tonnage", "5 m", r"'coal_ash_tonnage': '5 m' has dimension \[length\], expected \[mass\] / \[time\]"),
    ("05", "coal_ash_tonnage", "", r"'coal_ash_tonnage': expected a value or range with a unit"),
    ("05", "coal_ash_tonnage", "750..1000", r"'coal_ash_tonnage': '750..1000' is not 'value unit'"),
    ("05", "coal_ash_tonnage", "1000..750 Mt/a", r"'coal_ash_tonnage': expected low ≤ central ≤ high"),
    ("05", "coal_ash_tonnage", "−750 Mt/a", r"'coal_ash_tonnage': '−750 Mt/a' contains U\+2212 MINUS SIGN"),
    ("05", "coal_ash_tonnage", "750–1000 Mt/a", r"'coal_ash_tonnage': '750–1000 Mt/a' contains U\+2013 EN DASH"),
    ("05", "coal_ash_tonnage", "nan Mt/a", r"'coal_ash_tonnage': 'nan Mt/a' is not a finite number"),
    ("05", "coal_ash_tonnage", "inf Mt/a", r"'coal_ash_tonnage': 'inf Mt/a' is not a finite number"),
    ("05", "coal_ash_tonnage", "-5 Mt/a", r"'coal_ash_tonnage': '-5 Mt/a' is below the minimum 0 Mt/a"),
    ("05", "coal_ash_tonnage", "1e9 Mt/a", r"'coal_ash_tonnage': '1e9 Mt/a' is above the maximum 100000 Mt/a"),
    ("05", "coal_ash_concentration", "2e6 ppm REE", r"'coal_ash_concentration': '2e6 ppm REE' is above the maximum"),
    ("05", "coal_ash_concentration", "400 ppm REO", r"'coal_ash_concentration': '400 ppm REO' has dimension \[REO\], expected \[REE\]"),
    ("05", "coal_ash_concentration", "400 ppm", r"'coal_ash_concentration': '400 ppm' has dimension dimensionless, expected \[REE\]"),
    ("05", "coal_ash_concentration", "400\u00a0ppm REE", r"'coal_ash_concentration': .* contains U\+00A0 NO-BREAK SPACE"),
    ("05", "residue_concentration", "lots", r"'residue_concentration': 'lots' is not 'value unit'"),
    ("05", "residue_tonnage", "150 kt", r"'residue_tonnage': '150 kt' has dimension \[mass\], expected \[mass\] / \[time\]"),
    ("01", "min_share", "5", r"'min_share': 5 is above the maximum 1"),
    ("01", "min_share", "-0.1", r"'min_share': -0.1 is below the minimum 0"),
    ("01", "lookback", "0", r"'lookback': 0 is below the minimum 1"),
    ("01", "refining_since", "1900", r"'refining_since': 1900 is below the minimum 2000"),
    ("04", "since", "twenty", r"'since': expected a whole number, got str 'twenty'"),
    ("02", "confidence", "1", r"'confidence': 1 is above the maximum 0.999"),
    ("03", "production_year", "1800", r"'production_year': 1800 is below the minimum 2000"),
    ("01", "edtion", "2025", r"'edtion': 01_supply_concentration has no such parameter; its parameters are edition"),
    ("99", "edition", "2025", r"no single notebook matches '99'; known: 01_supply_concentration"),
]


@pytest.fixture(scope="module")
def published_before():
    return snapshot(paths.ROOT)


@pytest.mark.parametrize("notebook, name, value, message", PARAMETER_CASES, ids=[f"{n}-{p}-{v!r}" for n, p, v, _ in PARAMETER_CASES])
def test_a_bad_parameter_is_refused_before_any_work(notebook, name, value, message, capsys, published_before):
    runs = paths.BUILD_DIR / "runs"
    before = sorted(runs.rglob("*")) if runs.exists() else []
    assert main(["run", notebook, "-p", name, value]) == 2
    error = capsys.readouterr().err
    assert error.startswith("error: ") and error.count("\n") == 1
    assert __import__("re").search(message, error), error
    assert (sorted(runs.rglob("*")) if runs.exists() else []) == before
    assert snapshot(paths.ROOT) == published_before


@pytest.fixture
def project(tmp_path, monkeypatch):
    """A copy of the repository's inputs and published files, with reelib.paths pointed at it."""
    root = tmp_path / "repo"
    for folder in ("data", "figures", "reports", "notebooks"):
        shutil.copytree(paths.ROOT / folder, root / folder)
    shutil.copy(paths.ROOT / "requirements.lock", root / "requirements.lock")
    for name, folder in (("ROOT", ""), ("DATA_DIR", "data"), ("NOTEBOOK_DIR", "notebooks"), ("FIGURE_DIR", "figures"),
                         ("REPORT_DIR", "reports"), ("VERDICT_DIR", "reports/verdicts"), ("BUILD_DIR", "build")):
        monkeypatch.setattr(paths, name, root / folder if folder else root)
    return root


def rewrite(path, old, new, count=1):
    text = path.read_bytes()
    assert old in text, (path, old)
    path.write_bytes(text.replace(old, new, count))


DATA = "data/usgs_rare_earths_production.csv"
SECONDARY = "data/secondary_sources.csv"
CLAIMS = "data/claims.yaml"
PACKAGE = "data/datapackage.json"
FILE_CASES = [
    # (file, change, must the checksum be refreshed afterwards, what the message must say)
    (DATA, lambda b: b"\xef\xbb\xbf" + b, True, r"usgs_rare_earths_production.csv, line 1: starts with a UTF-8 byte-order mark"),
    (DATA, lambda b: b.replace(b",29000,true,", b",nan,true,", 1), True, r"usgs_rare_earths_production.csv, line 2, column 'production': 'nan' is not a finite number"),
    (DATA, lambda b: b.replace(b",29000,true,", b",inf,true,", 1), True, r"line 2, column 'production': 'inf' is not a finite number"),
    (DATA, lambda b: b.replace(b"MCS,2026,2024,Australia", b"MCS,2026,2024,", 1), True, r"line 2, column 'country': value is required but empty"),
    (DATA, lambda b: b.replace(b",29000,true,", b",29 kt,true,", 1), True, r"line 2, column 'production': '29 kt' is not of type number"),
    (DATA, lambda b: b[: b.index(b'"Rare Earths, World Mine Production and Reserves table, p. 153"') + 10], True, r"malformed CSV .*cut off"),
    (DATA, lambda b: b.replace(b"Australia", b"Austr\xe4lia", 1), True, r"usgs_rare_earths_production.csv, line 2: is not UTF-8 text"),
    (DATA, lambda b: b.replace(b",29000,true,", b",29001,true,", 1), False, r"usgs_rare_earths_production.csv: sha256 .* differs from datapackage.json"),
    (SECONDARY, lambda b: b.replace(b",Mt/a,mass of ash,", b",Mt/blorp,mass of ash,", 1), True, r"secondary_sources.csv, line 2, column 'unit': unit 'Mt/blorp' is not one pint knows"),
    (PACKAGE, lambda b: b.replace(b'"unit": "t REO"', b'"unit": "t RE0"', 1), False, r"datapackage.json, column 'production': dataset 'usgs_production': unit 't RE0'"),
    (PACKAGE, lambda b: b.replace(b'"resources": [', b'"resources": [[', 1), False, r"datapackage.json: not valid JSON"),
    (CLAIMS, lambda b: b.replace(b'stated: "390 kt REO"', b'stated: "390 kt REO", tolerance: 0.05', 1), False, r"claims.yaml: claim CNRS-05, part 'world_production_2024', key 'tolerance': unknown key"),
    (CLAIMS, lambda b: b.replace(b"section: \"Key data\"", b"section: !!str \"Key data\"", 1), False, r"claims.yaml: line \d+: YAML tag '!!str' is not allowed"),
    (CLAIMS, lambda b: b.replace(b"  - id: CNRS-02\n", b"  - id: CNRS-01\n", 1), False, r"claims.yaml: claim CNRS-01, key 'id': duplicate ID"),
    (CLAIMS, lambda b: b.replace(b"claims:\n", b"claims: [\n", 1), False, r"claims.yaml: line \d+: invalid YAML"),
    (CLAIMS, lambda b: b.replace(b'unit: "kt REO", window', b'unit: "percent", window', 1), False, r"claims.yaml: claim CNRS-05, part 'world_production_2024', key 'stated': '390 kt REO' is in kt·REO"),
    (CLAIMS, lambda b: b.replace(b"    quote: \"In 2024, global mining production reached 390 kilotons (kt) (USGS)\"\n", b"", 1), False, r"claims.yaml: claim CNRS-05: 'quote' is a required property"),
]


@pytest.mark.parametrize("name, change, rehash, message", FILE_CASES, ids=[f"{n.split('/')[1]}-{i}" for i, (n, *_) in enumerate(FILE_CASES)])
def test_a_bad_data_file_or_registry_stops_reproduce_before_any_notebook(project, name, change, rehash, message, capsys):
    path = project / name
    path.write_bytes(change(path.read_bytes()))
    if rehash:
        from reelib.data import rehash as record_checksums

        record_checksums()
    before = snapshot(project)
    assert main(["reproduce", "--force"]) == 2
    error = capsys.readouterr().err
    assert error.startswith("error: ") and error.count("\n") == 1
    assert __import__("re").search(message, error), error
    assert snapshot(project) == before
    assert not (project / "build" / "staging").exists() or not any((project / "build" / "staging").iterdir())


def test_the_table_has_at_least_forty_cases():
    assert len(PARAMETER_CASES) + len(FILE_CASES) >= 40
