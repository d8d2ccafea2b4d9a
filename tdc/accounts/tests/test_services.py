"""The organisation services write the audit log (old and new values)."""

from tdc.accounts.services import create_organisation, update_organisation
from tdc.core.models import AuditEvent


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
