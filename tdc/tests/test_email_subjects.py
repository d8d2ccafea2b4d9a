"""No e-mail subject the platform sends cuts a word in two, however long the Vietnamese names
it carries: a long subject is shortened between words, with "…", checked against the full text."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core import mail

from tdc.accounts.tests.factories import OrganisationFactory, UserFactory
from tdc.plans.models import Notification
from tdc.plans.services.assignments import assign_plan
from tdc.plans.services.notifications import deliver_email, notify
from tdc.plans.tests.factories import make_plan, sent_report

pytestmark = pytest.mark.django_db

LONG_ORGANISATION = (
    "Trung tâm Kỹ thuật Tiêu chuẩn Đo lường Chất lượng và Ứng dụng Khoa học Công nghệ "
    "tỉnh Khánh Hòa thuộc Sở Khoa học và Công nghệ"
)
LONG_TASK = (
    "Tổ chức tuyên truyền, phổ biến, quán triệt sâu rộng nội dung Chỉ thị số 38-CT/TW ngày "
    "30/7/2024 của Ban Bí thư về đẩy mạnh công tác tiêu chuẩn, đo lường, chất lượng quốc gia "
    "đến toàn thể cán bộ, đảng viên, công chức, viên chức, người lao động và doanh nghiệp"
)
LONG_PRODUCT = (
    "Bình nước nóng lạnh năng lượng mặt trời chịu áp lực cao dùng cho hộ gia đình "
    "và cơ sở kinh doanh dịch vụ lưu trú, nhà hàng, khách sạn, bệnh viện, trường học"
)


def words_cut(subject: str, *sources: str) -> list[str]:
    """Words of `subject` that are not words of the full texts but the start of one of them."""
    whole = {w for text in sources for w in re.findall(r"\w+", text)}
    return [
        token
        for token in re.findall(r"\w+", subject)
        if token not in whole and any(word.startswith(token) for word in whole)
    ]


def test_the_check_itself_finds_a_word_cut_in_two():
    assert words_cut("[TĐC] Báo cáo về chất lượ…", LONG_TASK) == ["lượ"]
    assert words_cut("[TĐC] Báo cáo về chất …", LONG_TASK) == []


def test_a_notification_title_longer_than_its_field_is_shortened_between_words(officer):
    title = "Báo cáo cần bổ sung: " + " ".join([LONG_TASK] * 2)

    (notification,) = notify([officer], kind=Notification.Kind.REPORT, title=title)
    deliver_email(notification.pk)

    (message,) = mail.outbox
    assert len(notification.title) <= 300
    assert message.subject.endswith("…")
    assert words_cut(message.subject, title) == []


def test_report_notifications_carry_long_names_whole_or_cut_between_words(
    dost, officer, django_capture_on_commit_callbacks
):
    agency = OrganisationFactory(name=LONG_ORGANISATION, province=dost.province)
    reporter = UserFactory(username="baocao.ttkt", organisation=agency, roles=["agency_reporter"])
    plan = make_plan(dost, [{"number": "1.1", "content": LONG_TASK, "leads": [agency]}])
    assign_plan(plan, first_year=dt.date.today().year)  # noqa: DTZ011
    with django_capture_on_commit_callbacks(execute=True):
        sent_report(plan, agency, reporter, officer=officer)

    subjects = [m.subject for m in mail.outbox]
    assert len(subjects) == 2  # sent (to DoST), accepted (to the agency)
    for subject in subjects:
        assert words_cut(subject, LONG_ORGANISATION, LONG_TASK) == [], subject


def test_declaration_warnings_carry_the_whole_product_name(business_user, officer):
    from tdc.conformity import services
    from tdc.conformity.tests.factories import filed

    services.accept_declaration(
        filed(
            business_user,
            product_name=LONG_PRODUCT,
            certificate_expires_on=dt.date.today() + dt.timedelta(days=20),  # noqa: DTZ011
        ),
        by=officer,
    )

    assert services.send_declaration_warnings() == 1
    (message,) = mail.outbox
    assert words_cut(message.subject, LONG_PRODUCT) == [], message.subject
    assert LONG_PRODUCT in message.subject
