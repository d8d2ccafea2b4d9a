import datetime as dt
import importlib

import pytest
from django.db import DatabaseError, connection, transaction
from django.urls import reverse

from tdc.core.audit import record
from tdc.core.models import AuditEvent

guard = importlib.import_module("tdc.core.migrations.0002_audit_log_append_only")


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
