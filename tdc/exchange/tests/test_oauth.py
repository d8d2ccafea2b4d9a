"""OAuth 2.0 client credentials: issued by the administrator, scoped per module and
read/write, through the same doors as personal tokens, every call audited, revoked at once."""

from __future__ import annotations

import base64

import pytest

from tdc.accounts.models import Role
from tdc.core.models import AuditEvent
from tdc.exchange.services import issue_client, revoke_client

pytestmark = pytest.mark.django_db


def _token(client, client_id: str, secret: str, scope: str = "") -> tuple[int, dict[str, str]]:
    basic = base64.b64encode(f"{client_id}:{secret}".encode()).decode()
    data = {"grant_type": "client_credentials"}
    if scope:
        data["scope"] = scope
    response = client.post("/api/oauth/token/", data, HTTP_AUTHORIZATION=f"Basic {basic}")
    return response.status_code, response.json()


@pytest.fixture
def national(admin_user, ministry):
    return issue_client(
        name="Hệ thống quốc gia",
        organisation=ministry,
        role=Role.MINISTRY_VIEWER,
        scopes=["metrology:read", "organisations:read"],
        by=admin_user,
    )


def test_a_system_gets_a_token_and_reads_within_its_scopes(client, national):
    api_client, secret = national
    status, body = _token(client, api_client.client_id, secret)
    assert status == 200, body
    assert body["token_type"] == "Bearer"
    assert sorted(body["scope"].split()) == ["metrology:read", "organisations:read"]
    auth = {"HTTP_AUTHORIZATION": f"Bearer {body['access_token']}"}

    assert client.get("/api/v1/metrology/instruments", **auth).status_code == 200
    # Writing, or another module, is out of its scopes.
    refused = client.post(
        "/api/v1/metrology/instruments", {}, content_type="application/json", **auth
    )
    assert refused.status_code == 403
    assert refused.json() == {"detail": "Khóa truy cập không có phạm vi metrology:write."}
    assert client.get("/api/v1/plans/", **auth).status_code == 403

    calls = AuditEvent.objects.filter(action="api_client.call").order_by("pk")
    assert [e.data["client"] for e in calls] == ["Hệ thống quốc gia"]
    assert calls[0].data["path"] == "/api/v1/metrology/instruments"
    assert calls[0].actor_id == api_client.user_id


def test_the_doors_apply_to_the_system_as_to_its_role(client, national, admin_user, business):
    """The client acts as a Ministry viewer: its service account never logs in on the pages,
    and what the API shows it is the Ministry viewer's reach."""
    api_client, secret = national
    assert not api_client.user.has_usable_password()
    _status, body = _token(client, api_client.client_id, secret, "organisations:read")
    response = client.get(
        "/api/v1/organisations/", HTTP_AUTHORIZATION=f"Bearer {body['access_token']}"
    )
    assert response.status_code == 200


def test_a_scope_not_granted_is_refused_at_the_token_endpoint(client, national):
    api_client, secret = national
    status, body = _token(client, api_client.client_id, secret, "metrology:write")
    assert status == 400
    assert body["error"] == "invalid_scope"
    status, body = _token(client, api_client.client_id, "wrong-secret")
    assert status == 401


def test_revoking_stops_the_token_and_the_credentials_at_once(client, national, admin_user):
    api_client, secret = national
    _status, body = _token(client, api_client.client_id, secret)
    auth = {"HTTP_AUTHORIZATION": f"Bearer {body['access_token']}"}
    revoke_client(api_client, by=admin_user)
    assert client.get("/api/v1/metrology/instruments", **auth).status_code == 401
    assert _token(client, api_client.client_id, secret)[0] == 401
    assert AuditEvent.objects.filter(action="api_client.revoked").count() == 1


def test_an_expired_token_is_refused(client, national, time_machine):
    import datetime as dt

    from django.utils import timezone

    api_client, secret = national
    _status, body = _token(client, api_client.client_id, secret)
    time_machine.move_to(timezone.now() + dt.timedelta(hours=2))
    response = client.get(
        "/api/v1/metrology/instruments", HTTP_AUTHORIZATION=f"Bearer {body['access_token']}"
    )
    assert response.status_code == 401


def test_no_machine_holds_the_custodian_or_administrator_role(admin_user, ministry):
    from django.core.exceptions import ValidationError

    for role in (Role.COMPLAINT_CUSTODIAN, Role.SYSTEM_ADMIN):
        with pytest.raises(ValidationError):
            issue_client(
                name="X", organisation=ministry, role=role, scopes=["plans:read"], by=admin_user
            )
    with pytest.raises(ValidationError):
        issue_client(
            name="X",
            organisation=ministry,
            role=Role.MINISTRY_VIEWER,
            scopes=["nothing:read"],
            by=admin_user,
        )
