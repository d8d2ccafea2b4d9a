"""Pages for handlers, DoST officers and custodians. Identity appears on one page only."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_variables
from django.views.decorators.http import require_GET, require_POST

from tdc.accounts.capabilities import Capability, can
from tdc.accounts.http import AuthenticatedHttpRequest
from tdc.accounts.models import Province
from tdc.complaints import services
from tdc.complaints.access import (
    approved_disclosure,
    can_change_complaint,
    can_decide_disclosure,
    can_manage_routing,
    can_open_disclosure_requests,
    can_request_disclosure,
    can_see_every_province,
    can_view_routing,
    get_complaint_for_change,
    get_complaint_for_user,
    get_disclosure_request_for_user,
    identity_for_user,
)
from tdc.complaints.crypto import IdentityKeyError
from tdc.complaints.deadlines import due_state
from tdc.complaints.forms import (
    AssignForm,
    ComplaintFilterForm,
    ConcludeForm,
    DisclosureDecisionForm,
    DisclosureRequestForm,
    ExtendForm,
    MergeForm,
    MessageForm,
    NoteForm,
    RecordedComplaintForm,
    RejectForm,
    RerouteForm,
    RoutingRuleForm,
    TrackForm,
    TransferForm,
    parse_id,
)
from tdc.complaints.models import (
    TRANSITIONS,
    Attachment,
    Complaint,
    ComplaintQuerySet,
    IdentityDisclosureRequest,
    RoutingRule,
)
from tdc.complaints.queries import (
    assignable_users,
    complaints_changeable_by,
    complaints_visible_to,
    default_province,
    disclosure_requests_by,
    disclosure_requests_for_custodian,
    filter_complaints,
    likely_duplicates,
    routable_organisations,
    routing_rules_of,
    staff_timeline,
)
from tdc.core.htmx import partial_if_htmx
from tdc.core.workdays import holidays_around


def filtered_complaints(
    request: AuthenticatedHttpRequest,
) -> tuple[ComplaintFilterForm, ComplaintQuerySet]:
    form = ComplaintFilterForm(request.GET or None)
    complaints = complaints_visible_to(request.user)
    if form.is_valid():
        data = form.cleaned_data
        complaints = filter_complaints(
            complaints,
            q=data["q"],
            status=data["status"],
            category=data["category"],
            track=data["track"],
            overdue=data["overdue"],
            mine=request.user if data["mine"] else None,
        )
    return form, complaints


@login_required
def complaint_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    if not can(request.user, Capability.VIEW_COMPLAINTS):
        raise PermissionDenied
    form, complaints = filtered_complaints(request)
    page = Paginator(complaints, 25).get_page(request.GET.get("page"))
    today = timezone.localdate()
    holidays = holidays_around(today)
    rows = [(c, due_state(c.current_due, today, holidays)) for c in page]
    template = partial_if_htmx(request, "complaints/complaint_list.html", "rows")
    return render(
        request,
        template,
        {
            "form": form,
            "page": page,
            "rows": rows,
            "query": request.GET.urlencode(),
            # The buttons of the page: each shown exactly when its door opens.
            "can_view_routing": can(request.user, Capability.MANAGE_ROUTING_RULES),
            "can_export": can(request.user, Capability.EXPORT_COMPLAINTS),
            "can_record": can(request.user, Capability.RECORD_COMPLAINTS),
            "can_open_disclosures": can_open_disclosure_requests(request.user),
        },
    )


# --- Detail and actions -----------------------------------------------------------------------


def _forms_for(complaint: Complaint) -> dict[str, forms.Form]:
    action_forms = {
        name: spec.form(prefix=name, **_form_kwargs(name, complaint))
        for name, spec in ACTIONS.items()
    }
    action_forms["track"] = TrackForm(prefix="track", initial={"track": _other_track(complaint)})
    return action_forms


def _other_track(complaint: Complaint) -> str:
    if complaint.track == Complaint.Track.TIP:
        return Complaint.Track.DENUNCIATION
    return Complaint.Track.TIP


def _detail_context(
    request: AuthenticatedHttpRequest,
    complaint: Complaint,
    bound: dict[str, forms.Form] | None = None,
) -> dict[str, Any]:
    user = request.user
    action_forms = _forms_for(complaint)
    action_forms.update(bound or {})
    today = timezone.localdate()
    allowed = TRANSITIONS[complaint.status]
    my_requests = list(
        IdentityDisclosureRequest.objects.filter(complaint=complaint, requested_by=user).order_by(
            "-created_at"
        )[:3]
    )
    return {
        "complaint": complaint,
        "forms": action_forms,
        "can_act": can_change_complaint(user, complaint),
        "allowed": {str(s) for s in allowed},
        "timeline": staff_timeline(complaint),
        "attachments": complaint.attachments.all(),
        "duplicates": likely_duplicates(complaint, complaints_visible_to(user)),
        "merged": complaint.duplicates.all(),
        "transfers": complaint.transfers.all(),
        "due_state": due_state(complaint.current_due, today),
        "today": today,
        "can_request_disclosure": can_request_disclosure(user, complaint),
        "my_requests": my_requests,
        "has_pending_request": any(
            r.status == IdentityDisclosureRequest.Status.PENDING for r in my_requests
        ),
        "identity_approved": approved_disclosure(user, complaint) is not None,
    }


@login_required
def complaint_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    complaint = get_complaint_for_user(request.user, pk)
    return render(request, "complaints/complaint_detail.html", _detail_context(request, complaint))


@dataclass(frozen=True)
class Action:
    form: Callable[..., forms.Form]
    run: Callable[[Complaint, Any, AuthenticatedHttpRequest], Any]
    done: Any  # a lazy translation


def _merge(complaint: Complaint, data: dict[str, Any], request: AuthenticatedHttpRequest) -> Any:
    target = (
        complaints_changeable_by(request.user)
        .filter(reference__iexact=data["into"].strip())
        .first()
    )
    if target is None:
        raise ValidationError(
            _("Không tìm thấy hồ sơ %(ref)s trong các hồ sơ bạn xử lý.") % {"ref": data["into"]}
        )
    return services.merge_complaint(complaint, into=target, by=request.user)


ACTIONS: dict[str, Action] = {
    "accept": Action(
        NoteForm,
        lambda c, d, r: services.accept_complaint(c, by=r.user, note=d["note"]),
        gettext_lazy("Đã thụ lý hồ sơ."),
    ),
    "reject": Action(
        RejectForm,
        lambda c, d, r: services.reject_complaint(c, reason=d["reason"], note=d["note"], by=r.user),
        gettext_lazy("Đã ghi nhận không thụ lý."),
    ),
    "assign": Action(
        AssignForm,
        lambda c, d, r: services.assign_complaint(c, to=d["assignee"], by=r.user),
        gettext_lazy("Đã giao cán bộ xử lý."),
    ),
    "verify": Action(
        NoteForm,
        lambda c, d, r: services.start_verification(c, by=r.user, note=d["note"]),
        gettext_lazy("Đã chuyển sang xác minh."),
    ),
    "conclude": Action(
        ConcludeForm,
        lambda c, d, r: services.conclude_complaint(
            c, outcome=d["outcome"], conclusion=d["conclusion"], by=r.user
        ),
        gettext_lazy("Đã ghi kết luận."),
    ),
    "close": Action(
        NoteForm,
        lambda c, d, r: services.close_complaint(c, by=r.user, note=d["note"]),
        gettext_lazy("Đã đóng hồ sơ."),
    ),
    "track": Action(
        TrackForm,
        lambda c, d, r: services.change_track(c, to=d["track"], reason=d["reason"], by=r.user),
        gettext_lazy("Đã chuyển diện xử lý."),
    ),
    "extend": Action(
        ExtendForm,
        lambda c, d, r: services.extend_settlement(
            c, days=d["days"], reason=d["reason"], by=r.user
        ),
        gettext_lazy("Đã gia hạn giải quyết."),
    ),
    "reroute": Action(
        RerouteForm,
        lambda c, d, r: services.reroute_complaint(
            c, to=d["organisation"], reason=d["reason"], by=r.user
        ),
        gettext_lazy("Đã chuyển cơ quan xử lý."),
    ),
    "transfer": Action(
        TransferForm,
        lambda c, d, r: services.transfer_complaint(
            c,
            authority=d["authority"],
            authority_name=d["authority_name"],
            authority_email=d["authority_email"],
            reason=d["reason"],
            by=r.user,
        ),
        gettext_lazy("Đã chuyển cơ quan có thẩm quyền; bản sao không kèm danh tính đã được gửi."),
    ),
    "message": Action(
        MessageForm,
        lambda c, d, r: services.post_message(c, kind=d["kind"], body=d["body"], by=r.user),
        gettext_lazy("Đã lưu trao đổi."),
    ),
    "merge": Action(MergeForm, _merge, gettext_lazy("Đã gộp hồ sơ trùng.")),
    "disclose": Action(
        DisclosureRequestForm,
        lambda c, d, r: services.request_identity_disclosure(c, reason=d["reason"], by=r.user),
        gettext_lazy("Đã gửi đề nghị công khai danh tính tới người quản lý bí mật danh tính."),
    ),
}


def _form_kwargs(name: str, complaint: Complaint) -> dict[str, Any]:
    organisations = routable_organisations(complaint.province_id)
    if name == "assign":
        return {"users": assignable_users(complaint)}
    if name == "reroute":
        return {"organisations": organisations.exclude(pk=complaint.organisation_id or 0)}
    if name == "transfer":
        return {"organisations": organisations}
    return {}


@require_POST
@login_required
def complaint_action(request: AuthenticatedHttpRequest, pk: int, action: str) -> HttpResponse:
    """Every lifecycle action: load through the door, validate the form, call one service."""
    spec = ACTIONS.get(action)
    if spec is None:
        raise Http404
    complaint = get_complaint_for_change(request.user, pk)
    form = spec.form(request.POST, prefix=action, **_form_kwargs(action, complaint))
    if form.is_valid():
        try:
            spec.run(complaint, form.cleaned_data, request)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, spec.done)
            return redirect(complaint)
    complaint.refresh_from_db()
    context = _detail_context(request, complaint, {action: form})
    context["open_action"] = action
    return render(request, "complaints/complaint_detail.html", context)


@login_required
@require_GET
def attachment_download(
    request: AuthenticatedHttpRequest, pk: int, attachment_pk: int
) -> FileResponse:
    complaint = get_complaint_for_user(request.user, pk)
    attachment = get_object_or_404(
        Attachment, pk=attachment_pk, complaint=complaint, status=Attachment.Status.STORED
    )
    response = FileResponse(
        attachment.file.open("rb"),
        as_attachment=attachment.kind != Attachment.Kind.IMAGE,
        filename=f"{complaint.reference}-{attachment.pk}.{(attachment.file.name or 'bin').rsplit('.', 1)[-1]}",
        content_type=attachment.content_type,
    )
    response["Cache-Control"] = "private, no-store"
    return response


@sensitive_variables()
@never_cache
@login_required
@require_GET
def identity_view(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The reporter's identity, for the handler whose request was approved. Audited per view."""
    complaint = get_complaint_for_user(request.user, pk)
    identity = identity_for_user(request.user, complaint)
    if identity is None:
        raise Http404
    approval = approved_disclosure(request.user, complaint)
    return render(
        request,
        "complaints/identity.html",
        {"complaint": complaint, "identity": identity, "approval": approval},
    )


