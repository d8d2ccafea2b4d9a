"""Forms of a TĐC officer's changes to tasks."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from tdc.accounts.models import Organisation
from tdc.plans.forms.widgets import DateInput
from tdc.plans.models import (
    TaskGroup,
)


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
