"""Forms of the plan pages."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class PlanFilterForm(forms.Form):
    q = forms.CharField(label=_("Tìm kiếm"), required=False)
