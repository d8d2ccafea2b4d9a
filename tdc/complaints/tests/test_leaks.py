"""The reporter's identity never leaves through any output path.

Every test plants a real identity (every field of `Identity`: name, phone, e-mail, citizen ID)
in the database first, and a PDF whose Author is the reporter's name, so that each path *could*
leak it; then it runs the path and looks for every fragment of it in what a reader would see:
JSON parsed, HTML unescaped, spreadsheets opened cell by cell, e-mails with their attachments,
the audit log's data (`helpers.readable`). The first tests prove the check sees a leak in each
of those encodings.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import logging
import re
import sys

import pytest
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.db import SessionStore
from django.core.mail import EmailMessage
from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.test import Client, RequestFactory
from django.views.debug import ExceptionReporter
from openpyxl import Workbook, load_workbook

from tdc.accounts.services import issue_api_token
from tdc.complaints import jobs, services
from tdc.complaints.crypto import Identity
from tdc.complaints.logfilters import RedactIdentityFilter, redact
from tdc.complaints.models import Complaint, IdentityDisclosureRequest, Message
from tdc.complaints.tests.helpers import (
    PLANTED,
    SECRET_CITIZEN_ID,
    SECRET_EMAIL,
    SECRET_NAME,
    SECRET_PHONE,
    SECRETS,
    assert_no_identity,
    jpeg_with_gps,
    leaked_identity,
    pdf_by_fpdf,
    upload,
)
from tdc.core.models import AuditEvent

REPORT_URL = "/phan-anh/gui/"


def identity_form(province, commune, **extra):
    return {
        "category": "fuel_dispenser",
        "province": province.pk,
        "commune": commune.pk,
        "address": "Quốc lộ 1A",
        "business_name": "Cửa hàng xăng dầu số 7",
        "description": "Cột bơm số 2 bơm thiếu khoảng 4% so với bình đong chuẩn.",
        "identity_mode": "confidential",
        "name": SECRET_NAME,
        "phone": SECRET_PHONE,
        "email": SECRET_EMAIL,
        "citizen_id": SECRET_CITIZEN_ID,
        "wants_denunciation": "on",
        "wants_email_updates": "on",
        "website": "",
        **extra,
    }


def audit_log() -> str:
    """Every audit event, its data included, as JSON (the log is read by auditors)."""
    return json.dumps(list(AuditEvent.objects.values()), default=str, ensure_ascii=True)


PLANTED_FILES = (
    ("x.jpg", jpeg_with_gps(), "image/jpeg"),
    ("bien-ban.pdf", pdf_by_fpdf(SECRET_NAME), "application/pdf"),
)


@pytest.fixture
def planted(client, province, commune, dost, officer, django_capture_on_commit_callbacks):
    """A denunciation with identity, submitted through the public form, accepted and assigned;
    its PDF names the reporter as its author."""
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            REPORT_URL,
            identity_form(province, commune, attachments=[upload(*f) for f in PLANTED_FILES]),
        )
        code = client.get("/phan-anh/bien-nhan/").context["receipt"]["code"]
    complaint = Complaint.objects.get()
    assert [a.status for a in complaint.attachments.order_by("id")] == ["stored", "stored"]
    assert complaint.is_anonymous is False
    with django_capture_on_commit_callbacks(execute=True):
        services.accept_complaint(complaint, by=officer)
        services.assign_complaint(complaint, to=officer, by=officer)
    complaint.receipt_code = code
    return complaint


# --- Pages ---------------------------------------------------------------------------------------


# --- The check itself -----------------------------------------------------------------------------


def test_every_identity_field_is_planted():
    fields = [field.name for field in dataclasses.fields(Identity)]

    assert fields == ["name", "phone", "email", "citizen_id"]
    assert sorted(getattr(PLANTED, name) for name in fields) == sorted(SECRETS)


def _workbook_with(value: str) -> bytes:
    workbook = Workbook()
    workbook.active.append(["PA26-X", value])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize(
    "output",
    [
        JsonResponse({"items": [{"business_name": SECRET_NAME}]}),  # "Ph\u1ea1m Th\u1ecb …"
        JsonResponse({"phone": int(SECRET_PHONE)}),  # a number, not a string
        HttpResponse("<td>Ph&#7841;m Th&#7883; B&iacute; M&#7853;t</td>"),
        HttpResponse(f"<h1>{SECRET_NAME.upper()}</h1>"),
        HttpResponse("pham thi bi mat"),  # folded into a search key
        _workbook_with(SECRET_CITIZEN_ID),
        pdf_by_fpdf(SECRET_NAME),
        EmailMessage(
            "Chuyển phản ánh",
            "Xem tệp",
            to=["qltt@example.vn"],
            attachments=[("a.pdf", pdf_by_fpdf(SECRET_NAME), "application/pdf")],
        ),
        json.dumps({"data": {"reason": f"gọi {SECRET_EMAIL}"}}, ensure_ascii=True),
    ],
    ids=[
        "json escapes",
        "json number",
        "html entities",
        "upper case",
        "accent folded",
        "xlsx cell",
        "pdf author",
        "mail attachment",
        "audit data",
    ],
)
def test_the_leak_check_sees_a_leak_however_it_is_encoded(output):
    assert leaked_identity(output) != []


def test_the_leak_check_does_not_cry_wolf_on_our_own_words():
    assert leaked_identity(HttpResponse("Danh tính được mã hóa và giữ bí mật.")) == []


# --- Pages ---------------------------------------------------------------------------------------

LINK = re.compile(r'href="(/phan-anh/[^"#]*)"')


def _links_of(*pages) -> set[str]:
    """What these pages link to in complaints: navigation, buttons, rows, exports, files."""
    return {
        href.replace("&amp;", "&") for page in pages for href in LINK.findall(page.content.decode())
    }


@pytest.mark.parametrize(
    "persona", ["officer", "reporter", "leader", "ministry_viewer", "admin_user"]
)
def test_no_staff_page_shows_identity(client, verify, planted, request, persona):
    """Every page the persona's home page and complaint list lead to, one hop deep."""
    user = request.getfixturevalue(persona)
    planted.organisation = user.organisation if persona == "reporter" else planted.organisation
    planted.save()
    verify(client, user)

    searched = client.get("/phan-anh/", {"q": SECRET_NAME})
    start = [
        client.get("/"),  # the home panel and the navigation
        client.get("/phan-anh/"),
        client.get("/phan-anh/", {"status": "open"}, HTTP_HX_REQUEST="true"),
    ]
    links = _links_of(*start)
    detail = client.get(f"/phan-anh/{planted.pk}/")
    links |= _links_of(detail)  # the detail page's files: the PDF the reporter wrote
    pages = [*start, *(client.get(url) for url in sorted(links))]

    assert f"/phan-anh/{planted.pk}/" in links
    assert len([url for url in links if "/tep/" in url]) == 2
    exports = {"/phan-anh/xuat/?format=csv", "/phan-anh/xuat/?format=xlsx"}
    # Agency reporters handle what is routed to them; the lists leave with their heads.
    assert links & exports == (set() if persona == "reporter" else exports)
    for page in pages:
        assert page.status_code == 200
        assert_no_identity(page)
    assert [c for c, _s in start[1].context["rows"]] == [planted]
    assert [c for c, _s in searched.context["rows"]] == []  # identity is not even searchable


