"""Survey programmes, samples (seller created on the fly), results, the laboratory's XLSX."""

from __future__ import annotations

import base64
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tdc.accounts.capabilities import Capability, capability_required
from tdc.accounts.http import AuthenticatedHttpRequest
from tdc.reports.tables import CSV_CONTENT_TYPE, XLSX_CONTENT_TYPE
from tdc.surveillance import access, queries, services
from tdc.surveillance.forms import PhotoForm, ProgrammeForm, ResultForm, SampleForm, UploadForm
from tdc.surveillance.models import Sample, SurveyProgramme
from tdc.surveillance.services.labresults import template_workbook
from tdc.surveillance.views.common import attach, photo_response

VIEW = Capability.VIEW_SURVEILLANCE
MANAGE = Capability.MANAGE_SURVEILLANCE
ERRORS_KEY = "surveillance_import_errors"
MAX_ERROR_FILE = 512 * 1024
DOCX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@capability_required(VIEW)
def programme_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    if not access.can_see_province_records(request.user):
        raise PermissionDenied
    return render(
        request,
        "surveillance/programme_list.html",
        {
            "programmes": queries.programmes_visible_to(request.user).prefetch_related(
                "categories"
            ),
            "can_manage": access.can_manage(request.user),
        },
    )


@capability_required(MANAGE)
def programme_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    province = access.managed_province(request.user)
    form = ProgrammeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            programme = services.create_programme(
                province=province, by=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            attach(form, error)
        else:
            messages.success(request, _("Đã lập chương trình khảo sát."))
            return redirect(programme)
    return render(
        request, "surveillance/form.html", {"form": form, "title": _("Chương trình khảo sát mới")}
    )


@capability_required(VIEW)
def programme_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    programme = access.get_programme_for_user(request.user, pk)
    samples = queries.samples_visible_to(request.user).filter(programme=programme)
    return render(
        request,
        "surveillance/programme_detail.html",
        {
            "programme": programme,
            "samples": samples,
            "can_manage": access.can_manage(request.user),
            "upload_form": UploadForm(),
        },
    )


def _sample_form(request: AuthenticatedHttpRequest, programme: SurveyProgramme) -> SampleForm:
    return SampleForm(
        request.POST or None,
        request.FILES or None,
        products=queries.products_visible_to(request.user).filter(province=programme.province),
        establishments=access.establishments_to_pick(request.user),
    )


@capability_required(MANAGE)
def sample_create(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    programme = access.get_programme_to_change(request.user, pk)
    form = _sample_form(request, programme)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            with transaction.atomic():
                establishment = data["establishment"] or services.register_establishment(
                    province=programme.province,
                    by=request.user,
                    name=data["new_establishment"],
                    tax_code=data["new_tax_code"],
                    address=data["new_address"],
                    allow_similar_name=data["allow_similar_name"],
                )
                sample = services.record_sample(
                    programme,
                    code=data["code"],
                    product=data["product"],
                    establishment=establishment,
                    sampled_on=data["sampled_on"],
                    by=request.user,
                    place=data["place"],
                    price=data["price"],
                    lot=data["lot"],
                    lab=data["lab"],
                    photo=data["photo"],
                )
        except ValidationError as error:
            attach(
                form,
                error,
                {"name": "new_establishment", "tax_code": "new_tax_code"},
            )
        else:
            messages.success(request, _("Đã ghi nhận mẫu %(code)s.") % {"code": sample.code})
            return redirect(sample)
    return render(
        request,
        "surveillance/form.html",
        {"form": form, "title": _("Mẫu mới — %(p)s") % {"p": programme.title}, "back": programme},
    )


def _sample_context(
    request: AuthenticatedHttpRequest, sample: Sample, **extra: Any
) -> dict[str, Any]:
    staff = access.can_see_province_records(request.user)
    return {
        "sample": sample,
        "results": sample.results.select_related("criterion"),
        "can_manage": access.can_manage(request.user) and staff,
        "assessments": queries.assessments_visible_to(request.user).filter(sample=sample),
        "warnings": queries.warnings_visible_to(request.user).filter(sample=sample),
        "result_form": extra.pop("result_form", None) or ResultForm(sample=sample),
        "upload_form": extra.pop("upload_form", None) or UploadForm(),
        "photo_form": extra.pop("photo_form", None) or PhotoForm(),
        **extra,
    }


@capability_required(VIEW)
def sample_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    sample = access.get_sample_for_user(request.user, pk)
    return render(request, "surveillance/sample_detail.html", _sample_context(request, sample))


@require_POST
@capability_required(MANAGE)
def result_create(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    sample = access.get_sample_to_change(request.user, pk)
    form = ResultForm(request.POST, sample=sample)
    if form.is_valid():
        try:
            result = services.record_result(sample, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            attach(form, error)
        else:
            verdict = _("đạt") if result.conforming else _("không đạt")
            messages.success(request, _("Đã ghi kết quả: %(v)s.") % {"v": verdict})
            return redirect(sample)
    return render(
        request,
        "surveillance/sample_detail.html",
        _sample_context(request, sample, result_form=form),
    )


@require_POST
@capability_required(MANAGE)
def lab_report_upload(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    sample = access.get_sample_to_change(request.user, pk)
    form = UploadForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.attach_lab_report(sample, upload=form.cleaned_data["file"], by=request.user)
        except ValidationError as error:
            attach(form, error)
        else:
            messages.success(request, _("Đã đính kèm phiếu kết quả thử nghiệm."))
            return redirect(sample)
    return render(
        request,
        "surveillance/sample_detail.html",
        _sample_context(request, sample, upload_form=form),
    )


@require_POST
@capability_required(MANAGE)
def sample_photo_upload(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    sample = access.get_sample_to_change(request.user, pk)
    form = PhotoForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.set_sample_photo(sample, upload=form.cleaned_data["photo"], by=request.user)
        except ValidationError as error:
            attach(form, error)
        else:
            messages.success(request, _("Đã lưu ảnh mẫu."))
            return redirect(sample)
    return render(
        request,
        "surveillance/sample_detail.html",
        _sample_context(request, sample, photo_form=form),
    )


@capability_required(VIEW)
def sample_photo(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return photo_response(access.get_sample_for_user(request.user, pk).photo)


@capability_required(VIEW)
def lab_report_download(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    sample = access.get_sample_for_user(request.user, pk)
    if not sample.lab_report:
        raise Http404
    suffix = ".pdf" if (sample.lab_report.name or "").endswith(".pdf") else ".docx"
    with sample.lab_report.open("rb") as handle:
        data = handle.read()
    content_type = "application/pdf" if suffix == ".pdf" else DOCX_CONTENT_TYPE
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(
        True, f"phieu-ket-qua-{sample.code}{suffix}"
    )
    return response


@capability_required(MANAGE)
def results_import(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    programme = access.get_programme_to_change(request.user, pk)
    form = UploadForm(request.POST or None, request.FILES or None)
    outcome = None
    if request.method == "POST" and form.is_valid():
        try:
            outcome = services.import_lab_results(
                programme, upload=form.cleaned_data["file"], by=request.user
            )
        except ValidationError as error:
            attach(form, error)
        else:
            if not outcome.rejected:
                messages.success(request, _("Đã nhập %(n)s kết quả.") % {"n": outcome.stored})
                return redirect(programme)
            data = outcome.error_file()[:MAX_ERROR_FILE]
            request.session[ERRORS_KEY] = {
                "programme": programme.pk,
                "csv": base64.b64encode(data).decode("ascii"),
            }
    return render(
        request,
        "surveillance/results_import.html",
        {"programme": programme, "form": form, "outcome": outcome},
    )


@capability_required(MANAGE)
def results_import_errors(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    programme = access.get_programme_to_change(request.user, pk)
    stored = request.session.get(ERRORS_KEY)
    if not stored or stored.get("programme") != programme.pk:
        raise Http404
    response = HttpResponse(base64.b64decode(stored["csv"]), content_type=CSV_CONTENT_TYPE)
    response["Content-Disposition"] = content_disposition_header(
        True, f"ket-qua-bi-tu-choi-{programme.pk}.csv"
    )
    return response


@capability_required(MANAGE)
def results_template(request: AuthenticatedHttpRequest) -> HttpResponse:
    response = HttpResponse(template_workbook(), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = content_disposition_header(
        True, "mau-ket-qua-thu-nghiem.xlsx"
    )
    return response
