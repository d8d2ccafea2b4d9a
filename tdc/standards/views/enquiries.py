"""TBT enquiries: a business asks, the enquiry point answers; the public FAQ."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from tdc.accounts.capabilities import Capability, can, capability_required
from tdc.accounts.http import AuthenticatedHttpRequest
from tdc.standards import services
from tdc.standards.access import can_answer, enquiries_for_user, get_enquiry_for_user
from tdc.standards.forms import AnswerForm, EnquiryForm
from tdc.standards.models import Enquiry
from tdc.standards.queries import faq


def enquiry_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    return render(
        request,
        "standards/enquiry_list.html",
        {
            "enquiries": enquiries_for_user(request.user).order_by("status", "due_on", "-pk")[:200],
            "today": timezone.localdate(),
            "can_ask": can(request.user, Capability.ASK_TBT_ENQUIRIES),
        },
    )


@capability_required(Capability.ASK_TBT_ENQUIRIES)
def enquiry_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = EnquiryForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            enquiry = services.ask_enquiry(**form.cleaned_data, by=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("Đã gửi câu hỏi. Hạn trả lời: %(day)s.")
                % {"day": enquiry.due_on.strftime("%d/%m/%Y")},
            )
            return redirect(enquiry)
    return render(request, "standards/enquiry_form.html", {"form": form})


def _detail(
    request: AuthenticatedHttpRequest, enquiry: Enquiry, form: AnswerForm | None
) -> HttpResponse:
    return render(
        request,
        "standards/enquiry_detail.html",
        {"enquiry": enquiry, "answer_form": form, "today": timezone.localdate()},
    )


def enquiry_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    enquiry = get_enquiry_for_user(request.user, pk)
    form = None
    if can_answer(request.user, enquiry):
        form = AnswerForm(
            initial={
                "answer": enquiry.answer,
                "publish": enquiry.is_published,
                "faq_question": enquiry.faq_question,
                "faq_answer": enquiry.faq_answer,
            }
        )
    return _detail(request, enquiry, form)


@require_POST
@capability_required(Capability.ANSWER_TBT_ENQUIRIES)
def enquiry_answer(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    enquiry = get_enquiry_for_user(request.user, pk)
    form = AnswerForm(request.POST)
    if form.is_valid():
        try:
            services.answer_enquiry(enquiry, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Đã gửi trả lời."))
            return redirect(enquiry)
    return _detail(request, enquiry, form)


@require_GET
def faq_list(request: HttpRequest) -> HttpResponse:
    text = request.GET.get("q", "")[:200]
    return render(request, "standards/faq_list.html", {"entries": faq(text), "q": text})