# --- Routing rules ------------------------------------------------------------------------------


def _routing_province(request: AuthenticatedHttpRequest) -> Province:
    """The user's province; national viewers choose one with `?province=` and start on their
    own, else the report form's default, else the first by name."""
    if not can_see_every_province(request.user):
        return get_object_or_404(Province, pk=request.user.province_id or 0)
    chosen = parse_id(request.GET.get("province", ""))
    if chosen is not None:
        return get_object_or_404(Province, pk=chosen)
    province = (
        Province.objects.filter(pk=request.user.province_id).first()
        if request.user.province_id
        else None
    )
    province = province or default_province() or Province.objects.order_by("name").first()
    if province is None:
        raise Http404
    return province


def _routing_page(request: AuthenticatedHttpRequest, province_id: int) -> HttpResponse:
    """Back to the routing page, on the same province for a national user."""
    url = reverse("complaints:routing_rules")
    if can_see_every_province(request.user):
        url += f"?province={province_id}"
    return redirect(url)


@login_required
def routing_rules(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The province's routing rules; DoST officers add and change them here."""
    if not can_view_routing(request.user):
        raise PermissionDenied
    province = _routing_province(request)
    editable = can_manage_routing(request.user, province.pk)
    organisations = routable_organisations(province.pk)
    editing = None
    if request.GET.get("sua"):
        editing = get_object_or_404(
            RoutingRule, pk=parse_id(request.GET["sua"]) or 0, province=province
        )
    if request.method == "POST":
        if not editable:
            raise PermissionDenied
        if request.POST.get("rule"):
            editing = get_object_or_404(
                RoutingRule, pk=parse_id(request.POST["rule"]) or 0, province=province
            )
        form = RoutingRuleForm(
            request.POST, instance=editing, province_id=province.pk, organisations=organisations
        )
        if form.is_valid():
            try:
                services.save_routing_rule(
                    editing,
                    province=province,
                    commune=form.cleaned_data["commune"],
                    category=form.cleaned_data["category"],
                    organisation=form.cleaned_data["organisation"],
                    by=request.user,
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Đã lưu quy tắc định tuyến."))
                return _routing_page(request, province.pk)
    else:
        form = RoutingRuleForm(
            instance=editing, province_id=province.pk, organisations=organisations
        )
    return render(
        request,
        "complaints/routing_rules.html",
        {
            "province": province,
            "rules": routing_rules_of(province.pk),
            "form": form,
            "editable": editable,
            "editing": editing,
            "provinces": (
                Province.objects.order_by("name") if can_see_every_province(request.user) else None
            ),
        },
    )


@require_POST
@login_required
def routing_rule_delete(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    rule = get_object_or_404(RoutingRule, pk=pk)
    if not can_manage_routing(request.user, rule.province_id):
        raise PermissionDenied
    services.delete_routing_rule(rule, by=request.user)
    messages.success(request, _("Đã xóa quy tắc định tuyến."))
    return _routing_page(request, rule.province_id)


# --- Identity disclosure ---------------------------------------------------------------------


@login_required
def disclosure_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Custodians: the province's requests. Handlers: their own."""
    if not can_open_disclosure_requests(request.user):
        raise PermissionDenied
    is_custodian = can(request.user, Capability.DECIDE_IDENTITY_DISCLOSURE)
    requests = (
        disclosure_requests_for_custodian(request.user)
        if is_custodian
        else disclosure_requests_by(request.user)
    )
    pending = [r for r in requests if r.status == IdentityDisclosureRequest.Status.PENDING]
    decided = [r for r in requests[:100] if r.status != IdentityDisclosureRequest.Status.PENDING]
    return render(
        request,
        "complaints/disclosure_list.html",
        {"pending": pending, "decided": decided, "is_custodian": is_custodian},
    )


@login_required
def disclosure_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """A request; a custodian of the province (not the requester) approves or refuses it here."""
    disclosure = get_disclosure_request_for_user(request.user, pk)
    can_decide = can_decide_disclosure(request.user, disclosure)
    form = DisclosureDecisionForm(request.POST or None)
    if request.method == "POST":
        if not can_decide:
            raise PermissionDenied
        if form.is_valid():
            try:
                services.decide_identity_disclosure(
                    disclosure,
                    approve=form.cleaned_data["decision"] == "approve",
                    note=form.cleaned_data["note"],
                    by=request.user,
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Đã ghi quyết định."))
                return redirect("complaints:disclosure_list")
    return render(
        request,
        "complaints/disclosure_detail.html",
        {
            "disclosure": disclosure,
            "complaint": disclosure.complaint,
            "form": form,
            "can_decide": can_decide
            and disclosure.status == IdentityDisclosureRequest.Status.PENDING,
        },
    )


# --- Reports received outside the web form ------------------------------------------------------


@sensitive_variables()
@never_cache
@login_required
def complaint_record(request: AuthenticatedHttpRequest) -> HttpResponse:
    """A DoST officer enters a report received by hotline, phone, letter, e-mail or in person;
    the receipt code is shown once, to be passed on to the citizen."""
    if not can(request.user, Capability.RECORD_COMPLAINTS):
        raise PermissionDenied
    province = get_object_or_404(Province, pk=request.user.province_id or 0)
    form = RecordedComplaintForm(request.POST or None, request.FILES or None, province=province)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            submitted = services.record_received_complaint(
                by=request.user,
                channel=data["channel"],
                province=province,
                category=data["category"],
                commune=data["commune"],
                address=data["address"],
                business_name=data["business_name"],
                occurred_on=data["occurred_on"],
                description=data["description"],
                identity=form.identity(),
                wants_denunciation=data["wants_denunciation"],
                wants_email_updates=data["wants_email_updates"],
                files=data["attachments"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        except IdentityKeyError:
            form.add_error(
                None,
                _(
                    "Hệ thống tạm thời chưa lưu được thông tin danh tính. Phản ánh chưa được "
                    "ghi; hãy ghi ẩn danh hoặc thử lại sau."
                ),
            )
        else:
            return render(
                request,
                "complaints/complaint_recorded.html",
                {"complaint": submitted.complaint, "code": submitted.receipt_code},
            )
    return render(request, "complaints/complaint_record.html", {"form": form})
