"""Staff pages through the client: list, detail actions, files, query counts; the API."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from tdc.accounts.services import issue_api_token
from tdc.complaints import services
from tdc.complaints.models import Complaint, Message
from tdc.complaints.tests.factories import ComplaintFactory
from tdc.complaints.tests.helpers import MINIMAL_PDF, jpeg_with_gps, upload
from tdc.core.models import AuditEvent


@pytest.mark.parametrize("item_count", [1, 3])
def test_complaint_list_query_count_is_constant(
    client, officer, dost, commune, item_count, django_assert_num_queries
):
    ComplaintFactory.create_batch(
        item_count, organisation=dost, province=dost.province, commune=commune
    )
    client.force_login(officer)

    with django_assert_num_queries(7):
        response = client.get("/phan-anh/")

    assert len(response.context["rows"]) == item_count


def test_complaint_list_filters_and_serves_an_htmx_partial(client, officer, dost, commune):
    late = ComplaintFactory(
        organisation=dost,
        province=dost.province,
        commune=commune,
        business_name="Cây xăng Hòa Bình",
        search_key="cay xang hoa binh",
    )
    late.acknowledge_due = late.created_at.date().replace(year=2020)
    late.save()
    ComplaintFactory(
        organisation=dost, province=dost.province, commune=commune, category="counterfeit"
    )
    client.force_login(officer)

    by_text = client.get("/phan-anh/", {"q": "cay xang hoa binh"})
    overdue = client.get("/phan-anh/", {"overdue": "on"}, HTTP_HX_REQUEST="true")
    by_category = client.get("/phan-anh/", {"category": "counterfeit"})

    assert [c for c, _ in by_text.context["rows"]] == [late]
    assert [(c, state) for c, state in overdue.context["rows"]] == [(late, "late")]
    assert "<html" not in overdue.content.decode()
    assert [c.category for c, _ in by_category.context["rows"]] == ["counterfeit"]


def test_an_officer_handles_a_complaint_through_the_detail_page(client, submit, officer, commune):
    complaint = submit(
        files=[upload("a.jpg", jpeg_with_gps()), upload("b.pdf", MINIMAL_PDF, "application/pdf")]
    ).complaint
    client.force_login(officer)
    url = f"/phan-anh/{complaint.pk}/"

    detail = client.get(url)
    assert detail.status_code == 200
    assert set(detail.context["forms"]) >= {"accept", "reject", "conclude", "disclose", "transfer"}

    assert (
        client.post(f"{url}xu-ly/accept/", {"accept-note": "Rõ ràng, có ảnh."}).status_code == 302
    )
    assert client.post(f"{url}xu-ly/assign/", {"assign-assignee": officer.pk}).status_code == 302
    assert (
        client.post(
            f"{url}xu-ly/message/", {"message-kind": "question", "message-body": "Sạp số mấy?"}
        ).status_code
        == 302
    )
    assert client.post(f"{url}xu-ly/verify/", {"verify-note": ""}).status_code == 302
    bad = client.post(
        f"{url}xu-ly/conclude/",
        {"conclude-outcome": "violation_confirmed", "conclude-conclusion": ""},
    )
    assert bad.status_code == 200
    assert bad.context["open_action"] == "conclude"
    assert "conclusion" in bad.context["forms"]["conclude"].errors
    done = client.post(
        f"{url}xu-ly/conclude/",
        {
            "conclude-outcome": "violation_confirmed",
            "conclude-conclusion": "Đã xử phạt 5 triệu đồng.",
        },
        follow=True,
    )
    assert "Đã ghi kết luận." in done.content.decode()

    complaint.refresh_from_db()
    assert (complaint.status, complaint.assignee, complaint.outcome) == (
        "concluded",
        officer,
        "violation_confirmed",
    )
    assert Message.objects.filter(complaint=complaint, kind="question").count() == 1


def test_a_refused_action_shows_the_rule_on_the_form(client, submit, officer):
    complaint = submit().complaint
    client.force_login(officer)

    response = client.post(f"/phan-anh/{complaint.pk}/xu-ly/verify/", {"verify-note": ""})

    assert response.status_code == 200
    assert response.context["forms"]["verify"].non_field_errors() == [
        "Hồ sơ đang ở trạng thái “Đã tiếp nhận” không thể chuyển sang “Đang xác minh”."
    ]


def test_unknown_action_is_404(client, submit, officer):
    complaint = submit().complaint
    client.force_login(officer)

    assert client.post(f"/phan-anh/{complaint.pk}/xu-ly/explode/").status_code == 404


def test_actions_only_by_post(client, submit, officer):
    complaint = submit().complaint
    client.force_login(officer)

    assert client.get(f"/phan-anh/{complaint.pk}/xu-ly/accept/").status_code == 405


def test_merge_by_reference_from_the_detail_page(client, submit, officer):
    original = submit().complaint
    duplicate = submit().complaint
    client.force_login(officer)

    page = client.get(f"/phan-anh/{duplicate.pk}/")
    response = client.post(
        f"/phan-anh/{duplicate.pk}/xu-ly/merge/", {"merge-into": original.reference.lower()}
    )
    missing = client.post(f"/phan-anh/{original.pk}/xu-ly/merge/", {"merge-into": "PA00-NOPE"})

    assert page.context["duplicates"] == [original]
    assert response.status_code == 302
    duplicate.refresh_from_db()
    assert duplicate.duplicate_of == original
    assert missing.context["forms"]["merge"].non_field_errors() == [
        "Không tìm thấy hồ sơ PA00-NOPE trong các hồ sơ bạn xử lý."
    ]


def test_track_and_transfer_from_the_detail_page(client, submit, officer, market_authority):
    from tdc.complaints.tests.helpers import PLANTED

    complaint = submit(identity=PLANTED).complaint
    client.force_login(officer)
    url = f"/phan-anh/{complaint.pk}/xu-ly/"

    assert (
        client.post(
            url + "track/", {"track-track": "denunciation", "track-reason": "Có danh tính"}
        ).status_code
        == 302
    )
    assert client.post(url + "accept/", {"accept-note": ""}).status_code == 302
    assert (
        client.post(url + "extend/", {"extend-days": 30, "extend-reason": "Phức tạp"}).status_code
        == 302
    )
    assert (
        client.post(
            url + "transfer/",
            {"transfer-authority": market_authority.pk, "transfer-reason": "Hàng giả"},
        ).status_code
        == 302
    )

    complaint.refresh_from_db()
    assert (complaint.track, complaint.extension_days, complaint.outcome) == (
        "denunciation",
        30,
        "transferred",
    )


def test_reroute_from_the_detail_page(client, submit, officer, agency):
    complaint = submit().complaint
    client.force_login(officer)

    response = client.post(
        f"/phan-anh/{complaint.pk}/xu-ly/reroute/",
        {"reroute-organisation": agency.pk, "reroute-reason": "Thẩm quyền"},
    )

    assert response.status_code == 302
    complaint.refresh_from_db()
    assert complaint.organisation == agency


def test_files_are_served_to_handlers_only(client, submit, officer, other_reporter):
    complaint = submit(
        files=[upload("a.jpg", jpeg_with_gps()), upload("b.pdf", MINIMAL_PDF, "application/pdf")]
    ).complaint
    image, pdf = complaint.attachments.order_by("id")
    client.force_login(officer)

    shown = client.get(f"/phan-anh/{complaint.pk}/tep/{image.pk}/")
    downloaded = client.get(f"/phan-anh/{complaint.pk}/tep/{pdf.pk}/")

    assert (shown.status_code, shown["Content-Type"]) == (200, "image/jpeg")
    assert b"".join(shown.streaming_content).startswith(b"\xff\xd8")
    assert (
        downloaded["Content-Disposition"]
        == f'attachment; filename="{complaint.reference}-{pdf.pk}.pdf"'
    )
    assert shown["Cache-Control"] == "private, no-store"
    client.force_login(other_reporter)
    assert client.get(f"/phan-anh/{complaint.pk}/tep/{image.pk}/").status_code == 404


def test_home_panel_counts_open_new_and_overdue(client, officer, dost, commune):
    ComplaintFactory(organisation=dost, province=dost.province, commune=commune)
    client.force_login(officer)

    panels = dict(client.get("/").context["panels"])

    assert panels["complaints/home_panel.html"]["counts"] == {"open": 1, "new": 1, "overdue": 0}


# --- API ---------------------------------------------------------------------------------------


def _api(user) -> Client:
    _token, key = issue_api_token(user, name="test")
    return Client(HTTP_AUTHORIZATION=f"Bearer {key}")


def test_api_uses_the_same_doors(submit, officer, other_reporter, leader):
    complaint = submit().complaint

    assert _api(other_reporter).get(f"/api/v1/complaints/{complaint.pk}").status_code == 404
    assert _api(other_reporter).get("/api/v1/complaints/").json()["items"] == []
    assert _api(leader).get(f"/api/v1/complaints/{complaint.pk}").status_code == 200
    assert (
        _api(leader)
        .post(
            f"/api/v1/complaints/{complaint.pk}/status",
            {"status": "accepted"},
            content_type="application/json",
        )
        .status_code
        == 403
    )
    assert Client().get("/api/v1/complaints/").status_code == 401


def test_api_changes_status_and_assigns_through_the_services(submit, officer, reporter):
    complaint = submit().complaint
    api = _api(officer)

    refused = api.post(
        f"/api/v1/complaints/{complaint.pk}/status",
        {"status": "concluded", "outcome": "not_confirmed", "conclusion": "x"},
        content_type="application/json",
    )
    accepted = api.post(
        f"/api/v1/complaints/{complaint.pk}/status",
        {"status": "accepted"},
        content_type="application/json",
    )
    wrong_person = api.post(
        f"/api/v1/complaints/{complaint.pk}/assign",
        {"assignee_id": reporter.pk},
        content_type="application/json",
    )
    assigned = api.post(
        f"/api/v1/complaints/{complaint.pk}/assign",
        {"assignee_id": officer.pk},
        content_type="application/json",
    )

    assert refused.status_code == 422
    assert refused.json() == {
        "detail": ["Hồ sơ đang ở trạng thái “Đã tiếp nhận” không thể chuyển sang “Đã có kết luận”."]
    }
    assert accepted.json()["status"] == "accepted"
    assert wrong_person.status_code == 422
    assert (assigned.json()["status"], assigned.json()["assignee_id"]) == ("assigned", officer.pk)
    assert AuditEvent.objects.filter(action="complaint.status_changed", actor=officer).count() == 2
    assert Complaint.objects.get().status == "assigned"


def test_detail_page_query_count_does_not_grow_with_the_conversation(client, submit, officer):
    def queries_for(messages: int) -> int:
        complaint = submit(files=[upload("a.pdf", MINIMAL_PDF, "application/pdf")]).complaint
        for index in range(messages):
            services.post_message(complaint, kind="note", body=f"Ghi chú {index}", by=officer)
        client.force_login(officer)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(f"/phan-anh/{complaint.pk}/").status_code == 200
        return len(captured)

    assert queries_for(1) == queries_for(4)
