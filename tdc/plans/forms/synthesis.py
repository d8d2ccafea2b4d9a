"""The form of the synthesis report's wording."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from tdc.plans.forms.widgets import DateInput
from tdc.plans.models import (
    Synthesis,
)
from tdc.plans.services.synthesis import EDITABLE_FIELDS as SYNTHESIS_FIELDS


class SynthesisForm(forms.ModelForm[Synthesis]):
    version = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = Synthesis
        fields = list(SYNTHESIS_FIELDS)
        widgets = {
            "doc_date": DateInput(),
            "subject": forms.Textarea(attrs={"rows": 2}),
            "intro": forms.Textarea(attrs={"rows": 3}),
            "assessment": forms.Textarea(attrs={"rows": 4}),
            "difficulties": forms.Textarea(attrs={"rows": 3}),
            "next_tasks": forms.Textarea(attrs={"rows": 3}),
            "proposals": forms.Textarea(attrs={"rows": 3}),
            "closing": forms.Textarea(attrs={"rows": 2}),
            "recipients": forms.Textarea(attrs={"rows": 5}),
        }
        help_texts = {
            "recipients": _("Mỗi dòng một nơi nhận; dòng cuối là “Lưu: VT, …”."),
            "assessment": _("Mỗi dòng thành một đoạn văn."),
        }
