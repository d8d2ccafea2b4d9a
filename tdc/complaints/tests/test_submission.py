"""A citizen reports: routing, receipt, identity choice, honeypot, limits, attachments."""

from __future__ import annotations

import io

import pytest
from django.core.files.storage import default_storage
from django.urls import reverse
from PIL import Image

from tdc.complaints.models import Attachment, Complaint, Message, Receipt, Reporter, RoutingRule
from tdc.complaints.receipts import CODE_LENGTH, hash_code, normalise_code
from tdc.complaints.tests.factories import make_organisation
from tdc.complaints.tests.helpers import (
    MINIMAL_PDF,
    SECRET_CITIZEN_ID,
    SECRET_EMAIL,
    SECRET_NAME,
    SECRET_PHONE,
    jpeg_with_gps,
    upload,
)
from tdc.core.models import AuditEvent

REPORT_URL = "/phan-anh/gui/"


def _form(province, commune, **extra):
    data = {
        "category": "measurement_fraud",
        "province": province.pk,
        "commune": commune.pk,
        "address": "Chợ Đầm, sạp 12",
        "business_name": "Sạp cá cô Ba",
        "occurred_on": "2026-01-05",
        "description": "Cân điện tử cân thiếu khoảng 100 gam mỗi ki-lô-gam, không có tem kiểm định.",
        "identity_mode": "anonymous",
        "website": "",
    }
    data.update(extra)
    return data


def test_report_url_is_public_and_fixed(client, dost):
    assert reverse("complaints:report") == REPORT_URL
    response = client.get(REPORT_URL)
    assert response.status_code == 200
    assert response["Cache-Control"].startswith("max-age=0, no-cache, no-store")
    assert 'name="website"' in response.content.decode()


def test_anonymous_report_is_stored_routed_and_gets_a_receipt_shown_once(
    client, province, commune, dost, django_capture_on_commit_callbacks, mailoutbox
):
    handler_org = make_organisation(name="UBND Phường Nha Trang", province=province)
    RoutingRule.objects.create(
        province=province, commune=commune, category="measurement_fraud", organisation=handler_org
    )

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(REPORT_URL, _form(province, commune))

    assert response.status_code == 302
    assert response["Location"] == "/phan-anh/bien-nhan/"
    complaint = Complaint.objects.get()
    assert (complaint.status, complaint.track, complaint.is_anonymous) == ("received", "tip", True)
    assert complaint.organisation == handler_org
    assert complaint.reference.startswith("PA")
    assert Reporter.objects.count() == 0
    receipt_page = client.get("/phan-anh/bien-nhan/")
    code = receipt_page.context["receipt"]["code"]
    assert len(normalise_code(code)) == CODE_LENGTH
    assert Receipt.objects.get(complaint=complaint).code_hash == hash_code(code)
    assert code in receipt_page.content.decode()
    again = client.get("/phan-anh/bien-nhan/")
    assert again.context["receipt"] is None
    assert code not in again.content.decode()
    assert [m.kind for m in complaint.messages.all()] == [Message.Kind.UPDATE]
    event = AuditEvent.objects.get(action="complaint.submitted")
    assert (event.actor, event.ip_address, event.target_label) == (None, None, complaint.reference)


def _database_dump() -> str:
    from django.db import connection

    dump = []
    for table in connection.introspection.table_names():
        with connection.cursor() as cursor:
            cursor.execute(f'SELECT * FROM "{table}"')  # noqa: S608  (names from introspection)
            dump.append(repr(cursor.fetchall()))
    return "\n".join(dump)


def test_receipt_code_is_never_readable_in_the_database(client, province, commune, dost):
    client.post(REPORT_URL, _form(province, commune))
    before_display = _database_dump()
    code = client.get("/phan-anh/bien-nhan/").context["receipt"]["code"]
    after_display = _database_dump()

    for dump in (before_display, after_display):
        assert code not in dump
        assert normalise_code(code) not in dump
        assert code.replace("-", "") not in dump


