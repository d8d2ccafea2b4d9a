"""Following a report with its receipt: look-up, throttling, questions, answers, files."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from tdc.complaints import services
from tdc.complaints.models import Attachment, Message
from tdc.complaints.receipts import format_code, new_receipt_code, normalise_code
from tdc.complaints.tests.helpers import jpeg_with_gps, upload
from tdc.core.models import AuditEvent

FOLLOW = "/phan-anh/theo-doi/"
STATUS = "/phan-anh/theo-doi/ho-so/"
REPLY = "/phan-anh/theo-doi/ho-so/bo-sung/"


def _wrong_code() -> str:
    return new_receipt_code()


def test_public_urls_are_fixed():
    assert reverse("complaints:follow") == FOLLOW
    assert reverse("complaints:follow_status") == STATUS
    assert reverse("complaints:statistics") == "/phan-anh/thong-ke/"


def test_receipt_codes_are_long_random_and_forgiving_to_type():
    codes = {normalise_code(new_receipt_code()) for _ in range(200)}
    assert len(codes) == 200
    code = new_receipt_code()
    assert len(code) == 34  # 28 characters in 7 groups of 4
    typed = code.lower().replace("-", " ").replace("0", "o").replace("1", "l")
    assert normalise_code(typed) == normalise_code(code)
    assert normalise_code("short") == ""
    assert format_code("A" * 8) == "AAAA-AAAA"


def test_a_citizen_opens_the_report_with_the_receipt(client, submit):
    submitted = submit()

    response = client.post(FOLLOW, {"code": submitted.receipt_code.lower()})

    assert response.status_code == 302
    assert response["Location"] == STATUS
    page = client.get(STATUS)
    assert page.status_code == 200
    assert page.context["complaint"] == submitted.complaint
    assert submitted.complaint.reference in page.content.decode()
    assert "Đã tiếp nhận phản ánh." in page.content.decode()


def test_the_status_page_without_a_receipt_sends_to_the_lookup(client):
    assert client.get(STATUS)["Location"] == FOLLOW


def test_a_wrong_code_is_refused_and_kept_in_the_form(client, submit):
    submit()
    wrong = _wrong_code()

    response = client.post(FOLLOW, {"code": wrong})

    assert response.status_code == 200
    assert response.context["form"].errors["code"] == [
        "Mã tiếp nhận không đúng. Hãy kiểm tra lại từng ký tự."
    ]
    assert STATUS not in response.get("Location", "")


def test_brute_force_is_throttled_per_address_even_for_the_right_code(client, submit):
    submitted = submit()
    for _ in range(5):
        assert client.post(FOLLOW, {"code": _wrong_code()}).status_code == 200

    blocked = client.post(FOLLOW, {"code": submitted.receipt_code})
    elsewhere = client.post(FOLLOW, {"code": submitted.receipt_code}, REMOTE_ADDR="10.1.2.3")

    assert blocked.status_code == 429
    assert "Bạn đã nhập sai mã quá nhiều lần" in blocked.content.decode()
    assert elsewhere.status_code == 302


def test_the_address_throttle_lifts_after_its_window(client, submit):
    submitted = submit()
    with time_machine.travel(dt.datetime(2026, 3, 2, 9, 1, tzinfo=dt.UTC), tick=False):
        for _ in range(6):
            client.post(FOLLOW, {"code": _wrong_code()})
        assert client.post(FOLLOW, {"code": submitted.receipt_code}).status_code == 429
    with time_machine.travel(dt.datetime(2026, 3, 2, 9, 16, tzinfo=dt.UTC), tick=False):
        assert client.post(FOLLOW, {"code": submitted.receipt_code}).status_code == 302


def test_a_receipt_opened_too_often_is_throttled_whoever_asks(client, submit):
    submitted = submit()
    for index in range(20):
        response = client.post(
            FOLLOW, {"code": submitted.receipt_code}, REMOTE_ADDR=f"10.0.0.{index + 1}"
        )
        assert response.status_code == 302

    response = client.post(FOLLOW, {"code": submitted.receipt_code}, REMOTE_ADDR="10.0.1.1")

    assert response.status_code == 429
    assert "Hồ sơ này đã được tra cứu quá nhiều lần" in response.content.decode()


def test_all_lookups_from_one_address_are_capped(client, submit):
    codes = [submit().receipt_code for _ in range(3)]
    for index in range(30):
        assert client.post(FOLLOW, {"code": codes[index % 3]}).status_code == 302

    assert client.post(FOLLOW, {"code": codes[0]}).status_code == 429


def test_the_citizen_answers_a_question_with_a_photo(
    client, submit, officer, django_capture_on_commit_callbacks, mailoutbox
):
    submitted = submit()
    complaint = submitted.complaint
    services.accept_complaint(complaint, by=officer)
    question = services.post_message(
        complaint, kind=Message.Kind.QUESTION, body="Bạn mua hàng lúc mấy giờ?", by=officer
    )
    services.post_message(
        complaint, kind=Message.Kind.NOTE, body="Ghi chú nội bộ: nghi vấn cũ", by=officer
    )
    client.post(FOLLOW, {"code": submitted.receipt_code})

    page = client.get(STATUS)
    assert "Bạn mua hàng lúc mấy giờ?" in page.content.decode()
    assert "Ghi chú nội bộ" not in page.content.decode()
    assert page.context["reply_form"]["question"].initial == question.pk

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            REPLY,
            {
                "question": question.pk,
                "body": "Khoảng 7 giờ sáng ngày 5/1.",
                "attachments": [upload("hoa-don.jpg", jpeg_with_gps())],
            },
        )

    assert response.status_code == 302
    reply = Message.objects.get(kind=Message.Kind.REPLY)
    assert (reply.in_reply_to, reply.body, reply.author) == (
        question,
        "Khoảng 7 giờ sáng ngày 5/1.",
        None,
    )
    assert reply.attachments.get().status == Attachment.Status.STORED
    assert list(complaint.messages.filter(kind="question", replies__isnull=True)) == []
    assert AuditEvent.objects.filter(action="complaint.citizen_replied").count() == 1
    assert [m.to for m in mailoutbox] == [[officer.email]]


def test_the_handler_is_told_of_a_reply(
    client, submit, officer, django_capture_on_commit_callbacks, mailoutbox
):
    submitted = submit()
    complaint = submitted.complaint
    services.accept_complaint(complaint, by=officer)
    services.assign_complaint(complaint, to=officer, by=officer)
    client.post(FOLLOW, {"code": submitted.receipt_code})

    with django_capture_on_commit_callbacks(execute=True):
        client.post(REPLY, {"body": "Bổ sung: sạp số 12."})

    assert [(m.to, m.subject) for m in mailoutbox] == [
        ([officer.email], f"[TĐC] Người phản ánh đã bổ sung thông tin cho {complaint.reference}")
    ]


def test_an_empty_reply_is_refused_and_nothing_stored(client, submit):
    submitted = submit()
    client.post(FOLLOW, {"code": submitted.receipt_code})

    response = client.post(REPLY, {"body": "  "})

    assert response.status_code == 200
    assert response.context["reply_form"].non_field_errors() == [
        "Hãy viết nội dung trả lời hoặc chọn tệp."
    ]
    assert Message.objects.filter(kind=Message.Kind.REPLY).count() == 0


def test_replies_are_throttled_per_receipt(client, submit):
    submitted = submit()
    client.post(FOLLOW, {"code": submitted.receipt_code})
    for index in range(10):
        assert client.post(REPLY, {"body": f"Bổ sung {index}"}).status_code == 302

    response = client.post(REPLY, {"body": "Một lần nữa"})

    assert response.status_code == 429
    assert Message.objects.filter(kind=Message.Kind.REPLY).count() == 10


def test_a_handled_report_takes_no_more_replies(client, submit, officer):
    submitted = submit()
    services.reject_complaint(submitted.complaint, reason="out_of_scope", by=officer)
    client.post(FOLLOW, {"code": submitted.receipt_code})

    page = client.get(STATUS)
    response = client.post(REPLY, {"body": "Nhưng mà…"})

    assert page.context["can_reply"] is False
    assert response.context["reply_form"].non_field_errors() == [
        "Hồ sơ đã xử lý xong nên không nhận thêm thông tin."
    ]


def test_the_citizen_sees_the_conclusion(client, submit, officer):
    submitted = submit()
    complaint = submitted.complaint
    services.accept_complaint(complaint, by=officer)
    services.assign_complaint(complaint, to=officer, by=officer)
    services.conclude_complaint(
        complaint, outcome="violation_confirmed", conclusion="Đã xử phạt cơ sở.", by=officer
    )
    client.post(FOLLOW, {"code": submitted.receipt_code})

    page = client.get(STATUS).content.decode()

    assert "Có vi phạm" in page
    assert "Đã xử phạt cơ sở." in page
    assert str(officer.full_name) not in page


def test_a_merged_report_shows_the_shared_handling(client, submit, officer):
    first = submit()
    second = submit()
    services.merge_complaint(second.complaint, into=first.complaint, by=officer)
    services.accept_complaint(first.complaint, by=officer)
    client.post(FOLLOW, {"code": second.receipt_code})

    page = client.get(STATUS)

    assert page.context["original"] == first.complaint
    assert "được xử lý chung" in page.content.decode()
    assert first.complaint.reference not in page.content.decode()


def test_the_follow_session_ends_after_thirty_idle_minutes(client, submit):
    submitted = submit()
    with time_machine.travel(dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC), tick=False):
        client.post(FOLLOW, {"code": submitted.receipt_code})
        assert client.get(STATUS).status_code == 200
    with time_machine.travel(dt.datetime(2026, 3, 2, 9, 31, tzinfo=dt.UTC), tick=False):
        assert client.get(STATUS)["Location"] == FOLLOW


def test_leaving_forgets_the_report(client, submit):
    submitted = submit()
    client.post(FOLLOW, {"code": submitted.receipt_code})

    client.post("/phan-anh/theo-doi/thoat/")

    assert client.get(STATUS)["Location"] == FOLLOW


@pytest.mark.parametrize("url", [FOLLOW, REPLY, "/phan-anh/gui/"])
def test_public_forms_need_a_csrf_token(url, submit):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)

    assert strict.post(url, {"code": "x"}).status_code == 403
