import json
import re

import pytest

from reelib import ClaimError, Q_, claims
from reelib.claims import Evidence, NotCheckable, assess, verdict_table

from conftest import ROOT, SOURCES


@pytest.fixture(autouse=True)
def verdicts_in_tmp(tmp_path, monkeypatch):
    monkeypatch.setattr(claims, "VERDICT_DIR", tmp_path / "verdicts")
    return tmp_path / "verdicts"


def normalise(text):
    text = re.sub(r"<sup>.*?</sup>", "", text).replace("**", "")
    return re.sub(r"\s+", " ", text)


def test_registry_holds_exactly_the_ids_of_claims_md():
    listed = set(re.findall(r"\| ((?:CNRS|CLEPA)-\d+) \|", (ROOT.parent / "shared" / "CLAIMS.md").read_text()))
    assert len(listed) == 33
    assert set(claims.claims()) == listed


@pytest.mark.parametrize("claim_id", sorted(claims.claims()))
def test_every_quote_is_verbatim_in_its_source(claim_id):
    entry = claims.claim(claim_id)
    files = {"cnrs": "001_08c81c246b0953bb.txt", "clepa": "000_ceb66a976a19542c.txt"}
    text = normalise((SOURCES / files[entry.source]).read_text())
    for quote in entry.quotes:
        assert normalise(quote) in text


def test_exact_value_from_data_is_reproduced(verdicts_in_tmp):
    verdict = assess("CNRS-05", Evidence(Q_("390000 t REO")))
    assert verdict.verdict == "reproduced"
    recorded = json.loads((verdicts_in_tmp / "CNRS-05.json").read_text())
    assert recorded["verdict"] == "reproduced" and recorded["parts"][0]["reproduced"] == 390


def test_model_based_match_is_only_consistent():
    assert assess("CNRS-05", Evidence(Q_("390 kt REO"), basis="model")).verdict == "consistent"


def test_interval_reaching_the_stated_one_is_consistent():
    # 400 kt lies outside 385–395 kt, but its interval reaches it.
    assert assess("CNRS-05", Evidence(Q_("400 kt REO"), low=Q_("380 kt REO"), high=Q_("410 kt REO"))).verdict == "consistent"


def test_disagreeing_value_is_not_supported():
    assert assess("CNRS-05", Evidence(Q_("300 kt REO"))).verdict == "not supported"


def test_order_of_magnitude_rule():
    assert assess("CNRS-18", Evidence(Q_(0.4, ""))).verdict == "reproduced"
    assert assess("CNRS-18", Evidence(Q_(0.2, ""))).verdict == "not supported"


def test_bounds():
    assert assess("CLEPA-01", Evidence(Q_("250 kg"))).verdict == "reproduced"
    assert assess("CLEPA-01", Evidence(Q_("150 kg"))).verdict == "not supported"


def test_parts_combine_worst_first_and_unchecked_parts_cap_at_consistent():
    share = lambda v: Evidence(Q_(v, "percent"))  # noqa: E731
    assert assess("CNRS-13", china_peak_2000s=share(97), united_states_2024=share(11), myanmar_2024=share(7)).verdict == "reproduced"
    assert assess("CNRS-13", china_peak_2000s=NotCheckable("x"), united_states_2024=share(11), myanmar_2024=share(7)).verdict == "consistent"
    assert assess("CNRS-13", china_peak_2000s=NotCheckable("x"), united_states_2024=share(11), myanmar_2024=share(8)).verdict == "not supported"
    assert assess("CNRS-13", china_peak_2000s=NotCheckable("x"), united_states_2024=NotCheckable("y"), myanmar_2024=NotCheckable("z")).verdict == "not checkable"


def test_fractions_compare_with_percent_claims():
    assert assess("CNRS-02", Evidence(Q_(0.692, ""))).verdict == "reproduced"


@pytest.mark.parametrize(
    "call, message",
    [
        (lambda: assess("CNRS-05", Evidence(Q_("390 kt")) ), "cannot be compared with the stated unit 'kt REO'"),
        (lambda: assess("CNRS-05", Evidence(390)), "must be a Quantity"),
        (lambda: assess("CNRS-99", Evidence(Q_("1 kt REO"))), "no claim 'CNRS-99'"),
        (lambda: assess("CNRS-13", Evidence(Q_("1 percent"))), "pass each by name"),
        (lambda: assess("CNRS-13", china_peak_2000s=NotCheckable("x")), r"missing \['united_states_2024', 'myanmar_2024'\]"),
        (lambda: assess("CNRS-05", Evidence(Q_("390 kt REO"), low=Q_("391 kt REO"))), "does not contain the value"),
    ],
)
def test_misuse_is_a_clear_claim_error(call, message):
    with pytest.raises(ClaimError, match=message):
        call()


def test_verdict_table_is_rounded_text():
    table = verdict_table([assess("CNRS-05", Evidence(Q_("393.95 kt REO"), low=Q_("390 kt REO"), high=Q_("394 kt REO")))])
    assert table.loc[("CNRS-05", "world_production_2024"), "reproduced"] == "394 kt·REO [390–394]"


def test_summary_covers_every_claim(tmp_path, verdicts_in_tmp):
    assess("CNRS-05", Evidence(Q_("390 kt REO")))
    text = claims.summarise(verdicts_in_tmp, tmp_path / "summary.json")
    rows = json.loads((tmp_path / "summary.json").read_text())
    assert len(rows) == 33 and "1 reproduced" in text
    assert next(r for r in rows if r["claim"] == "CNRS-07")["verdict"] == "not checkable"


def test_parts_are_found_by_name_for_figures():
    part = claims.claim("CNRS-06").part("growth_rate")
    assert part.interval == pytest.approx((12.4995, 13.5005))
    with pytest.raises(ClaimError, match="not 'rate'"):
        claims.claim("CNRS-06").part("rate")


def test_evidence_spread_is_the_median_and_range_of_statements():
    evidence = Evidence.spread(Q_([87, 92, 91], "percent"), note="three agencies")
    assert (evidence.value, evidence.low, evidence.high) == (Q_(91, "percent"), Q_(87, "percent"), Q_(92, "percent"))
    with pytest.raises(ClaimError, match="no statements"):
        Evidence.spread(Q_([], "percent"), note="none")