def test_anonymous_choice_drops_identity_typed_by_mistake(client, province, commune, dost):
    response = client.post(
        REPORT_URL,
        _form(province, commune, name=SECRET_NAME, phone=SECRET_PHONE, email=SECRET_EMAIL),
    )

    assert response.status_code == 302
    assert Complaint.objects.get().is_anonymous is True
    assert Reporter.objects.count() == 0


def test_confidential_identity_is_sealed_and_denunciation_track_chosen(
    client, province, commune, dost
):
    response = client.post(
        REPORT_URL,
        _form(
            province,
            commune,
            identity_mode="confidential",
            name=SECRET_NAME,
            phone="0912 345 678",
            email=SECRET_EMAIL,
            citizen_id=SECRET_CITIZEN_ID,
            wants_denunciation="on",
            wants_email_updates="on",
        ),
    )

    assert response.status_code == 302
    complaint = Complaint.objects.get()
    assert (complaint.track, complaint.is_anonymous) == ("denunciation", False)
    stored = Reporter.objects.get(complaint=complaint)
    assert stored.wants_email_updates is True
    from tdc.complaints.crypto import unseal

    identity = unseal(stored.sealed_identity, complaint_id=complaint.pk)
    assert (identity.name, identity.phone, identity.email, identity.citizen_id) == (
        SECRET_NAME,
        SECRET_PHONE,
        SECRET_EMAIL,
        SECRET_CITIZEN_ID,
    )


def test_denunciation_without_identity_is_refused_and_input_kept(client, province, commune, dost):
    response = client.post(REPORT_URL, _form(province, commune, wants_denunciation="on"))

    assert response.status_code == 200
    form = response.context["form"]
    assert list(form.errors) == ["wants_denunciation"]
    assert form["description"].value().startswith("Cân điện tử cân thiếu")
    assert "Cân điện tử cân thiếu" in response.content.decode()
    assert Complaint.objects.count() == 0


def test_confidential_identity_needs_a_name_and_a_contact(client, province, commune, dost):
    response = client.post(REPORT_URL, _form(province, commune, identity_mode="confidential"))

    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"name", "phone"}


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("phone", "12345"),
        ("citizen_id", "12345"),
        ("description", "ngắn quá"),
        ("occurred_on", "2999-01-01"),
        ("category", "not-a-category"),
    ],
)
def test_bad_input_is_refused_and_kept(client, province, commune, dost, field, value):
    data = _form(
        province, commune, identity_mode="confidential", name=SECRET_NAME, phone=SECRET_PHONE
    )
    data[field] = value

    response = client.post(REPORT_URL, data)

    assert response.status_code == 200
    assert list(response.context["form"].errors) == [field]
    assert response.context["form"]["address"].value() == "Chợ Đầm, sạp 12"
    assert Complaint.objects.count() == 0


def test_commune_must_belong_to_the_province(client, province, other_province, dost):
    from tdc.complaints.tests.factories import CommuneFactory

    elsewhere = CommuneFactory(province=other_province)

    response = client.post(REPORT_URL, _form(province, elsewhere))

    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["commune"]


def test_honeypot_filled_by_a_script_stores_nothing(client, province, commune, dost):
    response = client.post(REPORT_URL, _form(province, commune, website="http://spam.example"))

    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [
        "Không gửi được biểu mẫu. Vui lòng thử lại."
    ]
    assert Complaint.objects.count() == 0


def test_submissions_are_rate_limited_per_address(client, province, commune, dost):
    for _ in range(5):
        assert client.post(REPORT_URL, _form(province, commune)).status_code == 302

    sixth = client.post(REPORT_URL, _form(province, commune), REMOTE_ADDR="127.0.0.1")
    from_elsewhere = client.post(REPORT_URL, _form(province, commune), REMOTE_ADDR="10.9.8.7")

    assert sixth.status_code == 429
    assert "Địa chỉ mạng này đã gửi nhiều phản ánh" in sixth.content.decode()
    assert sixth.context["form"]["description"].value().startswith("Cân điện tử")
    assert from_elsewhere.status_code == 302
    assert Complaint.objects.count() == 6


def test_description_longer_than_the_limit_is_refused(client, province, commune, dost):
    response = client.post(REPORT_URL, _form(province, commune, description="x" * 5001))

    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["description"]


