"""The verdict rules: provenance, editions, second-hand copies, models, intervals, and the table."""

import json

import pytest

from reelib import Q_, ClaimError, paths
from reelib.claims import STATUSES, Evidence, NotCheckable, assess, provenance, summarise, verdict_table
from reelib.registry import claim

# Real sources of data/datapackage.json, chosen for what they are:
CITED = "usgs-mcs-2025-rare-earths"  # the source CNRS-05 cites
REVISION = "usgs-mcs-2026-rare-earths"  # a later edition of it
OLDER = "usgs-mcs-2024-rare-earths-datarelease"  # an earlier edition of it
INDEPENDENT = "nrcan-ree-facts"  # first-hand, not cited by CNRS-05
SECOND_HAND = "iea-gcmo-2024"  # read in a press relay
SAME_ORIGIN = "iea-commentary-2025-10"  # the IEA again: shares an origin with SECOND_HAND


@pytest.fixture(autouse=True)
def records(scratch):
    return scratch / "verdicts"


def kt(value, source, **kwargs):
    return Evidence(Q_(value, "kt REO"), sources=source, **kwargs)


def test_independent_first_hand_data_inside_the_reading_is_reproduced(records):
    verdict = assess("CNRS-05", kt(390, INDEPENDENT))
    assert verdict.verdict == "reproduced"
    recorded = json.loads((records / "CNRS-05.json").read_text())
    assert recorded["verdict"] == "reproduced" and recorded["parts"][0]["evidence"][0]["value"] == 390


def test_the_cited_source_alone_is_at_most_consistent_and_says_so():
    verdict = assess("CNRS-05", kt(390, CITED), record=False)
    part = verdict.parts[0]
    assert verdict.verdict == "consistent"
    assert part["why"].startswith("matches its cited source")
    assert "NOT the latest edition: USGS MCS 2026" in part["why"]


def test_the_latest_edition_decides_and_the_cited_one_is_shown():
    verdict = assess("CNRS-05", [kt(390, CITED), kt(380, REVISION, high=Q_(384, "kt REO"))], record=False)
    roles = [e["role"] for e in verdict.parts[0]["evidence"]]
    assert verdict.verdict == "not supported" and roles == ["superseded", "decides"]
    assert verdict.parts[0]["evidence"][1]["relation"] == "revision of the cited source"
    assert verdict.parts[0]["newer_editions_not_given"] == []


def test_independent_evidence_decides_over_the_cited_source():
    verdict = assess("CNRS-05", [kt(390, CITED), kt(600, INDEPENDENT)], record=False)
    assert verdict.verdict == "not supported"
    assert [e["role"] for e in verdict.parts[0]["evidence"]] == ["shown beside the independent, first-hand data", "decides"]


def test_second_hand_copies_cap_at_consistent():
    verdict = assess("CNRS-05", kt(390, SECOND_HAND), record=False)
    assert verdict.verdict == "consistent" and "second-hand" in verdict.parts[0]["why"]


def test_a_model_caps_at_consistent():
    assert assess("CNRS-05", kt(390, INDEPENDENT, basis="model"), record=False).verdict == "consistent"


def test_an_interval_that_only_reaches_the_reading_is_consistent():
    evidence = kt(400, INDEPENDENT, low=Q_(380, "kt REO"), high=Q_(410, "kt REO"))
    verdict = assess("CNRS-05", evidence, record=False)
    assert verdict.verdict == "consistent" and "only its interval reaches 385–395" in verdict.parts[0]["why"]


def test_disagreeing_value_is_not_supported():
    assert assess("CNRS-05", kt(300, INDEPENDENT), record=False).verdict == "not supported"


ANOTHER = "zhou-2017"  # another first-hand source CNRS-05 does not cite


def test_several_deciding_pieces_must_all_agree_for_the_better_verdict():
    assert assess("CNRS-05", [kt(390, INDEPENDENT), kt(391, ANOTHER)], record=False).verdict == "reproduced"
    assert assess("CNRS-05", [kt(390, INDEPENDENT), kt(300, ANOTHER)], record=False).verdict == "not supported"


def test_first_hand_data_decide_before_second_hand_copies_and_models():
    verdict = assess("CNRS-05", [kt(390, INDEPENDENT), kt(300, SECOND_HAND), kt(200, ANOTHER, basis="model")], record=False)
    assert verdict.verdict == "reproduced"
    assert [e["role"] for e in verdict.parts[0]["evidence"]] == ["decides"] + ["shown beside the independent, first-hand data"] * 2
    second_hand_only = assess("CNRS-05", [kt(391, SECOND_HAND), kt(300, ANOTHER, basis="model")], record=False)
    assert second_hand_only.verdict == "consistent" and second_hand_only.parts[0]["evidence"][1]["role"] == "shown beside the independent data"


