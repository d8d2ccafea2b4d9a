"""The door (`tdc.plans.access`): which plans, tasks, reports, indicators and drafts each persona
reaches, with data that *could* leak (a second plan, another province, an unassigned agency)."""

from __future__ import annotations

from typing import cast

import pytest
from django.core.exceptions import PermissionDenied

from tdc.plans import access
from tdc.plans.models import Indicator, PlanImportDraft, Task
from tdc.plans.services.assignments import assign_plan
from tdc.plans.tests.factories import PlanImportDraftFactory, make_plan, make_target


@pytest.fixture
def plans(dost, agency, other_agency, commune_org, other_province_dost):
    """The agency leads 1.1 of `ours`; `theirs` (same province) is the other agency's alone;
    `far` is another province's."""
    ours = make_plan(
        dost,
        [
            {"number": "1.1", "content": "Quán triệt Chỉ thị", "leads": [agency]},
            {"number": "1.2", "content": "Tuyên truyền tại cơ sở", "leads": ["all_communes"]},
        ],
    )
    make_target(ours)
    theirs = make_plan(dost, [{"number": "2.1", "content": "Y tế", "leads": [other_agency]}])
    far = make_plan(other_province_dost, [{"number": "3.1", "content": "Huế", "leads": []}])
    for plan in (ours, theirs, far):
        assign_plan(plan)
    return ours, theirs, far


def test_an_agency_reads_only_the_plans_it_holds_an_assignment_in_and_its_own_tasks(
    plans, reporter, approver, commune_officer, other_reporter
):
    ours, theirs, far = plans

    assert set(access.plans_visible_to(reporter)) == {ours}
    assert set(access.plans_visible_to(approver)) == {ours}
    assert {t.number for t in access.tasks_visible_to(reporter)} == {"1.1"}
    assert {t.number for t in access.tasks_visible_to(commune_officer)} == {"1.2"}
    assert set(access.plans_visible_to(other_reporter)) == {theirs}
    assert set(access.indicators_visible_to(reporter)) == set(Indicator.objects.filter(plan=ours))


def test_a_deactivated_assignment_no_longer_opens_the_plan(plans, reporter, agency):
    ours, _theirs, _far = plans
    ours.tasks.get(number="1.1").assignments.filter(organisation=agency).update(is_active=False)

    assert list(access.plans_visible_to(reporter)) == []


def test_province_and_national_reach(
    plans, officer, leader, ministry_viewer, admin_user, other_province_officer
):
    ours, theirs, far = plans

    assert set(access.plans_visible_to(officer)) == {ours, theirs}
    assert set(access.plans_visible_to(leader)) == {ours, theirs}
    assert set(access.plans_visible_to(ministry_viewer)) == {ours, theirs, far}
    assert set(access.plans_visible_to(admin_user)) == {ours, theirs, far}
    assert set(access.plans_visible_to(other_province_officer)) == {far}
    assert access.tasks_visible_to(leader).count() == Task.objects.exclude(plan=far).count()


def test_custodians_business_users_and_visitors_reach_nothing_of_plans(
    plans, custodian, business_user
):
    from django.contrib.auth.models import AnonymousUser

    for user in (custodian, business_user, AnonymousUser(), None):
        assert list(access.plans_visible_to(user)) == []
        assert list(access.reports_visible_to(user)) == []
        assert list(access.explanations_visible_to(user)) == []
        assert not access.takes_part_in_plans(user)


def test_require_officer_refuses_none_leaders_agencies_and_other_provinces(
    plans, officer, leader, reporter, admin_user, other_province_officer
):
    ours, _theirs, _far = plans

    access.require_officer(officer, ours)
    for user in (None, leader, reporter, admin_user, other_province_officer):
        with pytest.raises(PermissionDenied):
            access.require_officer(user, ours)


def test_drafts_stay_with_the_dost_of_their_province(
    province, officer, admin_user, leader, reporter, other_province_officer
):
    draft = cast(PlanImportDraft, PlanImportDraftFactory(province=province, uploaded_by=officer))

    assert list(access.import_drafts_for(officer)) == [draft]
    assert list(access.import_drafts_for(admin_user)) == [draft]
    for user in (leader, reporter, other_province_officer):
        assert list(access.import_drafts_for(user)) == []