def test_detail_page_for_a_handler_without_approval_shows_no_identity(
    client, planted, officer, reporter
):
    client.force_login(officer)

    page = client.get(f"/phan-anh/{planted.pk}/")

    assert page.status_code == 200
    assert planted.reference in page.content.decode()
    assert_no_identity(page)
    assert "Có danh tính, được mã hóa và giữ bí mật" in page.content.decode()


def test_detail_page_with_a_bound_form_error_shows_no_identity(client, planted, officer):
    client.force_login(officer)

    page = client.post(f"/phan-anh/{planted.pk}/xu-ly/conclude/", {"conclude-outcome": "x"})

    assert page.status_code == 200
    assert_no_identity(page)


def test_the_custodians_pages_show_no_identity(client, verify, planted, officer, custodian):
    disclosure = services.request_identity_disclosure(
        planted, reason="Cần làm việc trực tiếp với người tố cáo để lấy lời khai.", by=officer
    )
    verify(client, custodian)

    for url in ["/phan-anh/cong-khai-danh-tinh/", disclosure.get_absolute_url(), "/"]:
        page = client.get(url)
        assert page.status_code == 200
        assert_no_identity(page)


def test_public_pages_show_no_identity_even_to_the_receipt_holder(client, planted):
    client.post("/phan-anh/theo-doi/", {"code": planted.receipt_code})

    for url in ["/phan-anh/theo-doi/ho-so/", "/phan-anh/thong-ke/", "/phan-anh/gui/"]:
        page = client.get(url)
        assert page.status_code == 200
        assert_no_identity(page)


