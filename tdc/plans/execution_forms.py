"""Forms of plan execution: shape and types only (the rules live in the services)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from tdc.accounts.models import Organisation
from tdc.core.metrics import all_metrics
from tdc.plans.indicators import INDICATOR_FIELDS
from tdc.plans.models import (
    Indicator,
    ProgressReport,
    ReportingPeriod,
    Synthesis,
    Target,
    TaskGroup,
)
from tdc.plans.reporting import ReportInput, parse_figures
from tdc.plans.synthesis import EDITABLE_FIELDS as SYNTHESIS_FIELDS


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs, format="%Y-%m-%d")


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs, format="%Y-%m-%dT%H:%M")


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> Any:
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data]
        return [single(data, initial)] if data else []


# --- Reports ------------------------------------------------------------------------------------


class ReportForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    progress = forms.ChoiceField(
        label=_("Tình hình thực hiện"), choices=ProgressReport.Progress.choices
    )
    percent = forms.IntegerField(label=_("Tỷ lệ hoàn thành (%)"), min_value=0, max_value=100)
    completed_on = forms.DateField(
        label=_("Ngày hoàn thành"),
        required=False,
        widget=DateInput(),
        help_text=_("Chỉ nhập khi nhiệm vụ đã hoàn thành."),
    )
    results = forms.CharField(
        label=_("Kết quả đạt được"), required=False, widget=forms.Textarea(attrs={"rows": 6})
    )
    figures = forms.CharField(
        label=_("Số liệu"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Mỗi dòng một số liệu, dạng “Số lớp tập huấn: 3 lớp”."),
    )
    difficulties = forms.CharField(
        label=_("Khó khăn, vướng mắc"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    proposals = forms.CharField(
        label=_("Đề xuất, kiến nghị"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    evidence = MultipleFileField(
        label=_("Thêm minh chứng"),
        required=False,
        help_text=_("PDF, Word, Excel, ảnh hoặc ZIP; tối đa 10 MB mỗi tệp."),
    )

    def clean_figures(self) -> tuple[dict[str, str], ...]:
        return parse_figures(self.cleaned_data["figures"])

    def to_input(self) -> ReportInput:
        data = self.cleaned_data
        return ReportInput(
            progress=data["progress"],
            percent=data["percent"],
            completed_on=data["completed_on"],
            results=data["results"],
            figures=data["figures"],
            difficulties=data["difficulties"],
            proposals=data["proposals"],
        )


class VersionForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Lý do"), widget=forms.Textarea(attrs={"rows": 3}))


class NoteForm(forms.Form):
    note = forms.CharField(
        label=_("Ghi chú (không bắt buộc)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ReportFilterForm(forms.Form):
    ARRIVAL = [
        ("", _("Mọi tình trạng gửi")),
        ("missing", _("Chưa gửi")),
        ("late", _("Gửi muộn")),
        ("on_time", _("Gửi đúng hạn")),
    ]
    period = forms.ModelChoiceField(
        label=_("Kỳ báo cáo"),
        queryset=ReportingPeriod.objects.none(),
        required=False,
        empty_label=_("Mọi kỳ báo cáo"),
    )
    organisation = forms.ModelChoiceField(
        label=_("Cơ quan"),
        queryset=Organisation.objects.none(),
        required=False,
        empty_label=_("Mọi cơ quan"),
    )
    state = forms.ChoiceField(
        label=_("Trạng thái"),
        choices=[("", _("Mọi trạng thái")), *ProgressReport.State.choices],
        required=False,
    )
    arrival = forms.ChoiceField(label=_("Tình trạng gửi"), choices=ARRIVAL, required=False)

    def __init__(
        self,
        *args: Any,
        periods: QuerySet[ReportingPeriod],
        organisations: QuerySet[Organisation],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["period"].queryset = periods  # type: ignore[attr-defined]
        self.fields["organisation"].queryset = organisations  # type: ignore[attr-defined]


# --- Periods and explanations ------------------------------------------------------------------------


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


# --- Tasks -------------------------------------------------------------------------------------------


class TaskForm(forms.Form):
    group = forms.ModelChoiceField(
        label=_("Nhóm nhiệm vụ"), queryset=TaskGroup.objects.none(), required=False
    )
    number = forms.CharField(label=_("Số thứ tự"), max_length=20, required=False)
    content = forms.CharField(
        label=_("Nội dung nhiệm vụ"), widget=forms.Textarea(attrs={"rows": 4})
    )
    timeline = forms.CharField(label=_("Thời gian thực hiện"), max_length=300, required=False)
    due_date = forms.DateField(label=_("Hạn hoàn thành"), required=False, widget=DateInput())
    funding = forms.CharField(label=_("Kinh phí"), max_length=300, required=False)

    def __init__(self, *args: Any, groups: QuerySet[TaskGroup], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["group"].queryset = groups  # type: ignore[attr-defined]


class AssignForm(forms.Form):
    leads = forms.ModelMultipleChoiceField(
        label=_("Đơn vị chủ trì"),
        queryset=Organisation.objects.none(),
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )
    partners = forms.ModelMultipleChoiceField(
        label=_("Đơn vị phối hợp"),
        queryset=Organisation.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )

    def __init__(self, *args: Any, organisations: QuerySet[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["leads"].queryset = organisations  # type: ignore[attr-defined]
        self.fields["partners"].queryset = organisations  # type: ignore[attr-defined]


class TaskCreateForm(TaskForm, AssignForm):
    def __init__(
        self,
        *args: Any,
        groups: QuerySet[TaskGroup],
        organisations: QuerySet[Organisation],
        **kwargs: Any,
    ) -> None:
        forms.Form.__init__(self, *args, **kwargs)
        self.fields["group"].queryset = groups  # type: ignore[attr-defined]
        self.fields["leads"].queryset = organisations  # type: ignore[attr-defined]
        self.fields["partners"].queryset = organisations  # type: ignore[attr-defined]


class SplitForm(forms.Form):
    parts = forms.CharField(
        label=_("Các phần"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Mỗi dòng là nội dung của một nhiệm vụ mới."),
    )

    def clean_parts(self) -> list[str]:
        return [line.strip() for line in self.cleaned_data["parts"].splitlines() if line.strip()]


# --- Indicators ----------------------------------------------------------------------------------------


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


# --- Dashboard and synthesis ----------------------------------------------------------------------------------


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
