"""data/claims.yaml: the real registry loads, matches the source texts, and a bad one is refused clearly."""

import ast
import re

import pytest
from conftest import needs_shared_texts

from reelib import ClaimError, paths
from reelib.registry import claims, claims_file, load_registry, source_texts
from reelib.runner.keys import file_sha256

GOOD_CLAIM = """\
  - id: CNRS-05
    source: cnrs
    section: Key data
    quote: "In 2024, global mining production reached 390 kilotons (kt) (USGS)"
    notebook: 01_supply_concentration
    data_needed: "USGS MCS 2025, rare earths, world total."
    parts:
      - {name: world_production_2024, quantity: "world mine production, 2024", stated: "390 kt REO", unit: "kt REO"}
"""


def registry_text(claim_text=GOOD_CLAIM):
    text = claims_file().read_text()
    head = text[: text.index("claims:\n") + len("claims:\n")]
    return head + claim_text


def load(tmp_path, text):
    path = tmp_path / "claims.yaml"
    path.write_text(text)
    return load_registry(path)


def test_a_minimal_registry_loads(tmp_path):
    registry = load(tmp_path, registry_text())
    assert registry["CNRS-05"].part("world_production_2024").interval == pytest.approx((385, 395))


@pytest.mark.parametrize(
    "change, message",
    [
        (lambda t: t + GOOD_CLAIM, r"claim CNRS-05, key 'id': duplicate ID \(entries 1 and 2\)"),
        (lambda t: t.replace('    quote: "In 2024, global mining production reached 390 kilotons (kt) (USGS)"\n', ""), r"claim CNRS-05: 'quote' is a required property"),
        (lambda t: t.replace('unit: "kt REO"}', 'unit: "kt REO", tolerence: 0.05}'), r"claim CNRS-05, part 'world_production_2024', key 'tolerence': unknown key \(allowed: name, quantity, stated, unit"),
        (lambda t: t.replace("    section:", "    sektion: x\n    section:"), r"claim CNRS-05, key 'sektion': unknown key"),
        (lambda t: t.replace('unit: "kt REO"}', 'unit: "percent"}'), r"claim CNRS-05, part 'world_production_2024', key 'stated': '390 kt REO' is in kt·REO .* does not match the part's unit 'percent'"),
        (lambda t: t.replace('unit: "kt REO"}', 'unit: "kt fish"}'), r"claim CNRS-05, part 'world_production_2024', key 'unit': cannot read the unit"),
        (lambda t: t.replace('stated: "390 kt REO"', 'stated: "roughly 390 kt REO"'), r"claim CNRS-05, part 'world_production_2024', key 'stated': cannot read 'roughly 390 kt REO'"),
        (lambda t: t.replace("    parts:\n", "    parts: [\n"), r"line \d+: invalid YAML"),
        (lambda t: t.replace("section: Key data", "section: !!str Key data"), r"line \d+: YAML tag '!!str' is not allowed"),
        (lambda t: t.replace("section: Key data", "section: !!python/object:os.system x"), r"YAML tag"),
        (lambda t: t.replace("    source: cnrs\n", "    source: cnrs\n    source: clepa\n"), r"invalid YAML: key 'source' appears twice"),
        (lambda t: t.replace("    notebook:", "    origin: [no-such-source]\n    origin_why: a made-up source\n    notebook:"), r"claim CNRS-05, key 'origin': \['no-such-source'\] are not sources"),
        (lambda t: t.replace("    notebook:", "    origin: [usgs-mcs-2025-rare-earths]\n    notebook:"), r"claim CNRS-05: 'origin_why' is a dependency of 'origin'"),
        (lambda t: t.replace("    notebook: 01_supply_concentration\n", ""), r"claim CNRS-05: 'notebook' is a required property"),
        (lambda t: t.replace('unit: "kt REO"}', 'unit: "kt REO", window: {start: 2025, end: 2024, why: "backwards"}}'), r"key 'window': starts in 2025, after its end 2024"),
        (lambda t: t.replace("id: CNRS-05", "id: CNRS-5"), r"key 'id': 'CNRS-5' does not match"),
        (lambda t: t.replace("    twice: {value: 2, why:", "    twice: {why:"), r"key 'twice': .* is not valid under any of the given schemas"),
        (lambda t: t.replace("    twice: {value: 2, why:", "    twice: {factor: 2, at_least: 2, why:"), r"key 'twice': 'value' is a dependency of 'factor'"),
    ],
    ids=[
        "duplicate-id", "missing-quote", "misspelt-tolerance", "unknown-claim-key", "unit-mismatch", "unknown-unit",
        "unreadable-stated", "invalid-yaml", "yaml-tag", "python-tag", "duplicate-key", "unknown-origin",
        "origin-without-reason", "no-notebook", "reversed-window", "malformed-id", "phrase-without-reading", "factor-without-value",
    ],
)
def test_a_bad_registry_gives_one_error_naming_file_claim_and_key(tmp_path, change, message):
    with pytest.raises(ClaimError, match=message) as caught:
        load(tmp_path, change(registry_text()))
    assert str(caught.value).startswith(str(tmp_path / "claims.yaml"))
    assert "\n" not in str(caught.value)


