"""A system reads and writes the capacity registers with client credentials: within its
scopes (`capacity:read`, `capacity:write`), through the door of the role it acts as, each call
in the audit log with the system's name."""

from __future__ import annotations

import base64

from tdc.accounts.models import Role
from tdc.capacity.models import Event
from tdc.capacity.tests.factories import CourseFactory
from tdc.core.models import AuditEvent
from tdc.exchange.services import issue_client


def _bearer(client, organisation, admin_user, scopes: list[str]) -> dict[str, str]:
    api_client, secret = issue_client(
        name="Kho dữ liệu của tỉnh",
        organisation=organisation,
        role=Role.TDC_OFFICER,
        scopes=scopes,
        by=admin_user,
    )
    basic = base64.b64encode(f"{api_client.client_id}:{secret}".encode()).decode()
    token = client.post(
        "/api/oauth/token/",
        {"grant_type": "client_credentials"},
        HTTP_AUTHORIZATION=f"Basic {basic}",
    ).json()["access_token"]
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}


def test_a_system_reads_with_capacity_read_and_may_not_write(client, dost, admin_user):
    CourseFactory(organiser=dost, title="Tập huấn truy xuất nguồn gốc")
    auth = _bearer(client, dost, admin_user, ["capacity:read"])
    listed = client.get("/api/v1/capacity/courses", **auth)
    assert [c["title"] for c in listed.json()["items"]] == ["Tập huấn truy xuất nguồn gốc"]
    refused = client.post(
        "/api/v1/capacity/events",
        {"title": "Diễn đàn", "held_on": "2026-05-05"},
        content_type="application/json",
        **auth,
    )
    assert refused.status_code == 403
    assert refused.json() == {"detail": "Khóa truy cập không có phạm vi capacity:write."}
    assert Event.objects.count() == 0


def test_a_system_with_capacity_write_records_an_event_audited_with_its_name(
    client, dost, admin_user
):
    auth = _bearer(client, dost, admin_user, ["capacity:read", "capacity:write"])
    created = client.post(
        "/api/v1/capacity/events",
        {"title": "Hội nghị phổ biến Chỉ thị 38", "kind": "conference", "held_on": "2026-05-05"},
        content_type="application/json",
        **auth,
    )
    assert created.status_code == 201, created.json()
    assert created.json()["organiser_id"] == dost.pk
    calls = AuditEvent.objects.filter(action="api_client.call")
    assert [(c.data["client"], c.data["path"]) for c in calls] == [
        ("Kho dữ liệu của tỉnh", "/api/v1/capacity/events")
    ]
    assert AuditEvent.objects.filter(action="event.created").count() == 1
