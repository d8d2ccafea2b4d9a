from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from tdc.accounts.models import Organisation
from tdc.core.events import event_types
from tdc.exchange.oauth import all_scopes
from tdc.exchange.services import CLIENT_ROLES


class ClientForm(forms.Form):
    name = forms.CharField(label=_("Tên hệ thống"), max_length=200)
    organisation = forms.ModelChoiceField(
        label=_("Thuộc cơ quan"),
        queryset=Organisation.objects.filter(is_active=True).order_by("name"),
    )
    role = forms.ChoiceField(label=_("Hoạt động với vai trò"))
    scopes = forms.MultipleChoiceField(
        label=_("Phạm vi được phép"), widget=forms.CheckboxSelectMultiple
    )
    contact_email = forms.EmailField(label=_("Thư điện tử liên hệ"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        role = cast(forms.ChoiceField, self.fields["role"])
        scopes = cast(forms.MultipleChoiceField, self.fields["scopes"])
        role.choices = [(r.value, r.label) for r in CLIENT_ROLES]
        scopes.choices = sorted(all_scopes().items())


class SubscriptionForm(forms.Form):
    name = forms.CharField(label=_("Tên"), max_length=200)
    url = forms.URLField(label=_("Địa chỉ nhận (URL)"), max_length=500, assume_scheme="https")
    event_types = forms.MultipleChoiceField(
        label=_("Loại sự kiện"), widget=forms.CheckboxSelectMultiple
    )
    owner_email = forms.EmailField(label=_("Thư điện tử người phụ trách"))
    allow_intranet = forms.BooleanField(
        label=_("Cho phép địa chỉ mạng nội bộ (IP riêng)"), required=False
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = cast(forms.MultipleChoiceField, self.fields["event_types"])
        field.choices = [(t.name, t.label) for t in event_types()]
