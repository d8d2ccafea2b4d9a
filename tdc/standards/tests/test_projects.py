"""Standards projects: stages in order, comments only while open, documents PDF/DOCX only,
the linked plan task, the metrics."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from docx import Document

from tdc.core.metrics import MetricScope, compute_metric
from tdc.plans.tests.factories import PlanFactory, TaskFactory
from tdc.standards.models import Project
from tdc.standards.services.projects import (
    add_project_document,
    advance_project,
    comment_on_project,
    create_project,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def task(province, dost):
    plan = PlanFactory.create(province=province, owner=dost, doc_number="12/KH-UBND")
    return TaskFactory.create(
        plan=plan, number="2.3", content="Xây dựng quy chuẩn kỹ thuật địa phương về nước sạch"
    )


@pytest.fixture
def project(officer, task):
    return create_project(
        kind="qcdp",
        title="QCĐP về chất lượng nước sạch",
        description="",
        due_on=None,
        plan_task_id=task.pk,
        by=officer,
    )


def docx_bytes() -> bytes:
    buffer = io.BytesIO()
    Document().save(buffer)
    return buffer.getvalue()


def test_stages_go_in_order_and_back_to_drafting(project, officer):
    with pytest.raises(ValidationError) as error:
        advance_project(project, stage="appraisal", due_on=None, note="", by=officer)
    assert error.value.messages == ["Không chuyển được từ “Đề xuất” sang “Thẩm định”."]
    advance_project(project, stage="drafting", due_on=None, note="", by=officer)
    with pytest.raises(ValidationError):
        advance_project(
            project, stage="comments", due_on=None, note="", by=officer
        )  # needs a deadline
    advance_project(
        project,
        stage="comments",
        due_on=timezone.localdate() + dt.timedelta(days=10),
        note="",
        by=officer,
    )
    advance_project(project, stage="drafting", due_on=None, note="Tiếp thu ý kiến", by=officer)
    assert list(project.steps.values_list("stage", flat=True)) == [
        "proposal",
        "drafting",
        "comments",
        "drafting",
    ]


def test_comments_only_while_open_from_the_province(
    project, officer, reporter, business_user, other_province_officer
):
    with pytest.raises(ValidationError):
        comment_on_project(project, text="Sớm quá", by=reporter)
    advance_project(project, stage="drafting", due_on=None, note="", by=officer)
    advance_project(project, stage="comments", due_on=timezone.localdate(), note="", by=officer)
    comment_on_project(project, text="Đề nghị bổ sung chỉ tiêu asen.", by=reporter)
    comment_on_project(project, text="Doanh nghiệp cấp nước đồng ý.", by=business_user)
    assert [c.organisation.name for c in project.comments.all()] == [
        "Sở Tài chính",
        "Công ty TNHH Xăng dầu Biển Xanh",
    ]


def test_documents_are_pdf_or_docx(project, officer):
    add_project_document(
        project, title="Dự thảo lần 1", data=docx_bytes(), filename="du-thao.docx", by=officer
    )
    add_project_document(
        project, title="Thuyết minh", data=b"%PDF-1.4\n%%EOF", filename="tm.pdf", by=officer
    )
    with pytest.raises(ValidationError) as error:
        add_project_document(project, title="Ảnh", data=b"GIF89a", filename="a.gif", by=officer)
    assert error.value.messages == ["Chỉ nhận tệp PDF hoặc DOCX."]
    assert project.documents.count() == 2


def test_a_task_of_another_province_cannot_be_linked(officer, other_province, other_province_dost):
    plan = PlanFactory.create(province=other_province, owner=other_province_dost)
    foreign = TaskFactory.create(plan=plan)
    with pytest.raises(ValidationError):
        create_project(
            kind="tcvn",
            title="Yến sào",
            description="",
            due_on=None,
            plan_task_id=foreign.pk,
            by=officer,
        )


def test_the_project_page_links_the_plan_task_and_the_reporter_comments(
    client, project, officer, reporter, task
):
    client.force_login(officer)
    page = client.get(project.get_absolute_url()).content.decode()
    assert "12/KH-UBND — 2.3. Xây dựng quy chuẩn kỹ thuật địa phương về nước sạch" in page
    client.force_login(reporter)
    assert client.get(project.get_absolute_url()).status_code == 404  # not open for comments
    advance_project(project, stage="drafting", due_on=None, note="", by=officer)
    advance_project(project, stage="comments", due_on=timezone.localdate(), note="", by=officer)
    response = client.post(
        reverse("standards:project_comment", args=[project.pk]), {"text": "Đồng ý."}
    )
    assert response.status_code == 302
    assert (
        client.post(
            reverse("standards:project_stage", args=[project.pk]), {"stage": "appraisal"}
        ).status_code
        == 403
    )


def test_metrics_count_issued_and_under_way(project, officer, province):
    for stage in ("drafting",):
        advance_project(project, stage=stage, due_on=None, note="", by=officer)
    today = timezone.localdate()
    scope = MetricScope(province_id=province.code, start=today.replace(month=1, day=1), end=today)
    assert compute_metric("standards.projects_under_way", scope) == 1
    assert compute_metric("standards.projects_issued", scope) == 0
    project.stage = Project.Stage.APPRAISAL
    project.save()
    advance_project(
        project, stage="issued", due_on=None, note="", issued_number="QCĐP 01:2026/KH", by=officer
    )
    assert compute_metric("standards.projects_issued", scope) == 1
    assert compute_metric("standards.projects_under_way", scope) == 0


def test_a_long_plan_task_is_offered_shortened_between_words():
    from types import SimpleNamespace

    from tdc.standards.forms import ProjectForm

    label = "12/KH-UBND — 2.3. Xây dựng quy chuẩn kỹ thuật địa phương về chất lượng nước sạch " * 3
    form = ProjectForm(tasks=[SimpleNamespace(pk=7, label=label)])
    shown = dict(form.fields["plan_task_id"].choices)[7]
    assert shown.endswith("…")
    assert len(shown) <= 160
    assert label.startswith(shown[:-1].rstrip())
    assert label[len(shown[:-1].rstrip())] == " "  # cut between words, never inside one


def test_the_catalogue_page_leads_commenters_to_the_drafts_open_for_comment(
    client, project, officer, business_user, reporter, ministry_viewer
):
    """Agencies and businesses have no menu entry to the projects: the catalogue they do have
    lists the province's drafts open for comment, with the deadline."""
    catalogue = reverse("standards:standard_list")
    client.force_login(business_user)
    assert 'id="drafts-open"' not in client.get(catalogue).content.decode()  # not open yet
    advance_project(project, stage="drafting", due_on=None, note="", by=officer)
    deadline = timezone.localdate() + dt.timedelta(days=10)
    advance_project(project, stage="comments", due_on=deadline, note="", by=officer)

    for user in (business_user, reporter):
        client.force_login(user)
        page = client.get(catalogue).content.decode()
        assert f'<a href="{project.get_absolute_url()}">QCĐP về chất lượng nước sạch</a>' in page
        assert f"góp ý đến hết ngày {deadline:%d/%m/%Y}" in page
    client.cookies["django_language"] = "en"
    english = client.get(catalogue).content.decode()
    assert "The province's drafts open for comment" in english
    assert f"comments until the end of {deadline:%d/%m/%Y}" in english
    del client.cookies["django_language"]
    client.force_login(ministry_viewer)  # reads every project from its own menu entry
    assert 'id="drafts-open"' not in client.get(catalogue).content.decode()
