from __future__ import annotations

import base64

import segno
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from tdc.accounts import journal, services, throttle
from tdc.accounts.access import (
    can_edit_organisation_contact,
    can_manage_organisation,
    get_organisation_for_user,
)
from tdc.accounts.capabilities import Capability, capability_required
from tdc.accounts.forms import (
    ApiTokenForm,
    LoginForm,
    OrganisationContactForm,
    OrganisationFilterForm,
    OrganisationForm,
    PasswordResetForm,
    SetPasswordForm,
    TokenCodeForm,
)
from tdc.accounts.http import AuthenticatedHttpRequest
from tdc.accounts.models import ApiToken, Organisation
from tdc.accounts.queries import organisations_visible_to, search_organisations
from tdc.core.audit import record
from tdc.core.forms import AuditFilterForm, attach_error
from tdc.core.htmx import partial_if_htmx
from tdc.core.queries import audit_actions, audit_events, audit_target_types


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True


class LogoutView(auth_views.LogoutView):
    pass


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("accounts:password_change_done")


class PasswordChangeDoneView(auth_views.PasswordChangeDoneView):
    template_name = "accounts/password_change_done.html"


class PasswordResetView(auth_views.PasswordResetView):
    """Ask for a reset link by e-mail. The answer is the same whether or not the address has
    an account; a client address gets a few requests an hour (`tdc.accounts.throttle`)."""

    form_class = PasswordResetForm
    template_name = "accounts/password_reset_form.html"
    email_template_name = "accounts/password_reset_email.txt"
    subject_template_name = "accounts/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")

    def form_valid(self, form: PasswordResetForm) -> HttpResponse:  # type: ignore[override]
        address = throttle.client_address(self.request)
        if throttle.reset_requests_exceeded(address):
            form.add_error(
                None,
                _(
                    "Bạn đã yêu cầu đặt lại mật khẩu quá nhiều lần. Hãy thử lại sau một giờ "
                    "hoặc liên hệ quản trị hệ thống."
                ),
            )
            return self.render_to_response(self.get_context_data(form=form), status=429)
        response = super().form_valid(form)
        record(actor=None, action=throttle.RESET_REQUESTED, ip_address=address)
        for user in form.sent_to:
            record(actor=None, action=throttle.RESET_SENT, target=user, ip_address=address)
        return response


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    form_class = SetPasswordForm
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")

    def form_valid(self, form: SetPasswordForm) -> HttpResponse:  # type: ignore[override]
        response = super().form_valid(form)
        record(actor=form.user, action="auth.password_reset_done", target=form.user)
        return response


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_complete.html"


def _safe_next(request: AuthenticatedHttpRequest) -> str:
    target = request.GET.get("next") or request.POST.get("next") or "/"
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return "/"


@login_required
def two_factor(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Enrol a TOTP device on first use, then check its code at every login."""
    user = request.user
    confirmed = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    enrolling = confirmed is None
    device = confirmed or TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="TĐC", confirmed=False)
    form = TokenCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["code"].strip()):
            if enrolling:
                device.confirmed = True
                device.save(update_fields=["confirmed"])
                record(actor=user, action="auth.second_factor_enrolled", target=user)
            otp_login(request, device)
            record(actor=user, action="auth.second_factor_verified")
            return redirect(_safe_next(request))
        record(actor=user, action="auth.second_factor_failed")
        form.add_error("code", _("Mã xác thực không đúng hoặc đã hết hạn."))
    context: dict[str, object] = {"form": form, "enrolling": enrolling, "next": _safe_next(request)}
    if enrolling:
        secret = base64.b32encode(device.bin_key).decode().rstrip("=")
        context["secret"] = secret
        context["qr_data_uri"] = segno.make(device.config_url, error="m").svg_data_uri(scale=4)
    return render(request, "accounts/two_factor.html", context)


@login_required
def profile(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Who I am, my roles and my API tokens."""
    form = ApiTokenForm(request.POST or None)
    new_key = None
    if request.method == "POST" and form.is_valid():
        _token, new_key = services.issue_api_token(request.user, name=form.cleaned_data["name"])
        form = ApiTokenForm()
    tokens = ApiToken.objects.filter(user=request.user)
    return render(
        request, "accounts/profile.html", {"form": form, "tokens": tokens, "new_key": new_key}
    )


@require_POST
@login_required
def revoke_token(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    token = get_object_or_404(ApiToken, pk=pk, user=request.user)
    services.revoke_api_token(token, by=request.user)
    messages.success(request, _("Đã thu hồi mã truy cập."))
    return redirect("accounts:profile")


@login_required
def organisation_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = OrganisationFilterForm(request.GET or None)
    organisations = organisations_visible_to(request.user)
    if form.is_valid():
        organisations = search_organisations(organisations, form.cleaned_data["q"])
        if form.cleaned_data["kind"]:
            organisations = organisations.filter(kind=form.cleaned_data["kind"])
    page = Paginator(organisations, 50).get_page(request.GET.get("page"))
    template = partial_if_htmx(request, "accounts/organisation_list.html", "rows")
    return render(request, template, {"form": form, "page": page})


@login_required
def organisation_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    organisation = get_organisation_for_user(request.user, pk)
    return render(
        request,
        "accounts/organisation_detail.html",
        {
            "organisation": organisation,
            "editable": can_edit_organisation_contact(request.user, organisation),
            "members": organisation.users.filter(is_active=True).order_by("username"),
        },
    )


@login_required
def organisation_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Managers change everything the platform trusts; members only the contact details."""
    organisation = get_organisation_for_user(request.user, pk)
    form: OrganisationForm | OrganisationContactForm
    if can_manage_organisation(request.user, organisation):
        form = OrganisationForm(request.POST or None, instance=organisation)
    elif can_edit_organisation_contact(request.user, organisation):
        form = OrganisationContactForm(request.POST or None, instance=organisation)
    else:
        raise PermissionDenied
    if request.method == "POST" and form.is_valid():
        fresh = Organisation.objects.get(pk=organisation.pk)
        try:
            services.update_organisation(fresh, by=request.user, **form.values())
        except ValidationError as error:
            attach_error(form, error)
        else:
            messages.success(request, _("Đã lưu thông tin cơ quan."))
            return redirect(fresh)
    return render(
        request,
        "accounts/organisation_form.html",
        {
            "form": form,
            "organisation": organisation,
            "contact_only": isinstance(form, OrganisationContactForm),
        },
    )


@capability_required(Capability.READ_AUDIT_LOG)
def audit_log(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = AuditFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    events = audit_events(**{k: v for k, v in filters.items() if v})
    page = Paginator(events, 50).get_page(request.GET.get("page"))
    template = partial_if_htmx(request, "accounts/audit_log.html", "rows")
    actions = sorted(
        ((code, journal.action_label(code)) for code in audit_actions()), key=lambda a: a[1]
    )
    kinds = sorted(
        {(t, journal.target_kind(t)) for t in audit_target_types() if journal.target_kind(t)},
        key=lambda k: k[1],
    )
    return render(
        request,
        template,
        {
            "form": form,
            "page": page,
            "entries": journal.entries(page),
            "actions": actions,
            "kinds": kinds,
        },
    )