def test_provenance_is_looked_up_never_typed():
    entry = claim("CNRS-05")
    assert (provenance(entry, kt(1, CITED)).relation, provenance(entry, kt(1, CITED)).copy) == ("cited source", "first-hand")
    assert provenance(entry, kt(1, REVISION)).relation == "revision of the cited source"
    assert provenance(entry, kt(1, OLDER)).relation == "earlier edition of the cited source"
    assert (provenance(entry, kt(1, SECOND_HAND)).relation, provenance(entry, kt(1, SECOND_HAND)).copy) == ("independent", "second-hand")


def test_a_source_sharing_the_cited_sources_origin_is_the_cited_source():
    entry = claim("CLEPA-02")  # cites clepa-website; clepa-2018-rnd shares its origin
    assert provenance(entry, Evidence(Q_(26, "GEUR/a"), sources="clepa-2018-rnd")).relation == "cited source"


def test_a_value_the_reader_assumed_is_named_and_never_reproduced():
    evidence = Evidence(Q_(390, "kt REO"), sources="parameter:world_total", basis="model", note="assumed")
    assert provenance(claim("CNRS-05"), evidence).citation == "assumed (world_total)"
    assert assess("CNRS-05", evidence, record=False).verdict == "consistent"
    with pytest.raises(ClaimError, match=r"rests on assumed \['parameter:world_total'\]: pass basis='model'"):
        kt(390, "parameter:world_total")


@pytest.mark.parametrize(
    "call, message",
    [
        (lambda: assess("CNRS-05", kt(390, [CITED, INDEPENDENT])), r"mixes \['cited source', 'independent'\]"),
        (lambda: assess("CNRS-05", kt(390, "no-such-source")), r"cites \['no-such-source'\], which are not sources"),
        (lambda: Evidence(Q_("390 kt REO"), sources=[]), "names no source"),
        (lambda: assess("CNRS-05", Evidence(Q_("390 kt"), sources=CITED)), "cannot be compared with the stated unit 'kt REO'"),
        (lambda: assess("CNRS-05", Evidence(390, sources=CITED)), "must be a Quantity"),
        (lambda: assess("CNRS-05", Evidence(Q_(float("nan"), "kt REO"), sources=CITED)), "is NaN"),
        (lambda: assess("CNRS-99", kt(1, CITED)), "no claim 'CNRS-99'"),
        (lambda: assess("CNRS-13", Evidence(Q_("1 percent"), sources=CITED)), "pass each by name"),
        (lambda: assess("CNRS-13", china_peak_2000s=NotCheckable("x")), r"missing \['united_states_2024', 'myanmar_2024'\]"),
        (lambda: assess("CNRS-05", kt(390, CITED, low=Q_("391 kt REO"))), "does not contain the value"),
        (lambda: assess("CNRS-05", []), "give Evidence, a list of Evidence, or NotCheckable"),
    ],
)
def test_misuse_is_a_clear_claim_error(call, message):
    with pytest.raises(ClaimError, match=message):
        call()


def test_parts_combine_worst_first_and_unchecked_parts_cap_at_consistent():
    def share(value):
        return Evidence(Q_(value, "percent"), sources=INDEPENDENT)

    assert assess("CNRS-13", china_peak_2000s=share(97), united_states_2024=share(11), myanmar_2024=share(7), record=False).verdict == "reproduced"
    assert assess("CNRS-13", china_peak_2000s=NotCheckable("x"), united_states_2024=share(11), myanmar_2024=share(7), record=False).verdict == "consistent"
    assert assess("CNRS-13", china_peak_2000s=NotCheckable("x"), united_states_2024=share(11), myanmar_2024=share(8), record=False).verdict == "not supported"
    none = {name: NotCheckable("y") for name in ("china_peak_2000s", "united_states_2024", "myanmar_2024")}
    assert assess("CNRS-13", **none, record=False).verdict == "not checkable"


def test_fractions_compare_with_percent_claims():
    assert assess("CNRS-02", Evidence(Q_(0.692, ""), sources=INDEPENDENT), record=False).verdict == "reproduced"


