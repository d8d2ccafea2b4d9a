"""More of the pages: the project pages, applying and discarding an import, the digest job,
files refused as a whole."""

from __future__ import annotations

import io

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from tdc.core.metrics import MetricScope, compute_metric
from tdc.standards.files import FileRefused, read_table
from tdc.standards.jobs import send_daily_digests
from tdc.standards.models import CatalogueImport, Project, Standard
from tdc.standards.services import read_catalogue_file
from tdc.standards.services.catalogue import COLUMNS, REQUIRED

pytestmark = pytest.mark.django_db


def upload(data: bytes, name: str) -> io.BytesIO:
    handle = io.BytesIO(data)
    handle.name = name
    return handle


def test_the_officer_runs_a_project_through_its_pages(client, officer):
    client.force_login(officer)
    client.post(
        reverse("standards:project_create"),
        {"kind": "tcvn", "title": "TCVN sản phẩm yến sào", "description": "Tổ yến Khánh Hòa"},
    )
    project = Project.objects.get()
    url = reverse("standards:project_stage", args=[project.pk])
    client.post(url, {"stage": "drafting"})
    wrong = client.post(url, {"stage": "issued"})
    assert "Không chuyển được từ “Biên soạn dự thảo” sang “Ban hành”." in wrong.content.decode()
    client.post(
        reverse("standards:project_document_add", args=[project.pk]),
        {"title": "Dự thảo lần 1", "file": upload(b"%PDF-1.4\n%%EOF", "du-thao.pdf")},
    )
    refused = client.post(
        reverse("standards:project_document_add", args=[project.pk]),
        {"title": "Ảnh", "file": upload(b"GIF89a", "anh.gif")},
    )
    assert "Chỉ nhận tệp PDF hoặc DOCX." in refused.content.decode()
    document = project.documents.get()
    download = client.get(
        reverse("standards:project_document_download", args=[project.pk, document.pk])
    )
    assert download.content == b"%PDF-1.4\n%%EOF"
    listing = client.get(reverse("standards:project_list")).content.decode()
    assert "TCVN sản phẩm yến sào" in listing
    assert "Dự án theo giai đoạn" in listing  # the chart and its table
    project.refresh_from_db()
    assert project.stage == "drafting"


def test_comments_refused_after_the_deadline_through_the_page(client, officer, reporter):
    client.force_login(officer)
    client.post(reverse("standards:project_create"), {"kind": "qcdp", "title": "QCĐP nước sạch"})
    project = Project.objects.get()
    Project.objects.filter(pk=project.pk).update(
        stage="comments", comments_open_until=timezone.localdate() - timezone.timedelta(days=1)
    )
    client.force_login(reporter)
    page = client.post(reverse("standards:project_comment", args=[project.pk]), {"text": "Muộn"})
    assert "Dự thảo này hiện không lấy ý kiến." in page.content.decode()


def test_apply_and_discard_through_the_pages(client, officer):
    first = read_catalogue_file(b"So hieu,Ten\nTCVN 1:2020,Mot\n", filename="a.csv", by=officer)
    second = read_catalogue_file(b"So hieu,Ten\nTCVN 2:2020,Hai\n", filename="b.csv", by=officer)
    client.force_login(officer)
    client.post(reverse("standards:import_apply", args=[first.pk]))
    client.post(reverse("standards:import_discard", args=[second.pk]))
    again = client.post(reverse("standards:import_apply", args=[first.pk]), follow=True)
    assert "Lượt nhập này đã được áp dụng hoặc đã hủy." in again.content.decode()
    assert list(Standard.objects.values_list("number", flat=True)) == ["TCVN 1:2020"]
    assert CatalogueImport.objects.get(pk=second.pk).status == "discarded"
    refused = client.post(
        reverse("standards:import_upload"), {"file": upload(b"\x00\x01", "x.pdf")}
    )
    assert "Chỉ nhận tệp CSV, XLSX hoặc JSON." in refused.content.decode()


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (b"", "a.csv", "Tệp rỗng: không có dòng tiêu đề."),
        (
            b"not xlsx",
            "a.xlsx",
            "Tệp hỏng hoặc không đúng định dạng (tệp DOCX, XLSX phải là tệp nén ZIP).",
        ),
        (
            b"{",
            "a.json",
            "Tệp JSON không hợp lệ (dòng 1): Expecting property name enclosed in double quotes.",
        ),
        (b'{"x": 1}', "a.json", "Tệp JSON phải là một danh sách các bản ghi."),
        (b"[]", "a.json", "Tệp rỗng: không có bản ghi nào."),
    ],
)
def test_files_refused_as_a_whole(data, name, message):
    with pytest.raises(FileRefused) as error:
        read_table(data, name, COLUMNS, REQUIRED)
    assert str(error.value) == message


def test_a_bad_date_is_named(officer):
    preview = read_catalogue_file(
        "Số hiệu,Tên,Ngày công bố\nTCVN 1:2020,Một,32/13/2020\n".encode(),
        filename="a.csv",
        by=officer,
    )
    assert preview.rejected[0]["reason"] == "ngày công bố “32/13/2020” không đúng dạng dd/mm/yyyy"
    with pytest.raises(ValidationError):
        read_catalogue_file(b"So hieu,Ten\n", filename="a.csv", by=officer)


def test_the_digest_job_and_the_reach_metric(business, business_user, province):
    from tdc.standards.tests.factories import NotificationFactory, SubscriptionFactory

    subscription = SubscriptionFactory.create(organisation=business, created_by=business_user)
    type(subscription).objects.filter(pk=subscription.pk).update(
        created_at=timezone.now() - timezone.timedelta(days=1)
    )
    NotificationFactory.create()
    send_daily_digests.enqueue()
    today = timezone.localdate()
    scope = MetricScope(province_id=province.code, start=today, end=today)
    assert compute_metric("standards.businesses_reached", scope) == 1
