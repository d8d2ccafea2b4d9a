"""The import journey of a plan document: upload → (the worker reads it; the page waits) →
preview → correct → confirm (or discard)."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tdc.accounts.capabilities import Capability, capability_required
from tdc.accounts.http import AuthenticatedHttpRequest
from tdc.accounts.models import Organisation, Province
from tdc.core.htmx import partial_if_htmx, redirect_htmx_aware
from tdc.plans.access import (
    can_import_plans,
    get_import_draft_for_user,
    import_drafts_for,
    imported_draft_plan,
)
from tdc.plans.forms.importing import DraftPreviewForms, PlanUploadForm
from tdc.plans.ingest.units import canonical_unit_key
from tdc.plans.models import PlanImportDraft
from tdc.plans.queries.importing import (
    CHOICE_COLLECTIVE,
    CHOICE_NEW,
    Preview,
    PreviewUnit,
    chosen_organisation_id,
    collective_label,
    preview_of,
)
from tdc.plans.queries.plans import (
    matching_candidates,
)
from tdc.plans.queries.proposals import assignment_outlook
from tdc.plans.services.importing import (
    PlanAlreadyImported,
    apply_draft_corrections,
    confirm_import_draft,
    create_import_draft,
    discard_import_draft,
    retry_import_draft,
)

# --- Plans --------------------------------------------------------------------------------------


# --- Import -------------------------------------------------------------------------------------


def _upload_province(request: AuthenticatedHttpRequest, form: PlanUploadForm) -> Province | None:
    chosen: Province | None = form.cleaned_data.get("province")
    if chosen is not None:
        return chosen
    organisation = request.user.organisation
    return organisation.province if organisation is not None else None


@capability_required(Capability.IMPORT_PLANS)
def import_upload(request: AuthenticatedHttpRequest) -> HttpResponse:
    if not can_import_plans(request.user):
        raise PermissionDenied
    user = request.user
    choose_province = user.organisation is None or user.organisation.province_id is None
    form = PlanUploadForm(
        request.POST or None, request.FILES or None, choose_province=choose_province
    )
    duplicate = None
    if request.method == "POST" and form.is_valid():
        province = _upload_province(request, form)
        document = form.cleaned_data["document"]
        try:
            if province is None:
                raise ValidationError(_("Tài khoản của bạn chưa gắn với tỉnh, thành phố nào."))
            draft = create_import_draft(
                province, data=document.read(), filename=document.name, by=user
            )
        except PlanAlreadyImported as error:
            duplicate = error.plan
            form.add_error("document", error)
        except ValidationError as error:
            form.add_error("document", error)
        else:
            return redirect("plans:import_preview", pk=draft.pk)
    return render(
        request,
        "plans/import_upload.html",
        {"form": form, "duplicate": duplicate, "drafts": import_drafts_for(user)[:20]},
    )


# The confidence badge of a matched unit: green from SURE_PERCENT, amber from LIKELY_PERCENT.
SURE_PERCENT = 90
LIKELY_PERCENT = 75


@dataclass(frozen=True)
class UnitView:
    """How one unit shows on the preview: the text, what it links to, and a confidence badge."""

    text: str
    role: str
    link: str
    badge: str
    badge_class: str


def _unit_view(
    unit: PreviewUnit | None, text: str, role: str, organisations: dict[int, Organisation]
) -> UnitView:
    if unit is None:
        return UnitView(text, role, _("(chưa khớp — lưu để khớp)"), "", "text-bg-secondary")
    choice = unit["choice"]
    if choice == CHOICE_COLLECTIVE:
        return UnitView(
            text, role, collective_label(unit["collective"]), _("Nhóm đơn vị"), "text-bg-info"
        )
    if choice == CHOICE_NEW:
        return UnitView(
            text,
            role,
            _("Tạo mới: %(name)s") % {"name": unit["new_name"]},
            _("Chưa có trong danh sách"),
            "text-bg-warning",
        )
    organisation_id = chosen_organisation_id(choice)
    organisation = organisations.get(organisation_id or 0)
    if organisation is None:
        return UnitView(text, role, _("Không liên kết"), "", "text-bg-secondary")
    if organisation_id != unit["matched_id"]:
        return UnitView(text, role, organisation.name, _("Chọn tay"), "text-bg-primary")
    percent = round(unit["score"] * 100)
    badge_class = (
        "text-bg-success"
        if percent >= SURE_PERCENT
        else "text-bg-warning"
        if percent >= LIKELY_PERCENT
        else "text-bg-danger"
    )
    return UnitView(
        text, role, organisation.name, _("Độ tin cậy %(p)s%%") % {"p": percent}, badge_class
    )


def _preview_context(
    draft: PlanImportDraft, forms: DraftPreviewForms, organisations: dict[int, Organisation]
) -> dict[str, object]:
    preview: Preview = preview_of(draft)
    units = {unit["key"]: unit for unit in preview["units"]}
    task_units = [
        [
            _unit_view(units.get(canonical_unit_key(text)), text, role, organisations)
            for role, texts in ((_("Chủ trì"), task["lead"]), (_("Phối hợp"), task["partners"]))
            for text in texts
        ]
        for task in preview["tasks"]
    ]
    unit_rows = [
        (
            form,
            _unit_view(
                units.get(form.initial.get("key", "")),
                form.initial.get("text", ""),
                "",
                organisations,
            ),
        )
        for form in forms.units.forms
    ]
    proposals = [task.get("proposals", []) for task in preview["tasks"]]
    return {
        "draft": draft,
        "preview": preview,
        "forms": forms,
        "task_rows": [
            (
                form,
                task_units[index] if index < len(task_units) else [],
                proposals[index] if index < len(proposals) else [],
            )
            for index, form in enumerate(forms.tasks.forms)
        ],
        "unit_rows": unit_rows,
        "outlook": assignment_outlook(preview, draft.province),
    }


@capability_required(Capability.IMPORT_PLANS)
def import_preview(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Show the draft; a POST saves corrections (action=save, delete_task, new task fields) or
    confirms the import (action=confirm). A draft already imported (the browser's Back after
    confirming) leads to its plan."""
    imported = imported_draft_plan(request.user, pk)
    if imported is not None:
        messages.info(request, _("Văn bản này đã được nhập thành kế hoạch."))
        return redirect(imported)
    draft = get_import_draft_for_user(request.user, pk)
    if draft.status != PlanImportDraft.Status.PENDING:  # being read, or could not be read
        return render(request, "plans/import_reading.html", {"draft": draft})
    candidates = list(matching_candidates(draft.province))
    organisations = {o.pk: o for o in candidates}
    url = reverse("plans:import_preview", args=[draft.pk])
    duplicate = None
    if request.method == "POST":
        forms = DraftPreviewForms(preview_of(draft), candidates, data=request.POST, url=url)
        if forms.is_valid():
            corrections = forms.corrections(delete_task=request.POST.get("delete_task", ""))
            accept = request.POST.get("accept_proposals", "")
            if accept:
                corrections.accept_proposals = [] if accept == "all" else [accept]
            try:
                if request.POST.get("action") == "confirm":
                    plan = confirm_import_draft(
                        draft,
                        corrections=corrections,
                        by=request.user,
                        allow_no_assignments=request.POST.get("without_assignments") == "1",
                    )
                    messages.success(request, _("Đã nhập kế hoạch."))
                    return redirect_htmx_aware(request, plan)
                apply_draft_corrections(draft, corrections=corrections, by=request.user)
            except PlanAlreadyImported as error:
                duplicate = error.plan
                forms.add_error(error)
            except ValidationError as error:
                forms.add_error(error)
            else:
                if request.headers.get("HX-Request") != "true":
                    messages.success(request, _("Đã lưu các chỉnh sửa."))
                    return redirect("plans:import_preview", pk=draft.pk)
                draft.refresh_from_db()
                forms = DraftPreviewForms(preview_of(draft), candidates, url=url)
                context = _preview_context(draft, forms, organisations)
                context["saved"] = True
                return render(request, "plans/import_preview.html#preview_form", context)
    else:
        forms = DraftPreviewForms(preview_of(draft), candidates, url=url)
    context = _preview_context(draft, forms, organisations)
    context["duplicate"] = duplicate
    template = partial_if_htmx(request, "plans/import_preview.html", "preview_form")
    return render(request, template, context)


