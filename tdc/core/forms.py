from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class AuditFilterForm(forms.Form):
    action = forms.CharField(label=_("Hành động"), required=False)
    actor = forms.CharField(label=_("Người thực hiện"), required=False)
    target_type = forms.CharField(label=_("Loại đối tượng"), required=False)
    since = forms.DateField(label=_("Từ ngày"), required=False)
    until = forms.DateField(label=_("Đến ngày"), required=False)
