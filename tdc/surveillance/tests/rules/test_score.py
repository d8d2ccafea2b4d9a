"""The establishment score: each term bounded, the total monotone in every risk input."""

from dataclasses import replace
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from tdc.surveillance.rules.score import ScoreInputs, category_for, score

HAZARDS = ["", "low", "medium", "high"]
CHANNELS = ["stall", "shop", "supermarket", "online", "wholesale", "multi_province"]
VOLUMES = ["small", "medium", "large"]

inputs = st.builds(
    ScoreInputs,
    hazard=st.sampled_from(HAZARDS),
    channels=st.lists(st.sampled_from(CHANNELS), max_size=4).map(tuple),
    volume=st.sampled_from(VOLUMES),
    inspections=st.integers(0, 10),
    violations=st.integers(0, 10),
    credible_reports=st.integers(0, 10),
    category_nonconformity=st.decimals(0, 1, places=3),
    failed_samples=st.integers(0, 5),
    warning_matches=st.integers(0, 5),
)


@given(inputs)
def test_the_score_is_between_0_and_100_and_its_terms_add_up(one):
    result = score(one)

    assert 0 <= result.total <= 100
    assert result.total == min(100, sum(t.points for t in result.terms))
    assert all(0 <= t.points <= t.maximum for t in result.terms)
    assert result.category == category_for(result.total)


@given(inputs, st.integers(1, 5))
def test_more_violations_never_lower_the_score(one, more):
    one = replace(one, inspections=max(one.inspections, 1))
    assert score(replace(one, violations=one.violations + more)).total >= score(one).total


@given(inputs, st.integers(1, 5))
def test_more_credible_reports_never_lower_the_score(one, more):
    assert (
        score(replace(one, credible_reports=one.credible_reports + more)).total >= score(one).total
    )


@given(inputs, st.decimals(0, 1, places=3))
def test_a_higher_nonconformity_rate_never_lowers_the_score(one, other):
    low, high = sorted([one.category_nonconformity, other])
    assert (
        score(replace(one, category_nonconformity=high)).total
        >= score(replace(one, category_nonconformity=low)).total
    )


@given(inputs, st.integers(1, 3))
def test_more_failed_samples_or_warnings_never_lower_the_score(one, more):
    base = score(one).total
    assert score(replace(one, failed_samples=one.failed_samples + more)).total >= base
    assert score(replace(one, warning_matches=one.warning_matches + more)).total >= base


@given(inputs, st.sampled_from(CHANNELS))
def test_an_extra_channel_never_lowers_the_score(one, channel):
    assert score(replace(one, channels=(*one.channels, channel))).total >= score(one).total


@given(inputs)
def test_a_more_hazardous_range_never_lowers_the_score(one):
    totals = [score(replace(one, hazard=h)).total for h in HAZARDS]
    assert totals == sorted(totals)


@given(inputs)
def test_a_larger_volume_never_lowers_the_score(one):
    totals = [score(replace(one, volume=v)).total for v in VOLUMES]
    assert totals == sorted(totals)


def test_each_term_explains_itself():
    result = score(
        ScoreInputs(
            hazard="high",
            channels=("online", "stall"),
            volume="large",
            inspections=2,
            violations=1,
            credible_reports=2,
            category_nonconformity=Decimal("0.25"),
            failed_samples=1,
            warning_matches=1,
        )
    )

    assert [(t.key, t.points, t.maximum) for t in result.terms] == [
        ("hazard", 30, 30),
        ("reach", 17, 20),
        ("history", 7, 20),
        ("reports", 10, 15),
        ("surveys", 9, 15),
        ("warnings", 5, 10),
    ]
    assert result.total == 78
    assert result.category == "A"
    assert (
        result.terms[4].explanation
        == "Tỷ lệ không đạt của nhóm hàng 25,0 %, 1 mẫu của cơ sở không đạt."
    )


def test_hard_triggers_are_named_but_do_not_change_the_score():
    plain = score(ScoreInputs())
    flagged = score(ScoreInputs(serious_risk_product=True, measurement_fraud_report=True))

    assert flagged.total == plain.total
    assert flagged.triggers == [
        "Bán sản phẩm có rủi ro nghiêm trọng trên địa bàn tỉnh.",
        "Có phản ánh đáng tin cậy về gian lận đo lường.",
    ]


def test_categories_bounds():
    assert [category_for(n) for n in (100, 70, 69, 50, 49, 30, 29, 0)] == list("AABBCCDD")
