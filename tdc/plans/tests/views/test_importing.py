"""The import journey of a plan document: upload, bad input, duplicates, preview, corrections,
confirm, discard, with its permissions."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice
from fpdf import FPDF
from PIL import Image

from tdc.accounts.models import Role
from tdc.accounts.tests.factories import UserFactory
from tdc.core.models import AuditEvent
from tdc.plans.forms.importing import DraftPreviewForms
from tdc.plans.ingest import errors
from tdc.plans.models import Plan, PlanImportDraft
from tdc.plans.queries.importing import organisation_choice, preview_of
from tdc.plans.queries.plans import matching_candidates
from tdc.plans.services.importing import parse_import_draft
from tdc.plans.tests.factories import imported_plan, read_draft, small_plan_bytes, zip_bomb

UPLOAD = reverse("plans:import_upload")


def _upload(client: Any, data: bytes, name: str = "ke-hoach.txt") -> Any:
    return client.post(UPLOAD, {"document": SimpleUploadedFile(name, data)})


def _draft(officer: Any) -> PlanImportDraft:
    return read_draft(
        officer.organisation.province, data=small_plan_bytes(), filename="ke-hoach.txt", by=officer
    )


def _post_data(draft: PlanImportDraft, **changes: str) -> dict[str, str]:
    """What the preview form posts when the officer changes nothing (plus `changes`)."""
    forms = DraftPreviewForms(preview_of(draft), list(matching_candidates(draft.province)))
    data: dict[str, str] = {}
    formsets = [forms.groups, forms.tasks, forms.units, forms.targets, forms.deadlines]
    for formset in formsets:
        for field in formset.management_form:
            data[field.html_name] = str(field.value())
    for form in [forms.header, forms.new_task, *[f for fs in formsets for f in fs.forms]]:
        for field in form:
            value = field.value()
            if value is None or value is False:
                continue
            data[field.html_name] = (
                value.strftime("%d/%m/%Y") if isinstance(value, dt.date) else str(value)
            )
    data.update(changes)
    return data


def _scanned_pdf() -> bytes:
    image = io.BytesIO()
    Image.new("RGB", (200, 100), "white").save(image, format="PNG")
    pdf = FPDF()
    pdf.add_page()
    pdf.image(image, x=10, y=10, w=100)
    return bytes(pdf.output())


# --- Plan list, detail, task, source ------------------------------------------------------------


# --- Import: permissions ------------------------------------------------------------------------


def test_a_reporter_can_neither_upload_nor_see_a_preview(client, reporter, officer):
    draft = _draft(officer)
    client.force_login(reporter)

    assert client.get(UPLOAD).status_code == 403
    assert _upload(client, small_plan_bytes("x")).status_code == 403
    preview = reverse("plans:import_preview", args=[draft.pk])
    assert client.get(preview).status_code == 403
    assert client.post(preview, {"action": "confirm"}).status_code == 403
    assert PlanImportDraft.objects.count() == 1
    assert not Plan.objects.exists()


def test_a_system_administrator_without_a_province_chooses_one(client, other_province):
    admin = UserFactory(username="quantri.bo", organisation=None, roles=[Role.SYSTEM_ADMIN])
    device = TOTPDevice.objects.create(user=admin, name="TĐC", confirmed=True)
    client.force_login(admin)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()

    page = client.get(UPLOAD)
    response = client.post(
        UPLOAD,
        {
            "document": SimpleUploadedFile("ke-hoach.txt", small_plan_bytes()),
            "province": str(other_province.pk),
        },
    )

    assert 'name="province"' in page.content.decode()
    draft = PlanImportDraft.objects.get()
    assert (response.status_code, draft.province, draft.uploaded_by.username) == (
        302,
        other_province,
        "quantri.bo",
    )


def test_another_provinces_officer_gets_404_on_a_draft(client, officer, other_province_officer):
    draft = _draft(officer)
    client.force_login(other_province_officer)

    assert client.get(reverse("plans:import_preview", args=[draft.pk])).status_code == 404
    assert client.post(reverse("plans:import_discard", args=[draft.pk])).status_code == 404


# --- Import: upload -----------------------------------------------------------------------------


def test_upload_reads_the_document_and_opens_the_preview(client, officer, dost, agency):
    client.force_login(officer)

    response = _upload(client, small_plan_bytes())

    draft = PlanImportDraft.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("plans:import_preview", args=[draft.pk])
    assert (draft.province, draft.uploaded_by, draft.source_filename) == (
        dost.province,
        officer,
        "ke-hoach.txt",
    )


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (b"", "ke-hoach.docx", errors.EMPTY_FILE),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "ke-hoach.doc", errors.LEGACY_DOC),
        (b"<html></html>", "ke-hoach.html", errors.unsupported_format(".html")),
        (b"PK\x03\x04broken", "ke-hoach.docx", errors.CORRUPT_DOCX),
    ],
    ids=["empty", "legacy-doc", "unsupported", "corrupt-docx"],
)
def test_upload_of_bad_input_shows_the_reason_in_vietnamese_and_writes_nothing(
    client, officer, data, name, message
):
    client.force_login(officer)
    events_before = AuditEvent.objects.count()

    response = _upload(client, data, name)

    assert response.status_code == 200
    assert response.context["form"].errors == {"document": [message]}
    html = response.content.decode()
    assert message in html
    assert 'type="file" name="document"' in html  # the form is there to try again
    assert not PlanImportDraft.objects.exists()
    assert AuditEvent.objects.count() == events_before


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (_scanned_pdf(), "ban-scan.pdf", errors.NO_TEXT_LAYER),
        ("Biên bản họp giao ban.\nNội dung: trao đổi.".encode(), "bien-ban.txt", errors.NO_TASKS),
        (b"%PDF-1.7 broken", "ke-hoach.pdf", errors.CORRUPT_PDF),
    ],
    ids=["scanned-pdf", "not-a-plan", "corrupt-pdf"],
)
def test_a_file_the_worker_cannot_read_shows_the_reason_in_vietnamese_and_imports_nothing(
    client, officer, data, name, message, django_capture_on_commit_callbacks
):
    client.force_login(officer)

    with django_capture_on_commit_callbacks(execute=True):
        response = _upload(client, data, name)

    draft = PlanImportDraft.objects.get()
    assert response["Location"] == reverse("plans:import_preview", args=[draft.pk])
    assert (draft.status, draft.error) == (PlanImportDraft.Status.FAILED, message)
    page = client.get(response["Location"])
    html = page.content.decode()
    assert f"Không đọc được tệp {name} thành kế hoạch." in html
    assert message in html
    assert "every 2s" not in html  # nothing more to wait for
    assert f'href="{UPLOAD}"' in html
    assert not Plan.objects.exists()


def test_the_page_waits_for_the_worker_and_reloads_into_the_preview(client, officer, dost):
    client.force_login(officer)

    response = _upload(client, small_plan_bytes())  # the worker has not run yet

    draft = PlanImportDraft.objects.get()
    state = reverse("plans:import_state", args=[draft.pk])
    page = client.get(response["Location"])
    html = page.content.decode()
    assert draft.status == PlanImportDraft.Status.PARSING
    assert "Đang đọc tệp ke-hoach.txt…" in html
    assert f'hx-get="{state}" hx-trigger="every 2s" hx-swap="outerHTML"' in html
    assert "<script>" not in html  # strict CSP: no inline script
    assert "onclick" not in html
    polled = client.get(state, headers={"HX-Request": "true"})
    assert polled.status_code == 200
    assert 'hx-trigger="every 2s"' in polled.content.decode()
    assert "<html" not in polled.content.decode()

    parse_import_draft(draft.pk)  # the worker's job

    polled = client.get(state, headers={"HX-Request": "true"})
    assert (polled.status_code, polled["HX-Refresh"]) == (200, "true")
    preview = client.get(response["Location"]).content.decode()
    assert "Xác nhận nhập kế hoạch" in preview
    assert "every 2s" not in preview


def test_a_stalled_draft_offers_thu_lai_which_reads_it_again(
    client, officer, time_machine, django_capture_on_commit_callbacks
):
    time_machine.move_to(dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC), tick=False)
    client.force_login(officer)
    _upload(client, small_plan_bytes())
    draft = PlanImportDraft.objects.get()
    preview_url = reverse("plans:import_preview", args=[draft.pk])
    retry = reverse("plans:import_retry", args=[draft.pk])
    assert f'action="{retry}"' not in client.get(preview_url).content.decode()

    refused = client.post(retry, follow=True)
    assert "Tệp vẫn đang được đọc, chưa thể thử lại." in refused.content.decode()
    time_machine.move_to(dt.datetime(2026, 3, 2, 9, 11, tzinfo=dt.UTC), tick=False)
    html = client.get(preview_url).content.decode()
    assert "Việc đọc tệp bị gián đoạn." in html
    assert f'action="{retry}"' in html

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(retry)

    assert (response.status_code, response["Location"]) == (302, preview_url)
    draft.refresh_from_db()
    assert draft.status == PlanImportDraft.Status.PENDING
    assert "Xác nhận nhập kế hoạch" in client.get(preview_url).content.decode()


def test_a_docx_bomb_is_refused_on_the_form_and_the_chosen_province_stays(client, other_province):
    admin = UserFactory(username="quantri.bo", organisation=None, roles=[Role.SYSTEM_ADMIN])
    device = TOTPDevice.objects.create(user=admin, name="TĐC", confirmed=True)
    client.force_login(admin)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()

    response = client.post(
        UPLOAD,
        {
            "document": SimpleUploadedFile("bom.docx", zip_bomb(unpacked=51 * 1024 * 1024)),
            "province": str(other_province.pk),
        },
    )

    assert response.status_code == 200
    assert response.context["form"].errors == {
        "document": ["Nội dung tệp khi giải nén quá lớn (51 MB). Tối đa 50 MB."]
    }
    html = response.content.decode()
    assert f'<option value="{other_province.pk}" selected>' in html
    assert not PlanImportDraft.objects.exists()


def test_upload_refuses_a_file_over_the_size_limit(client, officer):
    client.force_login(officer)

    response = _upload(client, b"x" * (10 * 1024 * 1024 + 1))

    assert response.context["form"].errors == {"document": ["Tệp quá lớn (10,1 MB). Tối đa 10 MB."]}
    assert not PlanImportDraft.objects.exists()


def test_upload_of_an_imported_file_offers_the_existing_plan(client, officer, dost):
    plan = imported_plan(dost.province)
    client.force_login(officer)

    response = _upload(client, small_plan_bytes(), "lan-hai.txt")

    html = response.content.decode()
    assert response.status_code == 200
    assert response.context["duplicate"] == plan
    assert "Tệp này đã được nhập trước đây, không cần nhập lại." in html
    assert f'href="{plan.get_absolute_url()}"' in html
    assert not PlanImportDraft.objects.exists()


# --- Import: preview, corrections, confirm ------------------------------------------------------


def test_preview_shows_groups_tasks_units_with_confidence(client, officer, dost, agency):
    draft = _draft(officer)
    client.force_login(officer)

    response = client.get(reverse("plans:import_preview", args=[draft.pk]))

    html = response.content.decode()
    assert response.status_code == 200
    assert "Tuyên truyền, nâng cao nhận thức" in html
    assert "Kiểm tra chất lượng hàng hóa lưu thông trên thị trường" in html
    assert "Độ tin cậy 100%" in html
    assert "Tạo mới: Công an tỉnh" in html
    assert "Tất cả UBND cấp xã (xã, phường, đặc khu)" in html
    assert (
        f'<option value="{organisation_choice(agency.pk)}" selected>Sở Tài chính</option>' in html
    )
    assert 'name="units-0-choice"' in html


def test_preview_plain_post_saves_corrections_and_redirects(client, officer, dost):
    draft = _draft(officer)
    client.force_login(officer)
    url = reverse("plans:import_preview", args=[draft.pk])

    response = client.post(
        url,
        _post_data(
            draft,
            **{"tasks-0-content": "Nội dung đã sửa", "action": "save", "plan-year": "2026"},
        ),
    )

    assert (response.status_code, response["Location"]) == (302, url)
    draft.refresh_from_db()
    preview = preview_of(draft)
    assert (preview["tasks"][0]["content"], preview["header"]["year"]) == ("Nội dung đã sửa", 2026)


def test_preview_delete_and_add_task_with_htmx_returns_the_form_partial(client, officer, dost):
    draft = _draft(officer)
    client.force_login(officer)
    data = _post_data(
        draft,
        delete_task="t2",
        **{
            "new-content": "Kiểm tra đo lường xăng dầu",
            "new-group": "g2",
            "new-number": "2",
            "new-lead": "Sở Tài chính",
            "action": "add_task",
        },
    )

    response = client.post(
        reverse("plans:import_preview", args=[draft.pk]), data, HTTP_HX_REQUEST="true"
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith('<form id="preview-form"')
    assert "Đã lưu các chỉnh sửa." in html
    draft.refresh_from_db()
    assert [(t["key"], t["number"], t["content"][:30]) for t in preview_of(draft)["tasks"]] == [
        ("t1", "1", "Tuyên truyền, phổ biến Chỉ thị"),
        ("t3", "1", "Kiểm tra chất lượng hàng hóa l"),
        ("t4", "2", "Kiểm tra đo lường xăng dầu"),
    ]


def test_preview_invalid_input_is_kept_and_nothing_saved(client, officer, dost):
    draft = _draft(officer)
    before = preview_of(draft)
    client.force_login(officer)

    response = client.post(
        reverse("plans:import_preview", args=[draft.pk]),
        _post_data(
            draft,
            **{
                "plan-title": "Tên kế hoạch tôi vừa gõ",
                "tasks-1-content": "",
                "deadlines-0-day": "31",
                "deadlines-0-month": "2",
                "action": "confirm",
            },
        ),
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert "Tên kế hoạch tôi vừa gõ" in html
    assert response.context["forms"].tasks.forms[1].errors == {
        "content": ["Trường này là bắt buộc."]
    }
    assert response.context["forms"].deadlines.forms[0].errors == {
        "day": ["Ngày 31/02 không có trong năm."]
    }
    draft.refresh_from_db()
    assert preview_of(draft) == before
    assert not Plan.objects.exists()


def test_preview_confirm_stores_the_plan_with_the_corrections(
    client, officer, dost, agency, other_agency
):
    draft = _draft(officer)
    police = next(u for u in preview_of(draft)["units"] if u["text"] == "Công an tỉnh")
    index = preview_of(draft)["units"].index(police)
    client.force_login(officer)

    response = client.post(
        reverse("plans:import_preview", args=[draft.pk]),
        _post_data(
            draft,
            **{
                "tasks-2-content": "Kiểm tra chất lượng xăng dầu",
                f"units-{index}-choice": organisation_choice(agency.pk),
                "action": "confirm",
            },
        ),
    )

    plan = Plan.objects.get()
    assert (response.status_code, response["Location"]) == (302, plan.get_absolute_url())
    task = plan.tasks.get(content="Kiểm tra chất lượng xăng dầu")
    assert list(task.units.values_list("text", "organisation")) == [
        ("Sở Y tế", other_agency.pk),
        ("Sở KHCN", dost.pk),
        ("Công an tỉnh", agency.pk),
    ]
    follow = client.get(plan.get_absolute_url())
    assert "Đã nhập kế hoạch." in follow.content.decode()


def test_preview_confirm_with_htmx_redirects_by_header(client, officer, dost):
    draft = _draft(officer)
    client.force_login(officer)

    response = client.post(
        reverse("plans:import_preview", args=[draft.pk]),
        _post_data(draft, action="confirm"),
        HTTP_HX_REQUEST="true",
    )

    assert (response.status_code, response["HX-Redirect"]) == (
        204,
        Plan.objects.get().get_absolute_url(),
    )


def test_preview_confirm_of_an_already_imported_file_offers_the_plan(client, officer, dost):
    draft = _draft(officer)
    plan = imported_plan(dost.province)  # the same file, imported meanwhile
    client.force_login(officer)

    response = client.post(
        reverse("plans:import_preview", args=[draft.pk]), _post_data(draft, action="confirm")
    )

    assert response.status_code == 200
    assert response.context["duplicate"] == plan
    assert f'href="{plan.get_absolute_url()}"' in response.content.decode()
    assert Plan.objects.count() == 1


def test_discard_draft(client, officer):
    draft = _draft(officer)
    client.force_login(officer)

    response = client.post(reverse("plans:import_discard", args=[draft.pk]))

    assert (response.status_code, response["Location"]) == (302, UPLOAD)
    draft.refresh_from_db()
    assert draft.status == PlanImportDraft.Status.DISCARDED
    assert client.get(reverse("plans:import_preview", args=[draft.pk])).status_code == 404


# --- API ----------------------------------------------------------------------------------------


# --- Proposed leads and the assignment outlook -------------------------------------------------


PROSE = (
    "ỦY BAN NHÂN DÂN\nTỈNH KHÁNH HÒA\n\nKẾ HOẠCH\nThực hiện Chỉ thị số 38-CT/TW\n\n"
    "I. NHIỆM VỤ VÀ GIẢI PHÁP\n\n1. Tuyên truyền\n\n"
    "- Tổ chức hội nghị quán triệt Chỉ thị số 38-CT/TW cho cán bộ.\n\n"
    "II. TỔ CHỨC THỰC HIỆN\n\n1. Sở Tài chính\n\n- Bố trí kinh phí thực hiện Kế hoạch.\n"
)


def test_the_preview_shows_the_outlook_and_proposals_and_accepts_them(
    client, officer, dost, agency
):
    draft = read_draft(dost.province, data=PROSE.encode(), filename="kh.txt", by=officer)
    client.force_login(officer)
    url = reverse("plans:import_preview", args=[draft.pk])

    page = client.get(url).content.decode()
    assert "Phân công sẽ được tạo" in page
    assert "1 nhiệm vụ chưa có đơn vị chủ trì." in page
    assert "Chủ trì: Sở Khoa học và Công nghệ" in page
    assert "Văn bản không nêu đơn vị chủ trì: đề xuất cơ quan theo dõi kế hoạch." in page

    response = client.post(url, _post_data(draft, action="save", accept_proposals="all"))

    assert response.status_code == 302
    draft.refresh_from_db()
    assert preview_of(draft)["tasks"][0]["lead"] == ["Sở Khoa học và Công nghệ"]
    assert "0 nhiệm vụ chưa có đơn vị chủ trì." in client.get(url).content.decode()


def test_confirming_a_plan_that_assigns_nothing_asks_for_the_explicit_choice(client, officer, dost):
    text = PROSE.split("II. TỔ CHỨC")[0]
    draft = read_draft(dost.province, data=text.encode(), filename="kh.txt", by=officer)
    client.force_login(officer)
    url = reverse("plans:import_preview", args=[draft.pk])
    assert "Vẫn nhập khi không có phân công" in client.get(url).content.decode()

    refused = client.post(url, _post_data(draft, action="confirm"))
    assert "sẽ không giao nhiệm vụ cho cơ quan, đơn vị nào" in refused.content.decode()
    assert not Plan.objects.exists()

    response = client.post(url, _post_data(draft, action="confirm", without_assignments="1"))
    assert response.status_code == 302
    assert Plan.objects.count() == 1


def test_the_officer_unlinks_adds_and_deletes_targets_in_the_preview(client, officer, dost):
    draft = _draft(officer)
    client.force_login(officer)
    url = reverse("plans:import_preview", args=[draft.pk])
    assert [t.get("metric_key") for t in preview_of(draft)["targets"]] == [
        "capacity.forums_held",
        "plans.dissemination_reporting_share",
    ]
    page = client.get(url).content.decode()
    assert "Tỷ lệ cơ quan được giao đã báo cáo kết quả quán triệt, tuyên truyền" in page

    data = _post_data(
        draft,
        action="save",
        **{
            "targets-1-metric_key": "",
            "targets-0-DELETE": "on",
            "targets-2-text": "Tối thiểu 20 lớp tập huấn",
            "targets-2-comparator": ">=",
            "targets-2-value": "20",
            "targets-2-unit": "lớp",
            "targets-2-metric_key": "plans.reporting_timeliness",
        },
    )
    assert client.post(url, data).status_code == 302

    draft.refresh_from_db()
    assert [(t["text"][:12], t["metric_key"]) for t in preview_of(draft)["targets"]] == [
        ("100% các sở,", ""),
        ("Tối thiểu 20", "plans.reporting_timeliness"),
    ]


def test_back_after_confirming_leads_to_the_plan_not_a_404(client, officer, dost):
    draft = _draft(officer)
    client.force_login(officer)
    url = reverse("plans:import_preview", args=[draft.pk])
    client.post(url, _post_data(draft, action="confirm"))
    plan = Plan.objects.get()

    response = client.get(url)

    assert (response.status_code, response.url) == (302, plan.get_absolute_url())
