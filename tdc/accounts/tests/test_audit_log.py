"""The audit log page: for system administrators, filtered, and at its old address too."""

from django.urls import reverse

from tdc.accounts.services import update_organisation
from tdc.core.audit import record


def test_audit_log_page_is_for_administrators_only(client, officer, admin_user):
    client.force_login(officer)
    assert client.get(reverse("accounts:audit_log")).status_code == 403


def test_audit_log_page_filters_by_action(client, admin_user, officer, agency, settings):
    update_organisation(agency, by=officer, short_name="STC")
    record(actor=officer, action="auth.login")
    client.force_login(admin_user)
    session = client.session
    session["otp_device_id"] = _verified_device(admin_user)
    session.save()

    response = client.get(reverse("accounts:audit_log"), {"action": "organisation."})

    assert response.status_code == 200
    assert [e.action for e in response.context["page"]] == ["organisation.updated"]
    assert "&quot;STC&quot;" in response.content.decode() or "STC" in response.content.decode()


def _verified_device(user):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.create(user=user, name="test", confirmed=True)
    return device.persistent_id


def test_the_old_address_of_the_audit_log_still_leads_to_it(client, db):
    response = client.get("/nhat-ky/?action=auth.")

    assert response.status_code == 301
    assert response.url == "/tai-khoan/nhat-ky/?action=auth."
    assert reverse("core:audit_log") == "/nhat-ky/"
