"""The synthesis report: its figures, the Decree 30 DOCX and the XLSX annex opened and checked."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from docx import Document
from openpyxl import load_workbook

from tdc.core.models import AuditEvent
from tdc.plans.models import ProgressReport, Synthesis
from tdc.plans.services.reporting import accept_report
from tdc.plans.services.synthesis import (
    finalise_synthesis,
    refresh_synthesis,
    start_synthesis,
    update_synthesis,
)

pytestmark = pytest.mark.usefixtures("in_2026")


@pytest.fixture
def period(synthesis_period):
    return synthesis_period


@pytest.fixture
def draft(synthesis_draft):
    return synthesis_draft


def test_the_synthesis_starts_before_every_report_is_in_and_lists_the_missing(period, officer):
    synthesis = start_synthesis(period, by=officer)

    data = synthesis.snapshot
    assert data["totals"] == {
        "expected": 3,
        "arrived": 2,
        "on_time": 1,
        "accepted": 1,
        "in_review": 1,
        "missing": 1,
    }
    assert data["missing"] == [{"organisation": "UBND Phường Nha Trang", "tasks": ["1.1"]}]
    assert data["in_review"] == [{"organisation": "Sở Y tế", "task": "2.1", "state": "Đã gửi"}]
    first_task = data["groups"][0]["tasks"][0]
    assert [line["organisation"] for line in first_task["results"]] == ["Sở Tài chính"]
    assert (first_task["accepted"], first_task["expected"]) == (1, 2)
    assert (
        synthesis.subject
        == "Kết quả thực hiện Kế hoạch thực hiện Chỉ thị số 38-CT/TW trên địa bàn tỉnh Khánh Hòa năm 2026"
    )
    assert synthesis.addressee == "Ủy ban nhân dân tỉnh Khánh Hòa"
    assert AuditEvent.objects.filter(action="synthesis.started", actor=officer).count() == 1


def test_finalising_freezes_the_content_and_stores_the_files(
    draft, officer, period, reporter, agency
):
    final = finalise_synthesis(draft, by=officer)

    assert final.status == "final"
    stored = final.docx.read()
    assert Document(io.BytesIO(stored)).tables[0].cell(1, 0).paragraphs[0].text == "Số: 05/BC-SKHCN"
    frozen = dict(final.snapshot)
    # A later acceptance changes nothing in the finalised report.
    waiting = ProgressReport.objects.get(period=period, state="submitted")
    accept_report(waiting, by=officer)
    final.refresh_from_db()
    assert final.snapshot == frozen
    with pytest.raises(ValidationError):
        update_synthesis(final, by=officer, version=final.version, intro="Sửa sau khi hoàn thành")
    with pytest.raises(ValidationError):
        refresh_synthesis(final, by=officer)
    assert AuditEvent.objects.get(action="synthesis.finalised").data["number"] == "Số: 05/BC-SKHCN"


def test_finalising_needs_a_number_and_a_signer(period, officer):
    synthesis = start_synthesis(period, by=officer)

    with pytest.raises(ValidationError) as caught:
        finalise_synthesis(synthesis, by=officer)

    assert set(caught.value.message_dict) == {"doc_number", "signer_name"}
    assert Synthesis.objects.get(pk=synthesis.pk).status == "draft"


def test_a_stale_edit_of_the_draft_is_refused(draft, officer):
    with pytest.raises(ValidationError):
        update_synthesis(draft, by=officer, version=draft.version - 1, intro="Bản cũ")


def test_the_officer_downloads_the_draft_and_leadership_the_final_report(
    client, draft, officer, leader, reporter
):
    client.force_login(officer)
    response = client.get(reverse("plans:synthesis_download", args=[draft.pk, "docx"]))
    assert response.status_code == 200
    assert (
        response["Content-Disposition"]
        == f'attachment; filename="bao-cao-tong-hop-{draft.period_id}-du-thao.docx"'
    )
    assert client.get(reverse("plans:synthesis_detail", args=[draft.pk])).status_code == 200
    client.post(reverse("plans:synthesis_finalise", args=[draft.pk]))

    client.force_login(leader)
    final = client.get(reverse("plans:synthesis_download", args=[draft.pk, "xlsx"]))
    assert final.status_code == 200
    assert load_workbook(io.BytesIO(b"".join(final.streaming_content))).sheetnames[0] == "Nhiệm vụ"
    client.force_login(reporter)
    assert client.get(reverse("plans:synthesis_detail", args=[draft.pk])).status_code == 404