def test_spread_counts_estimates_sharing_an_origin_once():
    statements = Q_([87, 92, 91], "percent")
    evidence = Evidence.spread(statements, [INDEPENDENT, SECOND_HAND, SAME_ORIGIN], note="refining shares")
    # NRCan 87 and the IEA's two statements as one estimate (their median, 91.5): median 89.25, range 87–91.5.
    assert evidence.value.magnitude == pytest.approx(89.25)
    assert (evidence.low.magnitude, evidence.high.magnitude) == pytest.approx((87, 91.5))
    assert "IEA counted once" in evidence.note


def test_spread_of_one_origin_is_the_range_of_its_statements():
    evidence = Evidence.spread(Q_([92, 91], "percent"), [SECOND_HAND, SAME_ORIGIN], note="IEA")
    assert (evidence.value.magnitude, evidence.low.magnitude, evidence.high.magnitude) == pytest.approx((91.5, 91, 92))
    with pytest.raises(ClaimError, match="no statements"):
        Evidence.spread(Q_([], "percent"), [], note="none")
    with pytest.raises(ClaimError, match="2 statements but 1 source IDs"):
        Evidence.spread(Q_([1, 2], "percent"), [INDEPENDENT], note="mismatch")


def test_the_table_shows_reading_evidence_provenance_verdict_and_why():
    verdict = assess("CNRS-05", [kt(390, CITED), kt(380, REVISION, high=Q_(384, "kt REO"))], record=False)
    table = verdict_table([verdict])
    assert list(table.columns) == ["stated", "read as", "evidence", "provenance", "verdict", "why"]
    rows = table.loc[("CNRS-05", "world_production_2024")]
    assert list(rows["read as"]) == ["385–395 kt·REO"] * 2
    assert list(rows["evidence"]) == ["390 kt·REO: USGS MCS 2025", "380 kt·REO [380–384]: USGS MCS 2026"]
    assert list(rows["provenance"]) == ["cited source, first-hand", "revision of the cited source, first-hand"]
    assert list(rows["verdict"]) == ["(superseded)", "not supported"]


def test_an_override_prints_its_reason_in_the_table():
    share = Evidence(Q_(97, "percent"), sources=INDEPENDENT)
    table = verdict_table([assess("CNRS-13", china_peak_2000s=share, united_states_2024=share, myanmar_2024=share, record=False)])
    row = table.loc[("CNRS-13", "china_peak_2000s")]
    assert row["read as"] == "96.5–97.5 % (override)" and "override: the part's quantity" in row["why"]


def test_summary_covers_every_claim_and_says_not_assessed(tmp_path, records):
    assess("CNRS-05", kt(390, INDEPENDENT))
    rows, text = summarise(records, tmp_path / "summary.json")
    assert len(rows) == 33 and json.loads((tmp_path / "summary.json").read_text()) == rows
    assert "1 reproduced" in text and "32 not assessed" in text
    assert next(r for r in rows if r["claim"] == "CNRS-07")["verdict"] == "not assessed"


PUBLISHED = sorted(paths.VERDICT_DIR.glob("*.json"))


@pytest.mark.parametrize("record", PUBLISHED, ids=[p.stem for p in PUBLISHED])
def test_no_published_reproduction_rests_on_the_cited_source_or_a_second_hand_copy(record):
    verdict = json.loads(record.read_text())
    for part in verdict["parts"]:
        deciding = [e for e in part.get("evidence", []) if e["role"] == "decides"]
        if part["verdict"] == "reproduced":
            assert deciding and all(e["relation"] == "independent" and e["copy"] == "first-hand" and e["basis"] == "data" for e in deciding)
        # The latest edition in data/ decides (rule 1).
        assert part.get("newer_editions_not_given", []) == []


def test_every_claim_has_a_published_status():
    summary = json.loads((paths.REPORT_DIR / "verdicts.json").read_text())
    assert len(summary) == 33
    assert all(row["verdict"] in STATUSES for row in summary)
    unexamined = [row["claim"] for row in summary if row["verdict"] == "not checkable" and not row["parts"]]
    assert not unexamined, f"{unexamined} say 'not checkable' without having been examined"


def test_evidence_text_writes_three_figures_without_exponents():
    from reelib.claims import evidence_text

    item = {"value": 415.2, "low": 140.4, "high": 1012.0, "unit": "", "citation": "USGS MCS 2026"}
    assert evidence_text(item) == "415 [140–1,010]: USGS MCS 2026"
    assert evidence_text({**item, "value": 14.5e6, "low": 14.5e6, "high": 14.5e6}, cite=False) == "14,500,000"
    assert evidence_text({**item, "low": None, "high": 0.5, "unit": "percent"}, cite=False) == "415 % [−∞–0.5]"
