from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


def attach_error(form: forms.BaseForm, error: ValidationError) -> None:
    """Put a service's error on the form: on its field when it names one, on top otherwise."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, errors in error.message_dict.items():
        form.add_error(field if field in form.fields else None, errors)


class AuditFilterForm(forms.Form):
    action = forms.CharField(label=_("Hành động"), required=False)
    actor = forms.CharField(label=_("Người thực hiện"), required=False)
    target_type = forms.CharField(label=_("Loại đối tượng"), required=False)
    since = forms.DateField(label=_("Từ ngày"), required=False)
    until = forms.DateField(label=_("Đến ngày"), required=False)
