"""Capture: all or nothing, idempotent by event hash, error declarations, own business only."""

import json

import pytest
from django.core.exceptions import ValidationError

from tdc.core.models import AuditEvent
from tdc.traceability.models import Capture, Event, EventEpc
from tdc.traceability.queries import events_of_epc, events_of_lot, events_visible_to
from tdc.traceability.services import DocumentRejected, capture_document
from tdc.traceability.tests.epcis.documents import event, raw
from tdc.traceability.tests.factories import captured

pytestmark = pytest.mark.django_db

LOT_EVENT = event(
    epcList=None,
    quantityList=[
        {"epcClass": "urn:epc:class:lgtin:8934588.006306.L2611", "quantity": 120, "uom": "KGM"}
    ],
)


def test_an_accepted_document_stores_its_events_with_their_identifiers(business_user):
    result = captured(business_user, event(), LOT_EVENT)

    assert (result.capture.event_count, result.capture.new_count) == (2, 2)
    shipped = Event.objects.get(pk=result.new_events[0].pk)
    assert shipped.owner == business_user.organisation
    assert shipped.province_id == 56
    assert (shipped.biz_step, shipped.disposition) == ("shipping", "in_transit")
    assert shipped.read_point == "https://id.gs1.org/414/8934588000010"
    assert sorted(EventEpc.objects.values_list("role", "epc", "gtin", "lot", "serial")) == [
        ("epcList", "https://id.gs1.org/01/08934588063060/21/1001", "08934588063060", "", "1001"),
        ("epcList", "https://id.gs1.org/01/08934588063060/21/1002", "08934588063060", "", "1002"),
        (
            "quantityList",
            "https://id.gs1.org/01/08934588063060/10/L2611",
            "08934588063060",
            "L2611",
            "",
        ),
    ]
    assert AuditEvent.objects.get(action="traceability.captured").data["new"] == 2


def test_the_same_event_captured_twice_is_stored_once(business_user):
    captured(business_user, event())
    again = captured(
        business_user,
        event(
            epcList=[
                "https://id.gs1.org/01/08934588063060/21/1002",
                "https://id.gs1.org/01/08934588063060/21/1001",
            ]
        ),
        LOT_EVENT,
    )

    assert (again.capture.event_count, again.capture.new_count) == (2, 1)
    assert Event.objects.count() == 2
    assert Capture.objects.count() == 2


def test_a_rejected_document_stores_nothing(business_user):
    with pytest.raises(DocumentRejected) as rejected:
        capture_document(raw(event(), event(bizStep="thu_hoach")), by=business_user)

    assert rejected.value.messages == [
        "sự kiện 2 (ObjectEvent): bizStep: “thu_hoach” không thuộc từ vựng CBV 2.0"
    ]
    assert (Event.objects.count(), EventEpc.objects.count(), Capture.objects.count()) == (0, 0, 0)


def test_an_error_declaration_marks_the_stored_event(business_user):
    original = captured(business_user, event()).new_events[0]
    declaration = event(
        errorDeclaration={
            "declarationTime": "2026-12-01T10:00:00+07:00",
            "reason": "incorrect_data",
            "correctiveEventIDs": ["urn:uuid:corrective-1"],
        }
    )
    corrective = event(eventID="urn:uuid:corrective-1", disposition="in_progress")

    result = captured(business_user, declaration, corrective)

    assert (result.capture.new_count, result.capture.declared_count) == (1, 1)
    original.refresh_from_db()
    assert original.error_declared_at.isoformat() == "2026-12-01T03:00:00+00:00"
    assert original.body["errorDeclaration"]["reason"] == "incorrect_data"
    assert Event.objects.filter(error_declared_at__isnull=True).get().event_id == (
        "urn:uuid:corrective-1"
    )


def test_a_business_may_not_declare_another_businesss_event_in_error(
    business_user, other_business_user
):
    captured(business_user, event())
    declaration = event(errorDeclaration={"declarationTime": "2026-12-01T10:00:00+07:00"})

    with pytest.raises(DocumentRejected) as rejected:
        captured(other_business_user, declaration)

    assert rejected.value.messages == ["sự kiện 1: khai báo lỗi cho sự kiện của doanh nghiệp khác"]
    assert Event.objects.get().error_declared_at is None


def test_a_user_without_a_business_in_a_province_cannot_capture(ministry_viewer):
    with pytest.raises(ValidationError, match="chưa thuộc một doanh nghiệp trong tỉnh"):
        captured(ministry_viewer, event())


def test_events_by_epc_and_by_gtin_and_lot(business_user):
    captured(business_user, event(), LOT_EVENT)
    everything = Event.objects.all()

    assert events_of_epc(everything, "urn:epc:id:sgtin:8934588.006306.1001").count() == 1
    assert events_of_epc(everything, "https://x.vn/01/08934588063060/21/1002").count() == 1
    assert events_of_lot(everything, "08934588063060", "L2611").count() == 1
    assert events_of_lot(everything, "08934588063060", "L1").count() == 0


def test_who_sees_which_events(
    business_user,
    other_business_user,
    officer,
    leader,
    other_province_officer,
    ministry_viewer,
    reporter,
):
    captured(business_user, event())
    captured(other_business_user, LOT_EVENT)

    counts = {
        user.username: events_visible_to(user).count()
        for user in (
            business_user,
            other_business_user,
            officer,
            leader,
            other_province_officer,
            ministry_viewer,
            reporter,
        )
    }
    assert counts == {
        "doanhnghiep": 1,
        "doanhnghiep.khac": 1,
        "canbo.tdc": 2,
        "lanhdao.tinh": 2,
        "canbo.hue": 0,
        "bo.khcn": 2,
        "baocao.taichinh": 0,
    }


def test_a_document_with_two_events_of_the_same_hash_is_refused(business_user):
    document = json.loads(raw(event(), event(eventTime="2026-11-30T01:00:00Z")))

    with pytest.raises(DocumentRejected):
        capture_document(json.dumps(document), by=business_user)


def test_events_are_partitioned_by_province_on_postgresql(business_user):
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("partitions exist on PostgreSQL only")
    captured(business_user, event())
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.relname, c.relkind FROM pg_class c WHERE c.relname IN "
            "('traceability_event', 'traceability_eventepc', 'traceability_event_p56')"
        )
        kinds = dict(cursor.fetchall())
        cursor.execute("SELECT count(*) FROM traceability_event_p56")
        (in_partition,) = cursor.fetchone()
    assert kinds == {
        "traceability_event": "p",
        "traceability_eventepc": "p",
        "traceability_event_p56": "r",
    }
    assert in_partition == 1
