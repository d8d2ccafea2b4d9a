"""Standards projects through the API: the same services and doors as the pages, and what
the API writes is what the project's page then shows."""

from __future__ import annotations

import datetime as dt
import io
import json
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from tdc.core.audit import AuditEvent
from tdc.plans.tests.factories import PlanFactory, TaskFactory
from tdc.standards.models import Project, ProjectComment, ProjectDocument, ProjectStep
from tdc.standards.tests.test_api import bearer
from tdc.standards.tests.test_projects import docx_bytes

pytestmark = pytest.mark.django_db

API = "/api/v1/standards/projects"


def post(client, url, body, user):
    return client.post(url, json.dumps(body), content_type="application/json", **bearer(user))


@pytest.fixture
def task(province, dost):
    plan = PlanFactory.create(province=province, owner=dost, doc_number="12/KH-UBND")
    return TaskFactory.create(
        plan=plan, number="2.3", content="Xây dựng quy chuẩn kỹ thuật địa phương về nước sạch"
    )


@pytest.fixture
def project_id(client, officer):
    created = post(
        client, API, {"kind": "qcdp", "title": "QCĐP về nước sạch", "due_on": "2027-03-31"}, officer
    )
    assert created.status_code == 201
    return created.json()["id"]


def test_an_officer_creates_links_and_moves_a_project_on_and_the_page_shows_it(
    client, officer, task, project_id
):
    detail = client.get(f"{API}/{project_id}", **bearer(officer)).json()
    assert (detail["stage"], detail["stage_due_on"], detail["organisation"]) == (
        "proposal",
        "2027-03-31",
        "Sở Khoa học và Công nghệ",
    )
    linked = client.patch(
        f"{API}/{project_id}",
        json.dumps({"plan_task_id": task.pk}),
        content_type="application/json",
        **bearer(officer),
    )
    assert linked.json()["plan_task_id"] == task.pk
    assert post(
        client, f"{API}/{project_id}/steps", {"stage": "drafting"}, officer
    ).status_code == (201)
    deadline = (timezone.localdate() + dt.timedelta(days=30)).isoformat()
    moved = post(
        client,
        f"{API}/{project_id}/steps",
        {"stage": "comments", "due_on": deadline, "note": "Gửi các sở, doanh nghiệp"},
        officer,
    )
    assert (moved.json()["stage"], moved.json()["comments_open_until"]) == ("comments", deadline)
    steps = client.get(f"{API}/{project_id}/steps", **bearer(officer)).json()
    assert [(s["stage"], s["note"]) for s in steps["items"]] == [
        ("proposal", ""),
        ("drafting", ""),
        ("comments", "Gửi các sở, doanh nghiệp"),
    ]
    client.force_login(officer)
    page = client.get(reverse("standards:project_detail", args=[project_id])).content.decode()
    assert "QCĐP về nước sạch" in page
    assert "12/KH-UBND — 2.3. Xây dựng quy chuẩn kỹ thuật địa phương về nước sạch" in page
    day = timezone.localdate() + dt.timedelta(days=30)
    assert f"(hạn góp ý {day:%d/%m/%Y})" in page


def test_refused_steps_answer_422_in_vietnamese_and_write_nothing(client, officer, project_id):
    audit = AuditEvent.objects.filter(action__startswith="standards.")
    steps, events = ProjectStep.objects.count(), audit.count()
    jump = post(client, f"{API}/{project_id}/steps", {"stage": "issued"}, officer)
    assert (jump.status_code, jump.json()["detail"]) == (
        422,
        ["Không chuyển được từ “Đề xuất” sang “Ban hành”."],
    )
    post(client, f"{API}/{project_id}/steps", {"stage": "drafting"}, officer)
    no_deadline = post(client, f"{API}/{project_id}/steps", {"stage": "comments"}, officer)
    assert (no_deadline.status_code, no_deadline.json()["detail"]) == (422, ["Hãy nêu hạn góp ý."])
    assert ProjectStep.objects.count() == steps + 1  # the drafting step only
    assert Project.objects.get(pk=project_id).stage == "drafting"
    unknown = post(client, f"{API}/{project_id}/steps", {"stage": "done"}, officer)
    assert unknown.status_code == 422
    foreign_task = client.patch(
        f"{API}/{project_id}",
        json.dumps({"plan_task_id": 987654}),
        content_type="application/json",
        **bearer(officer),
    )
    assert (foreign_task.status_code, foreign_task.json()["detail"]) == (
        422,
        ["Không tìm thấy nhiệm vụ này trong kế hoạch của tỉnh."],
    )
    assert Project.objects.get(pk=project_id).plan_task_id is None
    assert audit.count() == events + 1  # the drafting step


