"""Forms of indicators."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from tdc.core.metrics import all_metrics
from tdc.plans.forms.widgets import DateInput
from tdc.plans.models import (
    Indicator,
    Target,
)
from tdc.plans.services.indicators import INDICATOR_FIELDS


def metric_choices() -> list[tuple[str, str]]:
    return [
        ("", str(_("Nhập số liệu bằng tay"))),
        *[(m.key, f"{m.label} ({m.unit})") for m in all_metrics()],
    ]


class IndicatorForm(forms.ModelForm[Indicator]):
    metric_key = forms.ChoiceField(label=_("Tính tự động từ"), required=False, choices=())

    class Meta:
        model = Indicator
        fields = list(INDICATOR_FIELDS)
        widgets = {
            "name": forms.Textarea(attrs={"rows": 2}),
            "baseline_date": DateInput(),
            "deadline": DateInput(),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["metric_key"].choices = metric_choices()  # type: ignore[attr-defined]
        self.fields["comparator"].choices = Target.Comparator.choices  # type: ignore[attr-defined]


class IndicatorValueForm(forms.Form):
    period_start = forms.DateField(label=_("Từ ngày"), widget=DateInput())
    period_end = forms.DateField(label=_("Đến ngày"), widget=DateInput())
    value = forms.DecimalField(label=_("Giá trị"), max_digits=14, decimal_places=2)
    source = forms.CharField(label=_("Nguồn số liệu"), max_length=300)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("period_start"), data.get("period_end")
        if start and end and end < start:
            raise ValidationError(_("Ngày kết thúc kỳ không được trước ngày bắt đầu."))
        return data


class ComputeForm(forms.Form):
    year = forms.IntegerField(label=_("Năm"), min_value=2000, max_value=2100)
