import datetime as dt
import importlib

import pytest
from django.db import DatabaseError, connection, transaction
from django.urls import reverse

from tdc.accounts.services import create_organisation, update_organisation
from tdc.core.audit import record
from tdc.core.models import AuditEvent

guard = importlib.import_module("tdc.core.migrations.0002_audit_log_append_only")


def test_an_update_records_old_and_new_values(officer, agency):
    update_organisation(agency, by=officer, short_name="STC", email="stc@khanhhoa.gov.vn")

    event = AuditEvent.objects.get(action="organisation.updated")
    assert event.actor == officer
    assert event.actor_label == officer.username
    assert event.target_type == "accounts.organisation"
    assert event.target_id == str(agency.pk)
    assert event.data == {
        "changes": {
            "short_name": {"old": "", "new": "STC"},
            "email": {"old": "", "new": "stc@khanhhoa.gov.vn"},
        }
    }


def test_an_update_that_changes_nothing_is_not_logged(officer, agency):
    update_organisation(agency, by=officer, name=agency.name)

    assert not AuditEvent.objects.filter(action="organisation.updated").exists()


def test_a_create_records_the_values(officer, province):
    organisation = create_organisation(
        name="Sở Xây dựng", kind="department", province=province, by=officer, aliases=["SXD"]
    )

    event = AuditEvent.objects.get(action="organisation.created")
    assert event.target_id == str(organisation.pk)
    assert event.data["values"]["name"] == "Sở Xây dựng"
    assert event.data["values"]["aliases"] == ["SXD"]


def test_the_log_cannot_be_edited_or_deleted_through_the_app(officer):
    event = record(actor=officer, action="test.happened")

    event.action = "test.rewritten"
    with pytest.raises(PermissionError):
        event.save()
    with pytest.raises(PermissionError):
        event.delete()
    with pytest.raises(PermissionError):
        AuditEvent.objects.filter(pk=event.pk).update(action="test.rewritten")
    with pytest.raises(PermissionError):
        AuditEvent.objects.all().delete()
    assert AuditEvent.objects.get(pk=event.pk).action == "test.happened"


def test_the_database_refuses_to_change_or_delete_events(officer):
    """The same triggers the migration installs, on this engine (SQLite or PostgreSQL)."""
    event = record(actor=officer, action="test.happened")
    guard.install(connection, guard.UP)
    table = AuditEvent._meta.db_table

    for statement in (
        f"UPDATE {table} SET action = 'test.rewritten' WHERE id = %s",  # noqa: S608
        f"DELETE FROM {table} WHERE id = %s",  # noqa: S608
    ):
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(statement, [event.pk])

    assert AuditEvent.objects.get(pk=event.pk).action == "test.happened"


def test_admin_site_offers_no_way_to_edit_the_log(client, officer):
    officer.is_staff = True
    officer.is_superuser = True
    officer.save()
    event = record(actor=officer, action="test.happened")
    client.force_login(officer)

    change = client.get(reverse("admin:core_auditevent_change", args=[event.pk]))
    delete = client.post(reverse("admin:core_auditevent_delete", args=[event.pk]), {"post": "yes"})

    assert "Lưu" not in change.content.decode()
    assert delete.status_code == 403
    assert AuditEvent.objects.filter(pk=event.pk).exists()


def test_audit_log_page_is_for_administrators_only(client, officer, admin_user):
    client.force_login(officer)
    assert client.get(reverse("core:audit_log")).status_code == 403


def test_audit_log_page_filters_by_action(client, admin_user, officer, agency, settings):
    update_organisation(agency, by=officer, short_name="STC")
    record(actor=officer, action="auth.login")
    client.force_login(admin_user)
    session = client.session
    session["otp_device_id"] = _verified_device(admin_user)
    session.save()

    response = client.get(reverse("core:audit_log"), {"action": "organisation."})

    assert response.status_code == 200
    assert [e.action for e in response.context["page"]] == ["organisation.updated"]
    assert "&quot;STC&quot;" in response.content.decode() or "STC" in response.content.decode()


def _verified_device(user):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.create(user=user, name="test", confirmed=True)
    return device.persistent_id


@pytest.mark.django_db
def test_edit_with_audit_records_old_and_new_values_only_when_something_changed() -> None:
    from tdc.core.audit import edit_with_audit
    from tdc.core.models import AuditEvent, Holiday

    holiday = Holiday.objects.create(date=dt.date(2026, 9, 2), name="Quốc khánh")
    fields = ("name",)
    changes = edit_with_audit(
        holiday,
        by=None,
        fields=fields,
        values={"name": "  Lễ Quốc khánh "},
        action="holiday.updated",
    )
    assert changes == {"name": {"old": "Quốc khánh", "new": "Lễ Quốc khánh"}}
    assert (
        edit_with_audit(
            holiday,
            by=None,
            fields=fields,
            values={"name": "Lễ Quốc khánh"},
            action="holiday.updated",
        )
        == {}
    )
    events = AuditEvent.objects.filter(action="holiday.updated")
    assert [e.data for e in events] == [{"changes": changes}]
    with pytest.raises(ValueError, match="date"):
        edit_with_audit(holiday, by=None, fields=fields, values={"date": None}, action="x")
