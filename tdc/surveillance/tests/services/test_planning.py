from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from tdc.accounts.models import Role
from tdc.accounts.tests.factories import UserFactory
from tdc.core.models import AuditEvent
from tdc.surveillance import services
from tdc.surveillance.models import InspectionPlan, PlanItem, RiskLevel
from tdc.surveillance.services.planning import draw, random_count
from tdc.surveillance.tests.factories import (
    AssessmentFactory,
    EstablishmentFactory,
    SampleFactory,
    category,
)


@pytest.fixture
def second_officer(dost):
    return UserFactory(username="kiemtra.tdc", organisation=dost, roles=[Role.TDC_OFFICER])


@pytest.fixture
def market(province):
    """Four risky wholesalers of toys (B) and sixteen quiet stalls (C/D)."""
    risky = []
    for n in range(4):
        e = EstablishmentFactory(
            organisation__province=province,
            organisation__name=f"Đại lý {n}",
            channels=["wholesale", "multi_province"],
            volume="large",
        )
        e.categories.add(category())
        risky.append(e)
    quiet = [
        EstablishmentFactory(
            organisation__province=province, organisation__name=f"Sạp {n:02d}", channels=["stall"]
        )
        for n in range(16)
    ]
    for e in quiet[:8]:
        e.categories.add(category("thep-xay-dung"))
    return risky, quiet


def test_the_draw_is_reproducible_from_its_seed():
    candidates = list(range(100, 140))

    assert draw(candidates, k=5, seed=7) == draw(list(reversed(candidates)), k=5, seed=7)
    assert draw(candidates, k=5, seed=7) != draw(candidates, k=5, seed=8)
    assert draw([1, 2], k=5, seed=1) in ([1, 2], [2, 1])


def test_random_count_rounds_half_up():
    assert [random_count(b, Decimal("0.15")) for b in (10, 20, 3)] == [2, 3, 0]


def test_the_plan_takes_the_highest_scores_then_a_seeded_random_share(market, province, officer):
    risky, quiet = market

    plan = services.generate_plan(
        province=province,
        year=2027,
        budget=10,
        random_share=Decimal("0.20"),
        seed=1234,
        by=officer,
    )

    items = list(plan.items.order_by("rank"))
    assert len(items) == 10
    assert [i.reason for i in items].count(PlanItem.Reason.RANDOM) == 2
    assert {i.establishment for i in items if i.reason == "score"} >= set(risky)
    assert all(i.risk_category in ("C", "D") for i in items if i.reason == "random")
    event = AuditEvent.objects.get(action="surveillance.plan_generated")
    assert (event.data["seed"], event.data["budget"]) == (1234, 10)
    # The same seed draws the same establishments: the draw can be audited.
    picked = {i.establishment_id for i in items if i.reason == "random"}
    again = services.generate_plan(
        province=province,
        year=2027,
        budget=10,
        random_share=Decimal("0.20"),
        seed=1234,
        by=officer,
    )
    assert {i.establishment_id for i in again.items.all() if i.reason == "random"} == picked


def test_hard_triggers_go_first_even_beyond_the_budget(market, province, officer):
    _risky, quiet = market
    flagged = quiet[-1]
    sample = SampleFactory(programme__province=province, establishment=flagged)
    AssessmentFactory(product=sample.product, level=RiskLevel.SERIOUS)

    plan = services.generate_plan(province=province, year=2027, budget=3, seed=1, by=officer)

    first = plan.items.order_by("rank").first()
    assert (first.establishment, first.reason) == (flagged, PlanItem.Reason.TRIGGER)


def test_review_and_approval_need_two_other_officers(market, province, officer, second_officer):
    plan = services.generate_plan(province=province, year=2027, budget=5, seed=1, by=officer)

    with pytest.raises(ValidationError):
        services.review_plan(plan, by=officer)  # its author
    with pytest.raises(ValidationError):
        services.approve_plan(plan, by=second_officer)  # not reviewed yet
    services.review_plan(plan, by=second_officer)
    with pytest.raises(ValidationError):
        services.approve_plan(plan, by=second_officer)  # its reviewer
    services.approve_plan(plan, by=officer)

    assert plan.status == InspectionPlan.Status.APPROVED
    with pytest.raises(ValidationError):
        services.generate_plan(province=province, year=2027, budget=5, by=officer)


def test_changes_after_review_need_a_reason(market, province, officer, second_officer):
    _risky, quiet = market
    plan = services.generate_plan(province=province, year=2027, budget=5, seed=1, by=officer)
    outside = next(e for e in quiet if not plan.items.filter(establishment=e).exists())
    item = plan.items.first()
    services.remove_from_plan(item, reason="", by=officer)  # a draft changes freely
    services.add_to_plan(plan, establishment=item.establishment, reason="", by=officer)
    services.review_plan(plan, by=second_officer)

    with pytest.raises(ValidationError) as error:
        services.add_to_plan(plan, establishment=outside, reason=" ", by=officer)
    assert error.value.message_dict == {"reason": ["Kế hoạch đã thẩm định: nêu lý do thay đổi."]}

    added = services.add_to_plan(
        plan, establishment=outside, reason="Phản ánh mới của người dân", by=officer
    )
    assert (added.reason, added.change_reason) == (
        PlanItem.Reason.ADDED,
        "Phản ánh mới của người dân",
    )
    with pytest.raises(ValidationError):
        services.add_to_plan(plan, establishment=outside, reason="lần nữa", by=officer)
    services.remove_from_plan(added, reason="Cơ sở đã ngừng kinh doanh", by=officer)
    added.refresh_from_db()
    assert added.is_removed
    with pytest.raises(ValidationError):
        services.remove_from_plan(added, reason="lần nữa", by=officer)


def test_the_plan_checks_its_inputs(province, officer, other_province):
    with pytest.raises(ValidationError):
        services.generate_plan(province=province, year=2027, budget=0, by=officer)
    with pytest.raises(ValidationError):
        services.generate_plan(
            province=province, year=2027, budget=5, random_share=Decimal("0.3"), by=officer
        )
    plan = services.generate_plan(province=province, year=2027, budget=5, by=officer)
    with pytest.raises(ValidationError):
        services.add_to_plan(
            plan,
            establishment=EstablishmentFactory(organisation__province=other_province),
            reason="",
            by=officer,
        )


@pytest.mark.parametrize(("budget", "seed"), [(1, 3), (5, 11), (10, 1234), (25, 7)])
def test_the_database_selection_chooses_what_the_reference_selection_chooses(
    market, province, budget, seed
):
    from tdc.surveillance.models import Establishment
    from tdc.surveillance.services.planning import Candidate, _select, select_in_database

    risky, quiet = market
    services.score_establishments(province.pk)
    Establishment.objects.filter(pk=quiet[3].pk).update(triggers=["serious_risk_product"])
    everyone = [
        Candidate(pk, score or 0, category or "D", bool(triggers))
        for pk, score, category, triggers in Establishment.objects.values_list(
            "pk", "score", "risk_category", "triggers"
        )
    ]
    share = Decimal("0.20")
    expected = _select(everyone, budget=budget, share=share, seed=seed)
    got = select_in_database(province.pk, budget=budget, share=share, seed=seed)
    assert [(c.pk, r) for c, r in got] == [(c.pk, r) for c, r in expected]
    assert got[0][0].pk == quiet[3].pk
