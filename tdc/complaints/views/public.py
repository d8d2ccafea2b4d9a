"""Pages for citizens, with no account: report, receipt, follow-up, statistics.

Every view that receives identity or a citizen's words hides its POST data and local
variables from error reports (`sensitive_post_parameters`, `sensitive_variables`).
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import time
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters, sensitive_variables
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tdc.complaints import charts, throttle
from tdc.complaints.access import get_complaint_for_receipt
from tdc.complaints.crypto import (
    IdentityKeyError,
    SealBroken,
    seal_for_session,
    unseal_from_session,
)
from tdc.complaints.forms import (
    CitizenReplyForm,
    ComplaintReportForm,
    ReceiptLookupForm,
    StatisticsFilterForm,
    parse_id,
)
from tdc.complaints.models import Attachment, Complaint, Message
from tdc.complaints.queries import (
    communes_of,
    complaint_statistics,
    default_province,
    open_questions,
    public_timeline,
)
from tdc.complaints.services import add_citizen_reply, submit_complaint
from tdc.core.text import clean_text

logger = logging.getLogger(__name__)

NEW_RECEIPT_KEY = "complaints.new_receipt"
RECEIPT_AAD = b"tdc.complaints.new-receipt"
FOLLOW_KEY = "complaints.follow"
FOLLOW_AT_KEY = "complaints.follow_at"
FOLLOW_IDLE_SECONDS = 30 * 60


def _too_many(
    request: HttpRequest, template: str, context: dict[str, Any], text: str
) -> HttpResponse:
    context = {**context, "throttled": text}
    return render(request, template, context, status=429)


def _stamp_initial(request: HttpRequest) -> dict[str, str]:
    """`?tem=<number>` (from the "stamp not found" page): the report starts filled in."""
    stamp = clean_text(request.GET.get("tem", ""), keep_newlines=False).strip().upper()[:40]
    if not stamp:
        return {}
    return {
        "category": Complaint.Category.MEASUREMENT_FRAUD,
        "description": _(
            "Tôi tra cứu tem kiểm định số “%(stamp)s” nhưng hệ thống không tìm thấy: tem có thể "
            "là giả. Phương tiện đo mang tem này ở: "
        )
        % {"stamp": stamp},
    }


@sensitive_post_parameters()
@sensitive_variables()
@never_cache
@require_http_methods(["GET", "POST"])
def report(request: HttpRequest) -> HttpResponse:
    """The report form: anonymous or with a confidential identity."""
    province = default_province()
    if request.method != "POST":
        form = ComplaintReportForm(default_province=province, initial=_stamp_initial(request))
        return render(request, "complaints/report_form.html", {"form": form})
    form = ComplaintReportForm(request.POST, request.FILES, default_province=province)
    address = throttle.client_address(request)
    if throttle.is_exceeded(throttle.SUBMIT_PER_ADDRESS, address):
        return _too_many(
            request,
            "complaints/report_form.html",
            {"form": form},
            _("Địa chỉ mạng này đã gửi nhiều phản ánh trong một giờ. Vui lòng thử lại sau."),
        )
    valid = form.is_valid()
    if valid or request.POST.get("website"):
        throttle.hit(throttle.SUBMIT_PER_ADDRESS, address)
    if valid:
        try:
            submitted = submit_complaint(
                category=form.cleaned_data["category"],
                province=form.cleaned_data["province"],
                commune=form.cleaned_data["commune"],
                address=form.cleaned_data["address"],
                business_name=form.cleaned_data["business_name"],
                occurred_on=form.cleaned_data["occurred_on"],
                description=form.cleaned_data["description"],
                identity=form.identity(),
                wants_denunciation=form.cleaned_data["wants_denunciation"],
                wants_email_updates=form.cleaned_data["wants_email_updates"],
                files=form.cleaned_data["attachments"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        except IdentityKeyError:
            # Nothing was stored (the submission is one transaction): say so, keep the input.
            logger.error("identity key unavailable: a report with identity could not be stored")
            form.add_error(
                None,
                _(
                    "Hệ thống tạm thời chưa nhận được thông tin danh tính. Phản ánh chưa được "
                    "gửi; bạn có thể gửi ẩn danh hoặc thử lại sau."
                ),
            )
        else:
            # Kept in the session only until the receipt page shows it, and sealed there, so
            # that not even the session table holds a readable code.
            request.session[NEW_RECEIPT_KEY] = seal_for_session(
                json.dumps(
                    {
                        "code": submitted.receipt_code,
                        "reference": submitted.complaint.reference,
                        "failed_files": submitted.failed_files,
                    }
                ).encode(),
                purpose=RECEIPT_AAD,
            )
            return redirect("complaints:receipt")
    return render(
        request, "complaints/report_form.html", {"form": form, "files_lost": bool(request.FILES)}
    )


@never_cache
@require_GET
def receipt(request: HttpRequest) -> HttpResponse:
    """The receipt code, shown once: reloading the page does not show it again."""
    sealed = request.session.pop(NEW_RECEIPT_KEY, None)
    shown = None
    if sealed:
        try:
            shown = json.loads(unseal_from_session(sealed, purpose=RECEIPT_AAD))
        except SealBroken:
            shown = None
    return render(request, "complaints/receipt.html", {"receipt": shown})


def _followed(request: HttpRequest) -> Complaint | None:
    pk = request.session.get(FOLLOW_KEY)
    opened_at = request.session.get(FOLLOW_AT_KEY, 0)
    if pk is None or time.time() - opened_at > FOLLOW_IDLE_SECONDS:
        request.session.pop(FOLLOW_KEY, None)
        return None
    request.session[FOLLOW_AT_KEY] = time.time()
    return (
        Complaint.objects.select_related("province", "commune", "organisation", "duplicate_of")
        .filter(pk=pk)
        .first()
    )


@sensitive_post_parameters("code")
@sensitive_variables()
@never_cache
@require_http_methods(["GET", "POST"])
def follow(request: HttpRequest) -> HttpResponse:
    """Open a report with its receipt code. Throttled per address and per receipt."""
    form = ReceiptLookupForm(request.POST or None)
    template = "complaints/follow_lookup.html"
    if request.method != "POST":
        return render(request, template, {"form": form})
    address = throttle.client_address(request)
    if throttle.is_exceeded(throttle.LOOKUP_FAILURES_PER_ADDRESS, address) or not throttle.hit(
        throttle.LOOKUPS_PER_ADDRESS, address
    ):
        return _too_many(
            request,
            template,
            {"form": ReceiptLookupForm()},
            _("Bạn đã nhập sai mã quá nhiều lần. Vui lòng thử lại sau 15 phút."),
        )
    if form.is_valid():
        code = form.cleaned_data["code"]
        complaint = get_complaint_for_receipt(code)
        if complaint is None:
            throttle.hit(throttle.LOOKUP_FAILURES_PER_ADDRESS, address)
            logger.info("receipt lookup failed")
            form.add_error("code", _("Mã tiếp nhận không đúng. Hãy kiểm tra lại từng ký tự."))
        elif not throttle.hit(throttle.LOOKUPS_PER_RECEIPT, str(complaint.pk)):
            return _too_many(
                request,
                template,
                {"form": ReceiptLookupForm()},
                _("Hồ sơ này đã được tra cứu quá nhiều lần trong một giờ. Vui lòng thử lại sau."),
            )
        else:
            request.session.cycle_key()
            request.session[FOLLOW_KEY] = complaint.pk
            request.session[FOLLOW_AT_KEY] = time.time()
            return redirect("complaints:follow_status")
    return render(request, template, {"form": form})


def _status_context(
    complaint: Complaint, reply_form: CitizenReplyForm | None = None
) -> dict[str, Any]:
    questions = list(open_questions(complaint))
    return {
        "complaint": complaint,
        "original": complaint.duplicate_of,
        "timeline": public_timeline(complaint),
        "questions": questions,
        "reply_form": reply_form or CitizenReplyForm(questions=questions),
        "files": complaint.attachments.filter(uploaded_by__isnull=True),
        "can_reply": complaint.is_open,
    }


@never_cache
@require_GET
def follow_status(request: HttpRequest) -> HttpResponse:
    complaint = _followed(request)
    if complaint is None:
        return redirect("complaints:follow")
    return render(request, "complaints/follow_status.html", _status_context(complaint))


@sensitive_post_parameters()
@sensitive_variables()
@never_cache
@require_POST
def follow_reply(request: HttpRequest) -> HttpResponse:
    """Answer a question or add information and files, through the receipt session."""
    complaint = _followed(request)
    if complaint is None:
        return redirect("complaints:follow")
    form = CitizenReplyForm(request.POST, request.FILES, questions=open_questions(complaint))
    if not throttle.hit(throttle.REPLIES_PER_RECEIPT, str(complaint.pk)):
        context = _status_context(complaint, form)
        context["throttled"] = _(
            "Hồ sơ này đã nhận nhiều bổ sung trong một giờ. Vui lòng thử lại sau."
        )
        return render(request, "complaints/follow_status.html", context, status=429)
    if form.is_valid():
        question = None
        if form.cleaned_data["question"]:
            question = Message.objects.filter(
                pk=form.cleaned_data["question"], complaint=complaint, kind=Message.Kind.QUESTION
            ).first()
        try:
            add_citizen_reply(
                complaint,
                body=form.cleaned_data["body"],
                files=form.cleaned_data["attachments"],
                in_reply_to=question,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            failed = complaint.attachments.filter(
                status=Attachment.Status.FAILED, message__isnull=False
            ).exists()
            messages.success(request, _("Đã gửi nội dung bổ sung. Cảm ơn bạn."))
            if failed:
                messages.warning(request, _("Có tệp không lưu được; xem lý do bên dưới."))
            return redirect("complaints:follow_status")
    return render(request, "complaints/follow_status.html", _status_context(complaint, form))


@require_POST
def follow_leave(request: HttpRequest) -> HttpResponse:
    request.session.pop(FOLLOW_KEY, None)
    request.session.pop(FOLLOW_AT_KEY, None)
    return redirect("complaints:follow")


@require_GET
def statistics(request: HttpRequest) -> HttpResponse:
    """Public figures: received, handled, on time, median time, by category and month."""
    form = StatisticsFilterForm(request.GET or None)
    province = None
    year = None
    if form.is_valid():
        province = form.cleaned_data["province"]
        year = form.cleaned_data["year"]
    start = dt.date(year, 1, 1) if year else None
    end = dt.date(year, 12, 31) if year else None
    stats = complaint_statistics(
        province_id=province.pk if province else None, start=start, end=end
    )
    peak = max([row.received for row in stats.by_month] + [1])
    return render(
        request,
        "complaints/statistics.html",
        {
            "form": form,
            "stats": stats,
            "province": province,
            "year": year,
            "peak": peak,
            "monthly_chart": charts.monthly_chart(stats),
            "on_time_chart": charts.on_time_chart(stats),
            "channel_chart": charts.channel_chart(stats),
        },
    )


@require_GET
def commune_options(request: HttpRequest) -> HttpResponse:
    """The `<option>`s of a province's communes (htmx swaps them into the form)."""
    province_id = parse_id(request.GET.get("province", ""))
    return render(
        request, "complaints/_commune_options.html", {"communes": communes_of(province_id)}
    )