def test_commune_options_lists_the_province_communes(client, commune, other_commune, province):
    response = client.get("/phan-anh/xa-phuong/", {"province": province.pk})

    assert response.status_code == 200
    assert [c.name for c in response.context["communes"]] == ["Phường Cam Ranh", "Phường Nha Trang"]


# --- Attachments ------------------------------------------------------------------------------


def _stored_image(attachment: Attachment) -> Image.Image:
    with default_storage.open(attachment.file.name, "rb") as handle:
        return Image.open(io.BytesIO(handle.read()))


def test_photo_is_stored_without_gps_serial_or_any_exif(client, province, commune, dost):
    photo = jpeg_with_gps()
    assert b"SERIAL-1234567" in photo

    client.post(
        REPORT_URL,
        {**_form(province, commune), "attachments": [upload("IMG_Nguyen_Van_A.jpg", photo)]},
    )

    attachment = Attachment.objects.get()
    assert (attachment.kind, attachment.status, attachment.content_type) == (
        "image",
        "stored",
        "image/jpeg",
    )
    assert "Nguyen" not in str(attachment.file.name)
    image = _stored_image(attachment)
    assert image.size == (64, 48)
    assert dict(image.getexif()) == {}
    assert image.getexif().get_ifd(0x8825) == {}
    with default_storage.open(attachment.file.name, "rb") as handle:
        raw = handle.read()
    assert b"Exif" not in raw
    assert b"SERIAL-1234567" not in raw
    assert b"Nguyen Van Chu May" not in raw


def test_photo_is_turned_upright_by_its_exif_orientation(submit):
    image = Image.new("RGB", (40, 20), (0, 0, 255))
    exif = Image.Exif()
    exif[0x0112] = 6  # rotate 90° clockwise to display
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", exif=exif.tobytes())

    submitted = submit(files=[upload("a.jpg", buffer.getvalue())])

    stored = _stored_image(submitted.complaint.attachments.get())
    assert stored.size == (20, 40)


def test_png_keeps_transparency_and_loses_text_chunks(submit):
    from PIL import PngImagePlugin

    image = Image.new("RGBA", (10, 10), (0, 255, 0, 128))
    info = PngImagePlugin.PngInfo()
    info.add_text("Author", "Nguyen Van Tac Gia")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", pnginfo=info)

    submitted = submit(files=[upload("a.png", buffer.getvalue(), "image/png")])

    attachment = submitted.complaint.attachments.get()
    stored = _stored_image(attachment)
    assert (attachment.content_type, stored.mode) == ("image/png", "RGBA")
    assert "Author" not in stored.info
    with default_storage.open(attachment.file.name, "rb") as handle:
        assert b"Nguyen Van Tac Gia" not in handle.read()


def test_a_pdf_is_parsed_and_stored_rewritten(submit):
    submitted = submit(files=[upload("bien-ban.pdf", MINIMAL_PDF, "application/pdf")])

    attachment = submitted.complaint.attachments.get()
    assert (attachment.kind, attachment.status, attachment.content_type) == (
        "pdf",
        "stored",
        "application/pdf",
    )
    with default_storage.open(attachment.file.name, "rb") as handle:
        stored = handle.read()
    assert stored.startswith(b"%PDF-")
    assert attachment.size == len(stored)


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("virus.exe", b"MZ\x90\x00not an image", "Không đọc được tệp ảnh hoặc tệp không phải ảnh."),
        ("fake.jpg", b"\xff\xd8\xff\xe0broken", "Tệp ảnh bị hỏng hoặc không đọc được."),
        (
            "script.pdf",
            b"%PDF-1.4 /JavaScript (app.alert(1))",
            "Không đọc được tệp PDF (tệp bị hỏng hoặc không đúng định dạng).",
        ),
        ("empty.jpg", b"", "Tệp rỗng."),
    ],
)
def test_a_refused_file_is_recorded_with_its_reason_and_the_report_is_kept(
    submit, name, content, reason
):
    submitted = submit(files=[upload(name, content)])

    complaint = Complaint.objects.get(pk=submitted.complaint.pk)
    assert complaint.description.startswith("Cân điện tử")
    attachment = complaint.attachments.get()
    assert (attachment.status, attachment.failure_reason, attachment.file.name) == (
        "failed",
        reason,
        "",
    )
    assert submitted.failed_files == 1


