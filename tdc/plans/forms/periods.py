"""Forms of reporting periods and explanation requests."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from tdc.accounts.models import Organisation
from tdc.plans.forms.widgets import DateInput, DateTimeInput
from tdc.plans.models import (
    ReportingPeriod,
)


class PeriodForm(forms.Form):
    kind = forms.ChoiceField(label=_("Loại kỳ"), choices=ReportingPeriod.Kind.choices)
    year = forms.IntegerField(label=_("Năm"), min_value=2000, max_value=2100)
    number = forms.IntegerField(
        label=_("Số thứ tự (6 tháng: 1–2; quý: 1–4)"), min_value=1, max_value=4, required=False
    )
    title = forms.CharField(
        label=_("Tên kỳ báo cáo"),
        max_length=300,
        required=False,
        help_text=_("Để trống để dùng tên mặc định."),
    )
    request = forms.CharField(
        label=_("Nội dung yêu cầu"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    deadline = forms.DateField(
        label=_("Hạn gửi báo cáo"),
        required=False,
        widget=DateInput(),
        help_text=_("Để trống: theo hạn của kế hoạch."),
    )
    working_days = forms.IntegerField(
        label=_("Hoặc: số ngày làm việc kể từ hôm nay"), min_value=1, max_value=60, required=False
    )
    count_working_days = forms.BooleanField(
        label=_("Hạn rơi vào ngày nghỉ thì lùi sang ngày làm việc kế tiếp"), required=False
    )
    on_time_cutoff = forms.DateTimeField(
        label=_("Mốc tính đúng hạn"),
        required=False,
        widget=DateTimeInput(),
        help_text=_("Để trống: hết ngày của hạn gửi."),
    )
    organisations = forms.ModelMultipleChoiceField(
        label=_("Chỉ yêu cầu các cơ quan (báo cáo đột xuất)"),
        queryset=Organisation.objects.none(),
        required=False,
    )
    remind_days_before = forms.IntegerField(
        label=_("Nhắc trước hạn (ngày)"), min_value=0, max_value=60, initial=5
    )
    escalate_days_after = forms.IntegerField(
        label=_("Báo lãnh đạo đơn vị sau hạn (ngày)"), min_value=0, max_value=60, initial=3
    )

    def __init__(self, *args: Any, organisations: QuerySet[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisations"].queryset = organisations  # type: ignore[attr-defined]


class PeriodChangeForm(forms.ModelForm[ReportingPeriod]):
    class Meta:
        model = ReportingPeriod
        fields = [
            "title",
            "request",
            "deadline",
            "on_time_cutoff",
            "working_days",
            "count_working_days",
            "synthesis_deadline",
            "remind_days_before",
            "escalate_days_after",
        ]
        widgets = {
            "deadline": DateInput(),
            "synthesis_deadline": DateInput(),
            "on_time_cutoff": DateTimeInput(),
            "request": forms.Textarea(attrs={"rows": 3}),
        }


class ExplanationRequestForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Cơ quan chậm báo cáo"), queryset=Organisation.objects.none()
    )
    message = forms.CharField(
        label=_("Nội dung yêu cầu giải trình"), widget=forms.Textarea(attrs={"rows": 3})
    )
    due_date = forms.DateField(label=_("Hạn giải trình"), widget=DateInput())

    def __init__(self, *args: Any, organisations: QuerySet[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations  # type: ignore[attr-defined]


class ExplanationAnswerForm(forms.Form):
    response = forms.CharField(
        label=_("Nội dung giải trình"), widget=forms.Textarea(attrs={"rows": 5})
    )
