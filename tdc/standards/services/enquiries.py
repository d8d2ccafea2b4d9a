"""TBT enquiries: a business asks, the enquiry point answers within working days, and a
useful answer is published, anonymised, as a question of the FAQ."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tdc.accounts.models import User
from tdc.core.audit import record
from tdc.core.text import clean_text
from tdc.core.workdays import add_working_days
from tdc.standards.models import Enquiry

ANSWER_WORKING_DAYS = 5  # the enquiry point's own rule, counted from the day after receipt


@transaction.atomic
def ask_enquiry(*, subject: str, question: str, market: str, by: User) -> Enquiry:
    if by.organisation is None:
        raise ValidationError(_("Tài khoản chưa gắn với doanh nghiệp nào."))
    today = timezone.localdate()
    enquiry = Enquiry(
        organisation=by.organisation,
        asked_by=by,
        subject=clean_text(subject, keep_newlines=False).strip(),
        question=clean_text(question).strip(),
        market=clean_text(market, keep_newlines=False).strip(),
        received_on=today,
        due_on=add_working_days(today, ANSWER_WORKING_DAYS),
    )
    enquiry.full_clean()
    enquiry.save()
    record(actor=by, action="standards.enquiry_asked", target=enquiry)
    return enquiry


@transaction.atomic
def answer_enquiry(
    enquiry: Enquiry,
    *,
    answer: str,
    by: User,
    publish: bool = False,
    faq_question: str = "",
    faq_answer: str = "",
) -> Enquiry:
    """Answer (or correct the answer to) an enquiry; publishing needs an anonymised wording."""
    answer = clean_text(answer).strip()
    if not answer:
        raise ValidationError(_("Hãy nhập nội dung trả lời."))
    faq_question = clean_text(faq_question).strip()
    faq_answer = clean_text(faq_answer).strip()
    if publish and not (faq_question and faq_answer):
        raise ValidationError(
            _(
                "Để đăng lên mục hỏi đáp, hãy viết lại câu hỏi và câu trả lời dưới dạng ẩn danh "
                "(không nêu tên doanh nghiệp, người hỏi)."
            )
        )
    name = enquiry.organisation.name
    if publish and name and name.casefold() in f"{faq_question} {faq_answer}".casefold():
        raise ValidationError(
            _("Nội dung đăng công khai còn nêu tên doanh nghiệp “%(name)s”: hãy bỏ đi.")
            % {"name": name}
        )
    first_answer = enquiry.answered_on is None
    enquiry.answer = answer
    enquiry.answered_by = by
    if first_answer:
        enquiry.answered_on = timezone.localdate()
    enquiry.status = Enquiry.Status.ANSWERED
    enquiry.is_published = publish
    enquiry.faq_question = faq_question if publish else ""
    enquiry.faq_answer = faq_answer if publish else ""
    enquiry.full_clean()
    enquiry.save()
    record(
        actor=by,
        action="standards.enquiry_answered",
        target=enquiry,
        organisation_id=enquiry.organisation_id,
        data={"on_time": enquiry.answered_on_time, "published": publish},
    )
    return enquiry