def test_a_storage_failure_never_loses_the_report(submit, monkeypatch, caplog):
    def broken_save(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr("django.db.models.fields.files.FieldFile.save", broken_save)

    submitted = submit(files=[upload("a.jpg", jpeg_with_gps())])

    complaint = Complaint.objects.get(pk=submitted.complaint.pk)
    attachment = complaint.attachments.get()
    assert (attachment.status, attachment.failure_reason) == (
        "failed",
        "Lỗi hệ thống khi xử lý tệp; vui lòng gửi lại.",
    )
    assert "attachment processing failed" in caplog.text


def test_an_image_over_the_pixel_limit_is_refused(submit, monkeypatch):
    monkeypatch.setattr("tdc.complaints.attachments.MAX_PIXELS", 100)

    submitted = submit(files=[upload("big.jpg", jpeg_with_gps((20, 20)))])

    assert (
        submitted.complaint.attachments.get().failure_reason == "Ảnh quá lớn (tối đa 40 megapixel)."
    )


def test_more_than_five_files_at_once_are_refused_by_the_form(client, province, commune, dost):
    files = [upload(f"{i}.jpg", jpeg_with_gps()) for i in range(6)]

    response = client.post(REPORT_URL, {**_form(province, commune), "attachments": files})

    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["attachments"]
    assert "chọn lại tệp" in response.content.decode()


def test_a_file_over_ten_megabytes_is_refused_by_the_form(client, province, commune, dost):
    big = upload("big.pdf", b"%PDF-" + b"0" * (10 * 1024 * 1024), "application/pdf")

    response = client.post(REPORT_URL, {**_form(province, commune), "attachments": [big]})

    assert response.status_code == 200
    assert response.context["form"].errors["attachments"] == ["Mỗi tệp không quá 10 MB."]


def test_files_per_complaint_are_capped(submit, monkeypatch):
    monkeypatch.setattr("tdc.complaints.services.submission.MAX_FILES_PER_COMPLAINT", 1)

    submitted = submit(
        files=[
            upload("a.pdf", MINIMAL_PDF, "application/pdf"),
            upload("b.pdf", MINIMAL_PDF, "application/pdf"),
        ]
    )

    assert [a.status for a in submitted.complaint.attachments.all()] == ["stored", "failed"]


def _no_identity_key(settings, tmp_path):
    settings.COMPLAINTS_IDENTITY_KEYS = ""
    settings.COMPLAINTS_IDENTITY_KEY_FILE = str(tmp_path / "missing.keys")
    settings.DEBUG = False


def test_an_anonymous_report_and_its_receipt_need_no_identity_key(
    client, settings, tmp_path, province, commune, dost
):
    _no_identity_key(settings, tmp_path)

    response = client.post(REPORT_URL, _form(province, commune))

    assert response.status_code == 302
    assert client.get("/phan-anh/bien-nhan/").context["receipt"]["reference"] == (
        Complaint.objects.get().reference
    )


def test_without_an_identity_key_a_report_with_identity_is_refused_whole_and_kept_in_the_form(
    client, settings, tmp_path, province, commune, dost, caplog
):
    _no_identity_key(settings, tmp_path)
    data = _form(
        province, commune, identity_mode="confidential", name=SECRET_NAME, phone=SECRET_PHONE
    )

    response = client.post(REPORT_URL, data)

    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [
        "Hệ thống tạm thời chưa nhận được thông tin danh tính. Phản ánh chưa được gửi; bạn có "
        "thể gửi ẩn danh hoặc thử lại sau."
    ]
    assert response.context["form"]["name"].value() == SECRET_NAME
    assert (Complaint.objects.count(), Reporter.objects.count(), Receipt.objects.count()) == (
        0,
        0,
        0,
    )
    assert "identity key unavailable" in caplog.text
