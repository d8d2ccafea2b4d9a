"""The lifecycle with its deadlines, under a frozen clock; routing; merging; transfers."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import ValidationError

from tdc.accounts.models import Role
from tdc.accounts.tests.factories import UserFactory
from tdc.complaints import services
from tdc.complaints.deadlines import DeadlinePolicy, due_state, policy
from tdc.complaints.models import TRANSITIONS, Complaint, Message, RoutingRule, Transfer
from tdc.complaints.queries import likely_duplicates, route_for
from tdc.complaints.tests.factories import ComplaintFactory, make_complaint, make_organisation
from tdc.complaints.tests.helpers import PLANTED
from tdc.core.models import AuditEvent, Holiday
from tdc.core.workdays import add_working_days

VN = dt.timezone(dt.timedelta(hours=7))
FRIDAY = dt.datetime(2026, 3, 6, 16, 0, tzinfo=VN)
S = Complaint.Status


def at(day: dt.date, hour: int = 10):
    return time_machine.travel(
        dt.datetime(day.year, day.month, day.day, hour, tzinfo=VN), tick=False
    )


# --- Working days ------------------------------------------------------------------------------


def test_working_days_skip_weekends_and_holidays(db):
    assert add_working_days(dt.date(2026, 3, 6), 3, []) == dt.date(2026, 3, 11)  # Fri → Wed
    assert add_working_days(dt.date(2026, 3, 7), 1, []) == dt.date(2026, 3, 9)  # Sat → Mon
    Holiday.objects.create(date=dt.date(2026, 4, 30), name="Giải phóng miền Nam")
    Holiday.objects.create(date=dt.date(2026, 5, 1), name="Quốc tế Lao động")
    assert add_working_days(dt.date(2026, 4, 29), 1) == dt.date(2026, 5, 4)


def test_deadline_policy_can_be_changed_in_settings(settings):
    assert policy() == DeadlinePolicy()
    settings.COMPLAINTS_DEADLINES = {"acknowledge_working_days": 5, "conclude_days_tip": 15}

    assert (policy().acknowledge_working_days, policy().conclude_days("tip")) == (5, 15)
    settings.COMPLAINTS_DEADLINES = {"no_such_thing": 1}
    with pytest.raises(ValueError, match="no_such_thing"):
        policy()


def test_due_state_counts_the_reminder_window_in_working_days(db):
    due = dt.date(2026, 3, 11)  # Wednesday
    assert due_state(due, dt.date(2026, 3, 9)) == "on_time"
    assert due_state(due, dt.date(2026, 3, 10)) == "due"
    assert due_state(due, dt.date(2026, 3, 11)) == "due"
    assert due_state(due, dt.date(2026, 3, 12)) == "late"
    assert due_state(None, dt.date(2026, 3, 12)) == ""


# --- The lifecycle ---------------------------------------------------------------------------


def test_full_lifecycle_with_deadlines_under_a_frozen_clock(submit, officer):
    with time_machine.travel(FRIDAY, tick=False):
        complaint = submit().complaint
    assert (complaint.status, complaint.acknowledge_due) == (S.RECEIVED, dt.date(2026, 3, 11))
    assert complaint.current_step == "acknowledge"

    with at(dt.date(2026, 3, 10)):  # Tuesday: within 3 working days
        services.accept_complaint(complaint, by=officer)
    assert complaint.status == S.ACCEPTED
    assert complaint.assign_due == dt.date(2026, 3, 13)
    assert complaint.conclude_due == dt.date(2026, 4, 9)  # 30 days after acceptance

    with at(dt.date(2026, 3, 11)):
        services.assign_complaint(complaint, to=officer, by=officer)
        services.start_verification(complaint, by=officer)
    assert (complaint.status, complaint.assignee, complaint.current_step) == (
        S.VERIFYING,
        officer,
        "conclude",
    )

    with at(dt.date(2026, 4, 9), hour=15):  # the last day: still on time
        services.conclude_complaint(
            complaint, outcome="violation_confirmed", conclusion="Đã xử phạt.", by=officer
        )
    assert (complaint.status, complaint.outcome, complaint.handled_on_time) == (
        S.CONCLUDED,
        "violation_confirmed",
        True,
    )
    assert complaint.handled_at == dt.datetime(2026, 4, 9, 15, tzinfo=VN)

    with at(dt.date(2026, 4, 10)):
        services.close_complaint(complaint, by=officer)
    assert complaint.status == S.CLOSED
    updates = list(
        complaint.messages.filter(kind=Message.Kind.UPDATE).values_list("status", flat=True)
    )
    assert updates == ["received", "accepted", "assigned", "verifying", "concluded", "closed"]
    changes = [
        (e.data["from"], e.data["to"])
        for e in AuditEvent.objects.filter(action="complaint.status_changed").order_by("id")
    ]
    assert changes == [
        ("received", "accepted"),
        ("accepted", "assigned"),
        ("assigned", "verifying"),
        ("verifying", "concluded"),
        ("concluded", "closed"),
    ]


def test_concluding_after_the_deadline_is_recorded_as_late(submit, officer):
    with time_machine.travel(FRIDAY, tick=False):
        complaint = submit().complaint
    with at(dt.date(2026, 3, 9)):
        services.accept_complaint(complaint, by=officer)
    with at(dt.date(2026, 4, 9)):  # due 8/4
        services.conclude_complaint(
            complaint, outcome="not_confirmed", conclusion="Không vi phạm.", by=officer
        )

    assert complaint.handled_on_time is False


def test_rejection_is_on_time_against_the_acknowledge_deadline(submit, officer):
    with time_machine.travel(FRIDAY, tick=False):
        early = submit().complaint
        late = submit().complaint
    with at(dt.date(2026, 3, 11)):
        services.reject_complaint(early, reason="insufficient", note="Thiếu địa điểm.", by=officer)
    with at(dt.date(2026, 3, 12)):
        services.reject_complaint(late, reason="out_of_scope", by=officer)

    assert (early.status, early.rejection_reason, early.handled_on_time) == (
        S.REJECTED,
        "insufficient",
        True,
    )
    assert late.handled_on_time is False
    assert early.messages.last().body == "Không thụ lý: Không đủ thông tin. Thiếu địa điểm."


@pytest.mark.parametrize(
    ("status", "to"),
    [
        (S.RECEIVED, S.VERIFYING),
        (S.RECEIVED, S.CONCLUDED),
        (S.CLOSED, S.ACCEPTED),
        (S.CONCLUDED, S.VERIFYING),
        (S.REJECTED, S.ACCEPTED),
    ],
)
def test_moves_outside_the_lifecycle_are_refused_and_change_nothing(officer, dost, status, to):
    complaint = ComplaintFactory(
        status=status,
        organisation=dost,
        province=dost.province,
        outcome="not_confirmed" if status in (S.CONCLUDED, S.CLOSED) else "",
        rejection_reason="duplicate" if status == S.REJECTED else "",
    )

    with pytest.raises(ValidationError):
        services.change_complaint_status(
            complaint, to=to, by=officer, outcome="violation_confirmed", conclusion="x"
        )

    complaint.refresh_from_db()
    assert complaint.status == status
    assert not AuditEvent.objects.filter(action="complaint.status_changed").exists()


def test_transitions_cover_every_status():
    assert set(TRANSITIONS) == set(Complaint.Status.values)
    assert TRANSITIONS[S.CLOSED] == set()


def test_concluding_needs_an_outcome_and_a_public_conclusion(submit, officer):
    complaint = submit().complaint
    services.accept_complaint(complaint, by=officer)

    with pytest.raises(ValidationError):
        services.conclude_complaint(complaint, outcome="transferred", conclusion="x", by=officer)
    with pytest.raises(ValidationError):
        services.conclude_complaint(complaint, outcome="not_confirmed", conclusion=" ", by=officer)


def test_assignment_only_to_a_handler_of_the_responsible_organisation(submit, officer, reporter):
    complaint = submit().complaint
    services.accept_complaint(complaint, by=officer)

    with pytest.raises(ValidationError):
        services.assign_complaint(complaint, to=reporter, by=officer)  # another organisation


# --- Tracks and extensions ---------------------------------------------------------------------


def test_track_change_needs_a_reason_and_an_identity_for_a_denunciation(submit, officer):
    anonymous = submit().complaint
    named = submit(identity=PLANTED).complaint

    with pytest.raises(ValidationError, match="ẩn danh"):
        services.change_track(anonymous, to="denunciation", reason="Nghiêm trọng", by=officer)
    with pytest.raises(ValidationError):
        services.change_track(named, to="denunciation", reason=" ", by=officer)
    services.change_track(named, to="denunciation", reason="Người phản ánh đề nghị", by=officer)

    named.refresh_from_db()
    assert named.track == "denunciation"
    event = AuditEvent.objects.get(action="complaint.track_changed")
    assert event.data == {
        "changes": {"track": {"old": "tip", "new": "denunciation"}},
        "reason": "Người phản ánh đề nghị",
    }


def test_a_denunciation_extends_to_sixty_then_ninety_days_and_no_further(submit, officer):
    with time_machine.travel(FRIDAY, tick=False):
        complaint = submit(identity=PLANTED, wants_denunciation=True).complaint
    with at(dt.date(2026, 3, 9)):
        services.accept_complaint(complaint, by=officer)
    assert complaint.conclude_due == dt.date(2026, 4, 8)

    services.extend_settlement(complaint, days=30, reason="Vụ việc phức tạp", by=officer)
    assert (complaint.conclude_due, complaint.extension_days) == (dt.date(2026, 5, 8), 30)
    services.extend_settlement(complaint, days=30, reason="Đặc biệt phức tạp", by=officer)
    assert (complaint.conclude_due, complaint.extension_days) == (dt.date(2026, 6, 7), 60)

    with pytest.raises(ValidationError, match="tối đa"):
        services.extend_settlement(complaint, days=1, reason="Nữa", by=officer)
    assert AuditEvent.objects.filter(action="complaint.settlement_extended").count() == 2


def test_a_tip_cannot_be_extended(submit, officer):
    complaint = submit().complaint
    services.accept_complaint(complaint, by=officer)

    with pytest.raises(ValidationError):
        services.extend_settlement(complaint, days=30, reason="x", by=officer)


def test_an_extension_is_at_most_thirty_days(submit, officer):
    complaint = submit(identity=PLANTED, wants_denunciation=True).complaint
    services.accept_complaint(complaint, by=officer)

    with pytest.raises(ValidationError):
        services.extend_settlement(complaint, days=31, reason="x", by=officer)


# --- Routing --------------------------------------------------------------------------------


def test_the_most_specific_routing_rule_wins(province, commune, other_commune, dost):
    commune_org = make_organisation(name="UBND Phường Nha Trang", province=province)
    market = make_organisation(name="Chi cục QLTT", province=province)
    trade = make_organisation(name="Sở Công Thương", province=province)
    RoutingRule.objects.create(province=province, category="", organisation=trade)
    RoutingRule.objects.create(
        province=province, commune=commune, category="", organisation=commune_org
    )
    RoutingRule.objects.create(province=province, category="counterfeit", organisation=market)
    RoutingRule.objects.create(
        province=province, commune=commune, category="measurement_fraud", organisation=commune_org
    )

    def route(category, place):
        return route_for(
            category=category, province_id=province.pk, commune_id=place.pk if place else None
        )

    assert route("measurement_fraud", commune) == commune_org
    assert route("counterfeit", commune) == market  # category beats area
    assert route("taximeter", commune) == commune_org
    assert route("taximeter", other_commune) == trade
    assert route("taximeter", None) == trade
    RoutingRule.objects.all().delete()
    assert route("taximeter", commune) == dost  # no rule: the province's DoST


def test_rerouting_moves_the_complaint_back_to_acceptance_with_a_reason(
    submit, officer, province, django_capture_on_commit_callbacks, mailoutbox
):
    trade = make_organisation(name="Sở Công Thương", province=province)
    trade_user = UserFactory(username="ct", organisation=trade, roles=[Role.AGENCY_REPORTER])
    complaint = submit().complaint
    services.accept_complaint(complaint, by=officer)
    services.assign_complaint(complaint, to=officer, by=officer)

    with django_capture_on_commit_callbacks(execute=True):
        services.reroute_complaint(complaint, to=trade, reason="Đồng hồ điện", by=officer)

    assert (complaint.organisation, complaint.assignee, complaint.status) == (
        trade,
        None,
        S.ACCEPTED,
    )
    assert [m.to for m in mailoutbox] == [[trade_user.email]]
    assert AuditEvent.objects.get(action="complaint.rerouted").data["reason"] == "Đồng hồ điện"


def test_rerouting_to_a_business_is_refused(submit, officer, business):
    complaint = submit().complaint

    with pytest.raises(ValidationError):
        services.reroute_complaint(complaint, to=business, reason="x", by=officer)


# --- Transfer, duplicates, merge --------------------------------------------------------------


def test_transfer_sends_a_sanitised_copy_once_and_concludes(
    submit, officer, market_authority, django_capture_on_commit_callbacks, mailoutbox
):
    from tdc.complaints import jobs
    from tdc.complaints.tests.helpers import jpeg_with_gps, upload

    complaint = submit(identity=PLANTED, files=[upload("a.jpg", jpeg_with_gps())]).complaint
    services.accept_complaint(complaint, by=officer)

    with django_capture_on_commit_callbacks(execute=True):
        transfer = services.transfer_complaint(
            complaint, authority=market_authority, authority_name="", reason="Hàng giả", by=officer
        )
    jobs.send_transfer.enqueue(transfer_id=transfer.pk)  # a second run sends nothing

    complaint.refresh_from_db()
    assert (complaint.status, complaint.outcome) == (S.CONCLUDED, "transferred")
    assert (
        complaint.conclusion
        == "Chuyển Chi cục Quản lý thị trường tỉnh Khánh Hòa xử lý theo thẩm quyền."
    )
    copies = [m for m in mailoutbox if m.to == ["qltt@example.vn"]]
    assert len(copies) == 1
    assert complaint.description in copies[0].body
    assert [name.endswith(".jpg") for name, _content, _type in copies[0].attachments] == [True]
    assert set(transfer.sanitised_copy) == {
        "reference",
        "received_on",
        "category",
        "track",
        "province",
        "commune",
        "address",
        "business_name",
        "occurred_on",
        "description",
        "files",
    }
    assert Transfer.objects.get().sent_at is not None


def test_likely_duplicates_share_business_commune_and_category_within_the_window(
    province, commune, other_commune, dost
):
    with at(dt.date(2026, 3, 1)):
        original = make_complaint(
            province=province,
            commune=commune,
            organisation=dost,
            business_name="Sạp cá cô Ba",
            business_key="sap ca co ba",
        )
    with at(dt.date(2026, 3, 10)):
        same = make_complaint(
            province=province,
            commune=commune,
            organisation=dost,
            business_name="sạp cá Cô Ba",
            business_key="sap ca co ba",
        )
        ComplaintFactory(
            province=province, commune=other_commune, organisation=dost, business_key="sap ca co ba"
        )
        ComplaintFactory(
            province=province,
            commune=commune,
            organisation=dost,
            category="counterfeit",
            business_key="sap ca co ba",
        )
        ComplaintFactory(
            province=province, commune=commune, organisation=dost, business_key="cay xang so 7"
        )
    with at(dt.date(2026, 5, 1)):
        much_later = make_complaint(
            province=province, commune=commune, organisation=dost, business_key="sap ca co ba"
        )

    found = likely_duplicates(same, Complaint.objects.all())

    assert found == [original]
    assert likely_duplicates(much_later, Complaint.objects.all()) == []


def test_merging_rejects_the_duplicate_and_notes_the_original(submit, officer):
    original = submit().complaint
    duplicate = submit().complaint

    services.merge_complaint(duplicate, into=original, by=officer)

    duplicate.refresh_from_db()
    assert (duplicate.status, duplicate.rejection_reason, duplicate.duplicate_of) == (
        S.REJECTED,
        "duplicate",
        original,
    )
    assert original.messages.get(kind=Message.Kind.NOTE).body == (
        f"Hồ sơ {duplicate.reference} (cùng sự việc) đã được gộp vào hồ sơ này."
    )
    with pytest.raises(ValidationError):
        services.merge_complaint(original, into=duplicate, by=officer)  # into a merged one
    with pytest.raises(ValidationError):
        services.merge_complaint(original, into=original, by=officer)