def test_a_refused_form_does_not_echo_identity_into_other_pages(client, province, commune, dost):
    response = client.post(REPORT_URL, identity_form(province, commune, description="ngắn"))

    assert response.status_code == 200  # the citizen's own input is kept for them…
    assert SECRET_NAME in response.content.decode()
    assert_no_identity(client.get("/phan-anh/gui/"))  # …and nowhere else


# --- Exports and API ---------------------------------------------------------------------------


def test_csv_export_has_no_identity(client, planted, officer):
    client.force_login(officer)

    response = client.get("/phan-anh/xuat/", {"format": "csv"})

    body = b"".join(response.streaming_content).decode("utf-8-sig")
    cells = [cell for row in csv.reader(io.StringIO(body)) for cell in row]
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert planted.reference in cells
    assert_no_identity(body)
    assert_no_identity("\n".join(cells))
    header = body.splitlines()[0]
    assert header == (
        "Mã hồ sơ,Ngày tiếp nhận,Lĩnh vực,Diện xử lý,Tỉnh, thành phố,Xã, phường,Địa chỉ,"
        "Cơ sở bị phản ánh,Trạng thái,Kết quả,Cơ quan xử lý,Cán bộ xử lý,Hạn xác nhận,"
        "Hạn giải quyết,Ngày xử lý xong,Đúng hạn"
    ).replace("Tỉnh, thành phố", '"Tỉnh, thành phố"').replace("Xã, phường", '"Xã, phường"')
    assert AuditEvent.objects.get(action="complaint.exported").data["count"] == 1


def test_xlsx_export_has_no_identity(client, planted, officer):
    client.force_login(officer)

    response = client.get("/phan-anh/xuat/", {"format": "xlsx"})

    workbook = load_workbook(io.BytesIO(response.content))
    cells = [
        str(c) for row in workbook.active.iter_rows(values_only=True) for c in row if c is not None
    ]
    assert planted.reference in cells
    assert_no_identity(response)  # every cell of every sheet, and every member of the archive


def test_export_guards_against_spreadsheet_formulas(client, submit, officer):
    submit(business_name='=HYPERLINK("http://x")')
    client.force_login(officer)

    body = b"".join(client.get("/phan-anh/xuat/").streaming_content).decode("utf-8-sig")

    assert "'=HYPERLINK" in body


LIST_KEYS = {
    "id",
    "reference",
    "category",
    "track",
    "status",
    "is_anonymous",
    "province_id",
    "commune_id",
    "business_name",
    "organisation_id",
    "assignee_id",
    "received_at",
    "acknowledge_due",
    "conclude_due",
    "handled_at",
    "handled_on_time",
}
DETAIL_KEYS = LIST_KEYS | {
    "address",
    "occurred_on",
    "description",
    "rejection_reason",
    "outcome",
    "conclusion",
    "duplicate_of_id",
    "assign_due",
    "extension_days",
}