def test_a_missing_registry_is_named(tmp_path):
    with pytest.raises(ClaimError, match="cannot read the claims registry"):
        load_registry(tmp_path / "nowhere.yaml")


def test_the_real_registry_has_33_claims_each_with_a_notebook():
    registry = claims()
    assert len(registry) == 33
    assert all(re.fullmatch(r"\d\d_[a-z_]+", c.notebook) for c in registry.values())


def test_overrides_say_why_and_are_marked():
    overridden = [(c.id, p.name) for c in claims().values() for p in c.parts if p.overridden]
    assert ("CNRS-13", "china_peak_2000s") in overridden
    for claim_id, name in overridden:
        assert len(claims()[claim_id].part(name).reading.rule) > len("override: ") + 20


def assessed_in(notebook_source):
    """Claim IDs passed to assess() in a notebook's .py source."""
    tree = ast.parse(notebook_source)
    return {
        node.args[0].value
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "assess" and node.args and isinstance(node.args[0], ast.Constant)
    }


@pytest.mark.parametrize("notebook", sorted(p.stem for p in paths.NOTEBOOK_DIR.glob("[0-9][0-9]_*.py")))
def test_each_notebook_assesses_exactly_the_claims_that_name_it(notebook):
    named = {c.id for c in claims().values() if c.notebook == notebook}
    assert assessed_in((paths.NOTEBOOK_DIR / f"{notebook}.py").read_text()) == named


@needs_shared_texts
def test_registry_holds_exactly_the_ids_of_claims_md():
    listed = set(re.findall(r"\| ((?:CNRS|CLEPA)-\d+) \|", (paths.SOURCE_TEXT_DIR.parent / "CLAIMS.md").read_text()))
    assert len(listed) == 33
    assert set(claims()) == listed


@needs_shared_texts
@pytest.mark.parametrize("key", ["cnrs", "clepa"])
def test_the_source_texts_are_the_ones_the_registry_was_written_from(key):
    path, recorded = source_texts()[key]
    assert file_sha256(path) == recorded, f"{path.name} changed since data/claims.yaml recorded its sha256: re-check every quote"


def normalise(text):
    text = re.sub(r"<sup>.*?</sup>", "", text).replace("**", "")
    return re.sub(r"\s+", " ", text)


@needs_shared_texts
@pytest.mark.parametrize("claim_id", sorted(claims()))
def test_every_quote_is_verbatim_in_its_source(claim_id):
    entry = claims()[claim_id]
    path, _ = source_texts()[entry.source]
    text = normalise(path.read_text())
    for quote in entry.quotes:
        assert normalise(quote) in text
