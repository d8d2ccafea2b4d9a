"""TBT enquiries: the deadline in working days, answers on time, the anonymised FAQ."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse

from tdc.core.metrics import MetricScope, compute_metric
from tdc.core.models import Holiday
from tdc.standards.services import answer_enquiry, ask_enquiry

pytestmark = pytest.mark.django_db


@time_machine.travel(dt.datetime(2026, 4, 28, 9, tzinfo=dt.UTC))
def test_the_deadline_skips_weekends_and_holidays(business_user):
    Holiday.objects.create(date=dt.date(2026, 4, 27), name="Giỗ Tổ Hùng Vương (bù)")
    enquiry = ask_enquiry(
        subject="Nhãn cà phê", question="Hoa Kỳ yêu cầu gì?", market="USA", by=business_user
    )
    # 28/4 (Tue) + 5 working days: 29/4, [30/4, 1/5 holidays], 4/5, 5/5, 6/5, 7/5
    assert (enquiry.received_on, enquiry.due_on) == (dt.date(2026, 4, 28), dt.date(2026, 5, 7))


def test_publishing_needs_an_anonymised_wording(business_user, officer):
    enquiry = ask_enquiry(
        subject="Nhãn", question="Công ty Biển Xanh hỏi về nhãn", market="", by=business_user
    )
    with pytest.raises(ValidationError):
        answer_enquiry(enquiry, answer="Xem quy định 21 CFR 101.", publish=True, by=officer)
    with pytest.raises(ValidationError) as error:
        answer_enquiry(
            enquiry,
            answer="Xem quy định 21 CFR 101.",
            publish=True,
            faq_question="Công ty TNHH Xăng dầu Biển Xanh hỏi về nhãn cà phê",
            faq_answer="Xem 21 CFR 101.",
            by=officer,
        )
    assert error.value.messages == [
        "Nội dung đăng công khai còn nêu tên doanh nghiệp “Công ty TNHH Xăng dầu Biển Xanh”: hãy bỏ đi."
    ]
    answer_enquiry(
        enquiry,
        answer="Xem quy định 21 CFR 101.",
        publish=True,
        faq_question="Cà phê xuất khẩu sang Hoa Kỳ cần ghi nhãn gì?",
        faq_answer="Theo 21 CFR 101: tên sản phẩm, khối lượng tịnh, xuất xứ.",
        by=officer,
    )
    assert enquiry.answered_on_time is True


def test_the_faq_shows_the_anonymised_wording_only(client, business_user, officer):
    enquiry = ask_enquiry(
        subject="Câu hỏi riêng của Biển Xanh",
        question="Nội dung riêng tư",
        market="",
        by=business_user,
    )
    answer_enquiry(
        enquiry,
        answer="Trả lời riêng",
        publish=True,
        faq_question="Cà phê xuất khẩu cần ghi nhãn gì?",
        faq_answer="Tên sản phẩm, khối lượng tịnh.",
        by=officer,
    )
    page = client.get(reverse("standards:faq"), {"q": "ca phe"}).content.decode()
    assert "Cà phê xuất khẩu cần ghi nhãn gì?" in page
    for private in (
        "Câu hỏi riêng của Biển Xanh",
        "Nội dung riêng tư",
        "Trả lời riêng",
        "Biển Xanh",
    ):
        assert private not in page
    assert (
        "Cà phê xuất khẩu"
        not in client.get(reverse("standards:faq"), {"q": "thang may"}).content.decode()
    )


def test_the_enquiry_pages(client, business_user, officer, other_reporter):
    client.force_login(business_user)
    response = client.post(
        reverse("standards:enquiry_create"),
        {"subject": "Nhãn", "question": "Hỏi?", "market": "USA"},
    )
    url = response.url
    assert client.get(reverse("standards:enquiry_list")).content.decode().count(url) == 1
    client.force_login(officer)
    client.post(url + "tra-loi/", {"answer": "Đã có quy định."})
    assert "Đã có quy định." in client.get(url).content.decode()
    client.force_login(other_reporter)
    assert client.get(url).status_code == 404


def test_answered_on_time_metric(business_user, officer, province):
    enquiry = ask_enquiry(subject="Nhãn", question="Hỏi?", market="", by=business_user)
    answer_enquiry(enquiry, answer="Trả lời.", by=officer)
    today = enquiry.received_on
    scope = MetricScope(province_id=province.code, start=today, end=today)
    assert compute_metric("standards.enquiries_on_time_share", scope) == 100