def test_api_responses_have_exact_keys_and_no_identity(planted, officer):
    _token, key = issue_api_token(officer, name="test")
    api = Client(HTTP_AUTHORIZATION=f"Bearer {key}")

    listed = api.get("/api/v1/complaints/")
    detail = api.get(f"/api/v1/complaints/{planted.pk}")
    changed = api.post(
        f"/api/v1/complaints/{planted.pk}/status",
        {"status": "verifying", "note": ""},
        content_type="application/json",
    )
    stats = api.get("/api/v1/complaints/statistics")

    assert listed.status_code == 200
    assert [set(item) for item in listed.json()["items"]] == [LIST_KEYS]
    assert set(detail.json()) == DETAIL_KEYS
    assert (changed.status_code, set(changed.json()), changed.json()["status"]) == (
        200,
        DETAIL_KEYS,
        "verifying",
    )
    assert set(stats.json()) == {
        "received",
        "handled",
        "handled_on_time",
        "handled_share",
        "on_time_share",
        "median_handling_days",
        "by_category",
        "by_month",
    }
    for response in (listed, detail, changed, stats):
        assert_no_identity(response)  # parsed: the API writes "Phạm" as "Ph\u1ea1m"


# --- E-mails -----------------------------------------------------------------------------------


def test_no_notification_carries_identity_and_the_citizen_alone_gets_their_own(
    client,
    verify,
    planted,
    officer,
    custodian,
    market_authority,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        services.start_verification(planted, by=officer)
        services.post_message(
            planted, kind=Message.Kind.QUESTION, body="Mua lúc mấy giờ?", by=officer
        )
        client.post("/phan-anh/theo-doi/", {"code": planted.receipt_code})
        client.post("/phan-anh/theo-doi/ho-so/bo-sung/", {"body": "Khoảng 7 giờ sáng."})
        disclosure = services.request_identity_disclosure(
            planted, reason="Cần làm việc trực tiếp với người tố cáo để lấy lời khai.", by=officer
        )
        services.decide_identity_disclosure(disclosure, approve=True, note="Đồng ý", by=custodian)
        services.extend_settlement(planted, days=30, reason="Phức tạp", by=officer)
        import datetime as dt

        from tdc.complaints.services import send_due_reminders

        send_due_reminders(today=planted.conclude_due + dt.timedelta(days=1))
        services.transfer_complaint(
            planted, authority=market_authority, authority_name="", reason="Hàng giả", by=officer
        )

    subjects = sorted({m.subject.split(" ")[1] for m in mailoutbox})
    assert len(mailoutbox) >= 9
    assert subjects == sorted({"Phản", "Bạn", "Người", "Đề", "Kết", "Quá", "Chuyển"})
    citizen_mail = [m for m in mailoutbox if m.to == [SECRET_EMAIL]]
    assert len(citizen_mail) >= 5  # accepted, assigned, verifying, question, extension, …
    for message in mailoutbox:
        assert message.cc == []
        assert message.bcc == []
        if message.to == [SECRET_EMAIL]:  # the citizen's own address, and nothing else of it
            assert "mã tiếp nhận" in message.body
            assert_no_identity(message.subject + message.body)
        else:
            assert_no_identity(message)  # recipients, subject, body and every attachment
    transfer = next(m for m in mailoutbox if m.to == [market_authority.email])
    assert sorted(mimetype for _n, _c, mimetype in transfer.attachments) == [
        "application/pdf",
        "image/jpeg",
    ]
    assert IdentityDisclosureRequest.objects.get().status == "approved"


def test_a_citizen_without_e_mail_updates_gets_no_mail(
    submit, officer, mailoutbox, django_capture_on_commit_callbacks
):
    from tdc.complaints.tests.helpers import PLANTED

    complaint = submit(identity=PLANTED, wants_email_updates=False).complaint
    with django_capture_on_commit_callbacks(execute=True):
        services.accept_complaint(complaint, by=officer)

    assert [m.to for m in mailoutbox if SECRET_EMAIL in m.to] == []


# --- Logs ----------------------------------------------------------------------------------------


def test_log_lines_carry_no_identity_even_at_debug_with_sql(
    client,
    verify,
    province,
    commune,
    dost,
    officer,
    custodian,
    caplog,
    django_capture_on_commit_callbacks,
):
    caplog.set_level(logging.DEBUG)
    caplog.set_level(logging.DEBUG, logger="django")
    connection.force_debug_cursor = True  # every SQL statement and its parameters are logged
    try:
        with django_capture_on_commit_callbacks(execute=True):
            client.post(
                REPORT_URL,
                identity_form(province, commune, attachments=[upload("x.jpg", jpeg_with_gps())]),
            )
            code = client.get("/phan-anh/bien-nhan/").context["receipt"]["code"]
            client.post("/phan-anh/theo-doi/", {"code": code})
            client.post("/phan-anh/theo-doi/ho-so/bo-sung/", {"body": "Thêm thông tin."})
            from tdc.complaints.models import Complaint

            complaint = Complaint.objects.get()
            services.accept_complaint(complaint, by=officer)
            services.assign_complaint(complaint, to=officer, by=officer)
            disclosure = services.request_identity_disclosure(
                complaint,
                reason="Cần làm việc trực tiếp với người tố cáo để lấy lời khai.",
                by=officer,
            )
            services.decide_identity_disclosure(disclosure, approve=True, note="", by=custodian)
            client.force_login(officer)
            identity_page = client.get(f"/phan-anh/{complaint.pk}/danh-tinh/")
    finally:
        connection.force_debug_cursor = False

    assert SECRET_NAME in identity_page.content.decode()  # the one place it may appear…
    assert "complaints_reporter" in caplog.text  # …the SQL was logged…
    assert_no_identity(caplog.text)  # …and no log line carries it
    assert AuditEvent.objects.filter(action="complaint.identity_viewed").count() == 1
    assert_no_identity(audit_log())  # nor does any audit event's data


def test_the_logging_filter_masks_contact_data():
    record = logging.LogRecord(
        "x",
        logging.INFO,
        __file__,
        1,
        "contact %s %s %s",
        (SECRET_EMAIL, "0912 345 678", SECRET_CITIZEN_ID),
        None,
    )

    assert RedactIdentityFilter().filter(record) is True
    assert record.getMessage() == "contact [đã ẩn] [đã ẩn] [đã ẩn]"
    assert redact("gọi +84912345678 nhé") == "gọi [đã ẩn] nhé"
    assert redact("mã hồ sơ PA26-7KQ2MX, 12 tệp") == "mã hồ sơ PA26-7KQ2MX, 12 tệp"


def test_the_logging_filter_is_on_the_root_handlers():
    handlers = logging.getLogger().handlers
    configured = [h for h in handlers if type(h) is logging.StreamHandler]  # settings' console
    assert len(configured) == 1
    assert all(any(isinstance(f, RedactIdentityFilter) for f in h.filters) for h in configured)


# --- Error reports ------------------------------------------------------------------------------


def test_the_error_report_to_admins_of_a_failing_submission_hides_identity(
    settings, province, commune, dost, mailoutbox, monkeypatch
):
    settings.ADMINS = [("Quản trị", "admin@example.vn")]
    settings.DEBUG = False

    def explode(*args, **kwargs):
        raise RuntimeError("receipt storage is down")

    monkeypatch.setattr("tdc.complaints.services.submission.new_receipt_code", explode)
    client = Client(raise_request_exception=False)

    response = client.post(REPORT_URL, identity_form(province, commune))

    assert response.status_code == 500
    assert [m.to for m in mailoutbox] == [["admin@example.vn"]]
    report = mailoutbox[0]
    assert "RuntimeError" in report.body
    assert "receipt storage is down" in report.body
    assert_no_identity(report.body)
    assert "********************" in report.body  # the POST values were replaced


def test_the_technical_500_page_hides_identity_in_post_and_in_local_variables(
    settings, rf: RequestFactory, province, commune, dost, monkeypatch
):
    """ExceptionReporter's full HTML report (frames with their locals) of a failing submission."""
    settings.DEBUG = False
    from tdc.complaints.views import public

    captured = {}

    def explode(*args, **kwargs):
        raise RuntimeError("receipt storage is down")

    monkeypatch.setattr("tdc.complaints.services.submission.new_receipt_code", explode)
    request = rf.post(REPORT_URL, identity_form(province, commune))
    request.session = SessionStore()
    request._messages = FallbackStorage(request)
    request.user = __import__(
        "django.contrib.auth.models", fromlist=["AnonymousUser"]
    ).AnonymousUser()
    request._dont_enforce_csrf_checks = True
    try:
        public.report(request)
    except RuntimeError:
        captured["exc"] = sys.exc_info()

    reporter = ExceptionReporter(request, *captured["exc"])
    html = reporter.get_traceback_html()
    text = reporter.get_traceback_text()

    assert "receipt storage is down" in html
    assert "_create" in html  # the service frames are in the report…
    assert_no_identity(html)  # …with their identity-holding locals hidden
    assert_no_identity(text)


def test_the_identity_page_hides_identity_from_an_error_report(
    settings, planted, officer, custodian, mailoutbox, monkeypatch
):
    settings.ADMINS = [("Quản trị", "admin@example.vn")]
    settings.DEBUG = False
    disclosure = services.request_identity_disclosure(
        planted, reason="Cần làm việc trực tiếp với người tố cáo để lấy lời khai.", by=officer
    )
    services.decide_identity_disclosure(disclosure, approve=True, note="", by=custodian)

    def explode(*args, **kwargs):
        raise RuntimeError("template engine failure")

    monkeypatch.setattr("tdc.complaints.views.staff.render", explode)
    client = Client(raise_request_exception=False)
    client.force_login(officer)

    response = client.get(f"/phan-anh/{planted.pk}/danh-tinh/")

    assert response.status_code == 500
    report = mailoutbox[-1]
    assert report.to == ["admin@example.vn"]
    assert "template engine failure" in report.body
    assert_no_identity(report.body)


def test_jobs_take_ids_only(planted):
    for job in (jobs.notify_citizen, jobs.notify_new_complaint):
        assert all(
            p in ("complaint_id", "message_id")
            for p in job.func.__code__.co_varnames[: job.func.__code__.co_kwonlyargcount]
        )


def test_the_api_conversation_files_transfers_and_rules_carry_no_identity(
    planted, officer, django_capture_on_commit_callbacks
):
    """Every staff route added for the conversation, the files, the transfer and the routing
    rules, read after the reporter's identity was planted (and their PDF named them)."""
    _token, key = issue_api_token(officer, name="test")
    api = Client(HTTP_AUTHORIZATION=f"Bearer {key}")
    base = f"/api/v1/complaints/{planted.pk}"

    asked = api.post(
        f"{base}/messages",
        {"kind": "question", "body": "Anh/chị cho biết thời điểm mua hàng?"},
        content_type="application/json",
    )
    messages_ = api.get(f"{base}/messages")
    attachments = api.get(f"{base}/attachments")
    files = [api.get(f"{base}/attachments/{item['id']}") for item in attachments.json()]
    with django_capture_on_commit_callbacks(execute=True):
        transferred = api.post(
            f"{base}/transfer",
            {"authority_name": "Chi cục Quản lý thị trường", "reason": "Thuộc thẩm quyền QLTT"},
            content_type="application/json",
        )
    transfers = api.get(f"{base}/transfers")
    rules = api.get("/api/v1/complaints/routing-rules/")

    assert asked.status_code == 201, asked.json()
    assert messages_.json()[-1]["kind"] == "question"
    assert messages_.json()[-1]["author_id"] == officer.pk
    assert [set(a) for a in attachments.json()] == [
        {"id", "kind", "status", "content_type", "size", "failure_reason", "message_id",
         "created_at"},
    ] * 2  # fmt: skip
    assert [f.status_code for f in files] == [200, 200]
    assert transferred.status_code == 201, transferred.json()
    assert transfers.json()[0]["authority_name"] == "Chi cục Quản lý thị trường"
    assert rules.status_code == 200
    for response in (asked, messages_, attachments, transferred, transfers, rules):
        assert_no_identity(response)
    for response in files:
        assert_no_identity(b"".join(response.streaming_content))
