from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from django import forms
from django.contrib.auth import forms as auth_forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from tdc.accounts import throttle
from tdc.accounts.models import Commune, Organisation, User
from tdc.accounts.queries import dost_of_province
from tdc.accounts.services import CONTACT_FIELDS, dost_taken_message


class LoginForm(AuthenticationForm):
    error_messages = {
        "invalid_login": _(
            "Tên đăng nhập hoặc mật khẩu không đúng. Lưu ý: mật khẩu phân biệt chữ hoa, chữ thường."
        ),
        "inactive": _("Tài khoản này đã bị khóa."),
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["username"].label = _("Tên đăng nhập")
        self.fields["password"].label = _("Mật khẩu")


class PasswordResetForm(auth_forms.PasswordResetForm):
    """Django's reset by e-mail, in Vietnamese; an account gets a few e-mails an hour at most."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["email"].label = _("Thư điện tử của tài khoản")
        self.sent_to: list[User] = []

    def get_users(self, email: str) -> Any:
        for user in super().get_users(email):
            if throttle.may_send_reset_email(user):
                self.sent_to.append(user)
                yield user


if TYPE_CHECKING:
    _SetPasswordForm = auth_forms.SetPasswordForm[User]
else:
    _SetPasswordForm = auth_forms.SetPasswordForm  # not subscriptable at run time


class SetPasswordForm(_SetPasswordForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["new_password1"].label = _("Mật khẩu mới")
        self.fields["new_password2"].label = _("Nhập lại mật khẩu mới")


class TokenCodeForm(forms.Form):
    code = forms.RegexField(
        label=_("Mã xác thực 6 chữ số"),
        regex=r"^\s*\d{6}\s*$",
        error_messages={"invalid": _("Mã xác thực gồm đúng 6 chữ số.")},
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )


class ApiTokenForm(forms.Form):
    name = forms.CharField(label=_("Tên gợi nhớ"), max_length=100)


class OrganisationFilterForm(forms.Form):
    q = forms.CharField(label=_("Tìm kiếm"), required=False)
    kind = forms.ChoiceField(
        label=_("Loại"),
        required=False,
        choices=[("", _("Tất cả"))] + list(Organisation.Kind.choices),
    )


class OrganisationForm(forms.ModelForm[Organisation]):
    """What a system administrator or a TĐC officer of the province changes."""

    aliases_text = forms.CharField(
        label=_("Tên gọi khác (mỗi dòng một tên)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    class Meta:
        model = Organisation
        fields = [
            "name",
            "short_name",
            "kind",
            "parent",
            "commune",
            "tax_code",
            "email",
            "phone",
            "address",
            "is_active",
        ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["aliases_text"].initial = "\n".join(self.instance.aliases)
            province = self.instance.province_id
            parent_field = cast(forms.ModelChoiceField, self.fields["parent"])  # type: ignore[type-arg]
            commune_field = cast(forms.ModelChoiceField, self.fields["commune"])  # type: ignore[type-arg]
            parent_field.queryset = Organisation.objects.filter(province=province).exclude(
                pk=self.instance.pk
            )
            commune_field.queryset = Commune.objects.filter(province=province)

    def clean_kind(self) -> str:
        kind: str = self.cleaned_data["kind"]
        province = self.instance.province_id
        if kind == Organisation.Kind.DOST and province is not None:
            dost = dost_of_province(province)
            if dost is not None and dost.pk != self.instance.pk:
                raise forms.ValidationError(dost_taken_message(dost))
        return kind

    def aliases(self) -> list[str]:
        text: str = self.cleaned_data.get("aliases_text", "")
        return [line.strip() for line in text.splitlines() if line.strip()]

    def values(self) -> dict[str, object]:
        values: dict[str, object] = {f: self.cleaned_data[f] for f in self.Meta.fields}
        values["aliases"] = self.aliases()
        return values


class OrganisationContactForm(forms.ModelForm[Organisation]):
    """What an organisation's own users keep up to date: how to reach it."""

    class Meta:
        model = Organisation
        fields = list(CONTACT_FIELDS)

    def values(self) -> dict[str, object]:
        return {f: self.cleaned_data[f] for f in self.Meta.fields}