def test_the_last_step_issues_the_project_with_its_number(client, officer, project_id):
    deadline = timezone.localdate().isoformat()
    for body in (
        {"stage": "drafting"},
        {"stage": "comments", "due_on": deadline},
        {"stage": "appraisal"},
    ):
        assert post(client, f"{API}/{project_id}/steps", body, officer).status_code == 201
    unnumbered = post(client, f"{API}/{project_id}/steps", {"stage": "issued"}, officer)
    assert unnumbered.json()["detail"] == ["Hãy nêu số hiệu của văn bản ban hành."]
    issued = post(
        client,
        f"{API}/{project_id}/steps",
        {"stage": "issued", "issued_number": "QCĐP 01:2026/KH"},
        officer,
    )
    assert (issued.json()["stage"], issued.json()["issued_number"]) == (
        "issued",
        "QCĐP 01:2026/KH",
    )


def test_documents_upload_and_download_through_the_door(
    client, officer, reporter, other_province_officer, project_id
):
    upload = SimpleUploadedFile("Dự thảo lần 1.pdf", b"%PDF-1.4 du thao\n%%EOF")
    added = client.post(
        f"{API}/{project_id}/documents",
        {"title": "Dự thảo lần 1", "file": upload},
        **bearer(officer),
    )
    assert added.status_code == 201
    document = added.json()
    assert (document["title"], document["content_type"], document["stage"]) == (
        "Dự thảo lần 1",
        "application/pdf",
        "proposal",
    )
    listed = client.get(f"{API}/{project_id}/documents", **bearer(officer)).json()
    assert [d["title"] for d in listed["items"]] == ["Dự thảo lần 1"]
    url = f"{API}/{project_id}/documents/{document['id']}"
    got = client.get(url, **bearer(officer))
    assert (got.status_code, got["Content-Type"], b"".join(got.streaming_content)) == (
        200,
        "application/pdf",
        b"%PDF-1.4 du thao\n%%EOF",
    )
    assert got["X-Content-Type-Options"] == "nosniff"
    # Not open for comments: the province's agencies do not reach it; nor another province.
    assert client.get(url, **bearer(reporter)).status_code == 404
    assert client.get(url, **bearer(other_province_officer)).status_code == 404
    client.force_login(officer)
    page = client.get(reverse("standards:project_detail", args=[project_id])).content.decode()
    assert "Dự thảo lần 1</a> (Đề xuất)" in page