@require_POST
@capability_required(Capability.IMPORT_PLANS)
def import_discard(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    draft = get_import_draft_for_user(request.user, pk)
    discard_import_draft(draft, by=request.user)
    messages.success(request, _("Đã hủy bản nháp “%(name)s”.") % {"name": draft.source_filename})
    return redirect_htmx_aware(request, reverse("plans:import_upload"))


@capability_required(Capability.IMPORT_PLANS)
def import_state(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """What the page waiting for the worker polls: the reading state; once the preview is
    ready, the whole page reloads into it."""
    draft = get_import_draft_for_user(request.user, pk)
    if draft.status == PlanImportDraft.Status.PENDING:
        if request.headers.get("HX-Request") == "true":
            return HttpResponse(headers={"HX-Refresh": "true"})
        return redirect("plans:import_preview", pk=draft.pk)
    if request.headers.get("HX-Request") != "true":
        return redirect("plans:import_preview", pk=draft.pk)
    return render(request, "plans/import_reading.html#reading_state", {"draft": draft})


@require_POST
@capability_required(Capability.IMPORT_PLANS)
def import_retry(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The officer's "thử lại" for a draft whose worker died."""
    draft = get_import_draft_for_user(request.user, pk)
    try:
        retry_import_draft(draft, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Đã gửi tệp đọc lại."))
    return redirect_htmx_aware(request, reverse("plans:import_preview", args=[draft.pk]))
