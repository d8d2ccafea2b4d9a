"""Forms of progress reports: shape and types only (the rules live in the services)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from tdc.accounts.models import Organisation
from tdc.plans.forms.widgets import DateInput, MultipleFileField
from tdc.plans.models import (
    ProgressReport,
    ReportingPeriod,
)
from tdc.plans.queries.reporting import Figure, parse_figures
from tdc.plans.services.reporting import ReportInput

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

    def clean_figures(self) -> tuple[Figure, ...]:
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


# --- Tasks -------------------------------------------------------------------------------------------


# --- Indicators ----------------------------------------------------------------------------------------


# --- Dashboard and synthesis ----------------------------------------------------------------------------------