def zip_claiming(unpacked: int, member: str = "word/document.xml") -> bytes:
    """A small zip whose directory announces `unpacked` bytes: what the limit reads."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(member, b"<w:document/>")
    data = bytearray(buffer.getvalue())
    entry = data.index(b"PK\x01\x02")  # the central directory's entry: sizes at 20 and 24
    data[entry + 24 : entry + 28] = unpacked.to_bytes(4, "little")
    return bytes(data)


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("anh.gif", lambda: b"GIF89a", "Chỉ nhận tệp PDF hoặc DOCX."),
        (
            "lon.pdf",
            lambda: b"%PDF-" + b"0" * (20 * 1024 * 1024),
            "Tệp quá lớn (20,1 MB). Tối đa 20 MB.",
        ),
        (
            "bom.docx",
            lambda: zip_claiming(101 * 1024 * 1024),
            "Nội dung tệp khi giải nén quá lớn (101 MB). Tối đa 100 MB.",
        ),
    ],
)
def test_a_refused_document_answers_422_and_nothing_is_stored(
    client, officer, project_id, name, data, message
):
    response = client.post(
        f"{API}/{project_id}/documents",
        {"title": "Tệp", "file": SimpleUploadedFile(name, data())},
        **bearer(officer),
    )
    assert (response.status_code, response.json()["detail"]) == (422, [message])
    assert ProjectDocument.objects.count() == 0


def test_a_docx_document_is_accepted(client, officer, project_id):
    response = client.post(
        f"{API}/{project_id}/documents",
        {"title": "Thuyết minh", "file": SimpleUploadedFile("tm.docx", docx_bytes())},
        **bearer(officer),
    )
    assert response.json()["content_type"] == (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )


def test_the_province_comments_while_open_and_the_page_shows_it(
    client, officer, business_user, ministry_viewer, project_id
):
    early = post(client, f"{API}/{project_id}/comments", {"text": "Sớm quá"}, business_user)
    assert early.status_code == 404  # not open for comments: the business does not see it yet
    post(client, f"{API}/{project_id}/steps", {"stage": "drafting"}, officer)
    post(
        client,
        f"{API}/{project_id}/steps",
        {"stage": "comments", "due_on": timezone.localdate().isoformat()},
        officer,
    )
    said = post(
        client,
        f"{API}/{project_id}/comments",
        {"text": "Doanh nghiệp cấp nước đồng ý với dự thảo."},
        business_user,
    )
    assert (said.status_code, said.json()["organisation"]) == (
        201,
        "Công ty TNHH Xăng dầu Biển Xanh",
    )
    empty = post(client, f"{API}/{project_id}/comments", {"text": "   "}, business_user)
    assert (empty.status_code, empty.json()["detail"]) == (422, ["Hãy nhập ý kiến."])
    # The Ministry reads the draft but is not of the province: 403 on the API and the page.
    assert (
        post(client, f"{API}/{project_id}/comments", {"text": "Bộ góp ý"}, ministry_viewer)
    ).status_code == 403
    client.force_login(ministry_viewer)
    page_post = client.post(
        reverse("standards:project_comment", args=[project_id]), {"text": "Bộ góp ý"}
    )
    assert page_post.status_code == 403
    assert ProjectComment.objects.count() == 1
    listed = client.get(f"{API}/{project_id}/comments", **bearer(officer)).json()
    assert [c["text"] for c in listed["items"]] == ["Doanh nghiệp cấp nước đồng ý với dự thảo."]
    client.force_login(officer)
    page = client.get(reverse("standards:project_detail", args=[project_id])).content.decode()
    assert "<strong>Công ty TNHH Xăng dầu Biển Xanh</strong>" in page
    assert "Doanh nghiệp cấp nước đồng ý với dự thảo." in page


def test_after_the_deadline_a_comment_is_refused_in_vietnamese(
    client, officer, business_user, project_id
):
    post(client, f"{API}/{project_id}/steps", {"stage": "drafting"}, officer)
    post(
        client,
        f"{API}/{project_id}/steps",
        {"stage": "comments", "due_on": timezone.localdate().isoformat()},
        officer,
    )
    Project.objects.filter(pk=project_id).update(
        comments_open_until=timezone.localdate() - dt.timedelta(days=1)
    )
    late = post(client, f"{API}/{project_id}/comments", {"text": "Muộn"}, business_user)
    assert (late.status_code, late.json()["detail"]) == (
        422,
        ["Dự thảo này hiện không lấy ý kiến."],
    )
    assert ProjectComment.objects.count() == 0


def test_the_list_filters_by_stage_and_kind_and_keeps_what_changed_since(
    client, officer, project_id
):
    post(client, API, {"kind": "tcvn", "title": "TCVN yến sào"}, officer)
    everything = client.get(API, **bearer(officer)).json()
    assert [p["title"] for p in everything["items"]] == ["TCVN yến sào", "QCĐP về nước sạch"]
    by_kind = client.get(API, {"kind": "qcdp"}, **bearer(officer)).json()
    assert [p["title"] for p in by_kind["items"]] == ["QCĐP về nước sạch"]
    since = timezone.now()
    Project.objects.filter(pk=project_id).update(updated_at=since + dt.timedelta(seconds=1))
    changed = client.get(API, {"updated_after": since.isoformat()}, **bearer(officer)).json()
    assert [p["id"] for p in changed["items"]] == [project_id]
    assert client.get(API, {"stage": "issued"}, **bearer(officer)).json()["count"] == 0
    assert client.get(API, {"limit": 501}, **bearer(officer)).status_code == 422
