"""Forms of the import: upload, and the import preview (shape and types only)."""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Sequence
from typing import Any, cast

from django import forms
from django.core.exceptions import ValidationError
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from tdc.accounts.models import Organisation, Province
from tdc.core.metrics import all_metrics
from tdc.core.text import shorten
from tdc.core.uploads import megabytes
from tdc.plans.models import ReportingDeadline, Target
from tdc.plans.queries.importing import (
    CHOICE_COLLECTIVE,
    CHOICE_NEW,
    CHOICE_NONE,
    Preview,
    PreviewDeadline,
    PreviewGroup,
    PreviewHeader,
    PreviewTarget,
    PreviewUnit,
    collective_label,
    organisation_choice,
)
from tdc.plans.services.importing import (
    MAX_UPLOAD_BYTES,
    DraftCorrections,
    TaskCorrection,
    UnitCorrection,
    check_plan_upload,
)

Choices = list[tuple[Any, Any]]


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


class PlanUploadForm(forms.Form):
    document = forms.FileField(
        label=_("Tệp kế hoạch"),
        help_text=format_lazy(
            _("Word (.docx), PDF có chữ (.pdf), văn bản (.txt) hoặc Markdown (.md); tối đa {}."),
            megabytes(MAX_UPLOAD_BYTES),
        ),
        allow_empty_file=True,  # the parser explains an empty file in its own words
        widget=forms.ClearableFileInput(attrs={"accept": ".docx,.pdf,.txt,.md"}),
    )

    def __init__(self, *args: Any, choose_province: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if choose_province:
            self.fields["province"] = forms.ModelChoiceField(
                label=_("Tỉnh, thành phố"), queryset=Province.objects.order_by("name")
            )

    def clean_document(self) -> Any:
        document = self.cleaned_data["document"]
        check_plan_upload(document, document.name or "")
        return document


# --- The preview --------------------------------------------------------------------------------


class HeaderForm(forms.Form):
    issuer = forms.CharField(label=_("Cơ quan ban hành"), max_length=300, required=False)
    locality = forms.CharField(label=_("Địa phương"), max_length=100, required=False)
    title = forms.CharField(label=_("Tên kế hoạch"), widget=forms.Textarea(attrs={"rows": 3}))
    doc_number = forms.CharField(label=_("Số, ký hiệu"), max_length=100, required=False)
    doc_date = forms.DateField(
        label=_("Ngày ban hành"),
        required=False,
        input_formats=["%d/%m/%Y", "%Y-%m-%d"],
        widget=forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy"}),
    )
    year = forms.IntegerField(label=_("Năm"), required=False, min_value=1990, max_value=2100)
    references = forms.CharField(
        label=_("Văn bản căn cứ (mỗi dòng một văn bản)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    first_year = forms.IntegerField(
        label=_("Năm của kỳ báo cáo đầu tiên"),
        required=False,
        min_value=1990,
        max_value=2100,
        help_text=_(
            "Kỳ báo cáo đã quá hạn không được tạo. Để trống: kỳ hằng năm đầu tiên còn hạn."
        ),
    )

    @staticmethod
    def initial_from(header: PreviewHeader) -> dict[str, Any]:
        return {
            **header,
            "doc_date": dt.date.fromisoformat(header["doc_date"]) if header["doc_date"] else None,
            "references": "\n".join(header["references"]),
        }

    def header(self) -> PreviewHeader:
        data = self.cleaned_data
        doc_date: dt.date | None = data["doc_date"]
        return PreviewHeader(
            issuer=data["issuer"].strip(),
            locality=data["locality"].strip(),
            title=data["title"].strip(),
            doc_number=data["doc_number"].strip(),
            doc_date=doc_date.isoformat() if doc_date else None,
            year=data["year"],
            references=_lines(data["references"]),
            first_year=data["first_year"],
        )


class GroupForm(forms.Form):
    key = forms.CharField(widget=forms.HiddenInput)
    number = forms.CharField(label=_("Số"), max_length=20, required=False)
    title = forms.CharField(label=_("Tên nhóm"), widget=forms.Textarea(attrs={"rows": 2}))


class _TaskFields(forms.Form):
    number = forms.CharField(label=_("Số"), max_length=20, required=False)
    group = forms.ChoiceField(label=_("Nhóm"), required=False)
    content = forms.CharField(label=_("Nội dung"), widget=forms.Textarea(attrs={"rows": 4}))
    lead = forms.CharField(
        label=_("Đơn vị chủ trì (mỗi dòng một đơn vị)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    partners = forms.CharField(
        label=_("Đơn vị phối hợp (mỗi dòng một đơn vị)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    timeline = forms.CharField(label=_("Thời gian thực hiện"), max_length=300, required=False)
    funding = forms.CharField(label=_("Kinh phí"), max_length=300, required=False)

    def __init__(self, *args: Any, group_choices: Choices, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        group_field: forms.ChoiceField = self.fields["group"]  # type: ignore[assignment]
        group_field.choices = [("", _("(không thuộc nhóm nào)")), *group_choices]

    def correction(self, key: str) -> TaskCorrection:
        data = self.cleaned_data
        return TaskCorrection(
            key=key,
            group=data["group"] or None,
            number=data["number"],
            content=data["content"],
            lead=_lines(data["lead"]),
            partners=_lines(data["partners"]),
            timeline=data["timeline"],
            funding=data["funding"],
        )


class TaskForm(_TaskFields):
    key = forms.CharField(widget=forms.HiddenInput)


class NewTaskForm(_TaskFields):
    """A task the officer adds; left empty, it adds nothing."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["content"].required = False

    def is_filled(self) -> bool:
        return bool(self.is_valid() and self.cleaned_data["content"].strip())


class UnitForm(forms.Form):
    key = forms.CharField(widget=forms.HiddenInput)
    choice = forms.ChoiceField(label=_("Liên kết với"))
    new_name = forms.CharField(label=_("Tên cơ quan mới"), max_length=300, required=False)
    new_kind = forms.ChoiceField(
        label=_("Loại cơ quan mới"), choices=Organisation.Kind.choices, required=False
    )

    def __init__(
        self,
        *args: Any,
        unit: PreviewUnit | None,
        organisation_choices: Choices,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.unit = unit
        options: Choices = []
        if unit is not None and unit["collective"]:
            label = collective_label(unit["collective"])
            options.append((CHOICE_COLLECTIVE, _("Nhóm đơn vị: %(label)s") % {"label": label}))
        options += [
            (CHOICE_NEW, _("Tạo cơ quan mới")),
            (CHOICE_NONE, _("Không liên kết (chỉ giữ tên như văn bản)")),
            *organisation_choices,
        ]
        choice_field: forms.ChoiceField = self.fields["choice"]  # type: ignore[assignment]
        choice_field.choices = options
        if unit is not None:
            self.fields["choice"].label = _("Liên kết “%(unit)s” với") % {"unit": unit["text"]}
            self.fields["new_name"].label = _("Tên cơ quan mới cho “%(unit)s”") % {
                "unit": unit["text"]
            }

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("choice") == CHOICE_NEW and not (data.get("new_name") or "").strip():
            self.add_error("new_name", _("Hãy nhập tên cơ quan mới."))
        return data

    def correction(self) -> UnitCorrection:
        data = self.cleaned_data
        return UnitCorrection(
            key=data["key"],
            choice=data["choice"],
            new_name=data["new_name"],
            new_kind=data["new_kind"],
        )


class TargetForm(forms.Form):
    text = forms.CharField(label=_("Chỉ tiêu"), widget=forms.Textarea(attrs={"rows": 2}))
    comparator = forms.ChoiceField(label=_("So sánh"), choices=Target.Comparator.choices)
    value = forms.DecimalField(label=_("Giá trị"), max_digits=14, decimal_places=2)
    unit = forms.CharField(label=_("Đơn vị tính"), max_length=60, required=False)
    period = forms.CharField(label=_("Kỳ"), max_length=40, required=False)
    metric_key = forms.ChoiceField(label=_("Tính từ số liệu"), required=False, choices=())

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["metric_key"]
        assert isinstance(field, forms.ChoiceField)  # noqa: S101
        field.choices = [
            ("", _("— Nhập số liệu bằng tay —")),
            *[(m.key, m.label) for m in all_metrics()],
        ]

    def has_changed(self) -> bool:
        """The empty row for a new target counts as filled only once it has a text or a value
        (its selects always post their first choice)."""
        if not self.initial:
            return any(
                str(self.data.get(self.add_prefix(name), "")).strip() for name in ("text", "value")
            )
        return super().has_changed()

    def target(self) -> PreviewTarget:
        data = self.cleaned_data
        return PreviewTarget(
            text=data["text"].strip(),
            value=str(data["value"]),
            unit=data["unit"].strip(),
            comparator=data["comparator"],
            period=data["period"].strip(),
            metric_key=data.get("metric_key", ""),
        )


class DeadlineForm(forms.Form):
    who = forms.CharField(label=_("Đơn vị báo cáo"), max_length=300)
    to = forms.CharField(label=_("Gửi đến"), max_length=300)
    day = forms.IntegerField(label=_("Ngày"), min_value=1, max_value=31)
    month = forms.IntegerField(label=_("Tháng"), min_value=1, max_value=12)
    recurrence = forms.ChoiceField(label=_("Định kỳ"), choices=ReportingDeadline.Recurrence.choices)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        day, month = data.get("day"), data.get("month")
        if day and month and day > calendar.monthrange(2024, month)[1]:
            self.add_error("day", _("Ngày %(day)02d/%(month)02d không có trong năm.") % data)
        return data

    def deadline(self) -> PreviewDeadline:
        data = self.cleaned_data
        return PreviewDeadline(
            who=data["who"].strip(),
            to=data["to"].strip(),
            day=data["day"],
            month=data["month"],
            recurrence=data["recurrence"],
            text="",
        )


GroupFormSet = forms.formset_factory(GroupForm, extra=0)
TaskFormSet = forms.formset_factory(TaskForm, extra=0)
# One empty row: the officer adds a target the parser missed.
TargetFormSet = forms.formset_factory(TargetForm, extra=1, can_delete=True)
DeadlineFormSet = forms.formset_factory(DeadlineForm, extra=0, can_delete=True)


class BaseUnitFormSet(forms.BaseFormSet):  # type: ignore[type-arg]
    def __init__(
        self, *args: Any, units: Sequence[PreviewUnit], organisation_choices: Choices, **kwargs: Any
    ) -> None:
        self.units = units
        self.organisation_choices = organisation_choices
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index: int | None) -> dict[str, Any]:
        unit = self.units[index] if index is not None and index < len(self.units) else None
        return {"unit": unit, "organisation_choices": self.organisation_choices}


UnitFormSet = cast(
    type[BaseUnitFormSet],
    forms.formset_factory(UnitForm, formset=BaseUnitFormSet, extra=0),
)


def organisation_choices(organisations: Sequence[Organisation]) -> Choices:
    """Existing organisations as select options, grouped by kind."""
    by_kind: dict[str, Choices] = {}
    for organisation in organisations:
        by_kind.setdefault(organisation.get_kind_display(), []).append(
            (organisation_choice(organisation.pk), organisation.name)
        )
    return list(by_kind.items())


class DraftPreviewForms:
    """The forms of the preview page, bound together: header, groups, tasks, the task being
    added, units, targets and deadlines."""

    def __init__(
        self,
        preview: Preview,
        organisations: Sequence[Organisation],
        data: Any = None,
        *,
        url: str = "",
    ) -> None:
        group_choices: Choices = [
            (
                g["key"],
                f"{g['number']}. {shorten(g['title'], 60)}"
                if g["number"]
                else shorten(g["title"], 60),
            )
            for g in preview["groups"]
        ]
        task_kwargs = {"group_choices": group_choices}
        self.header = HeaderForm(
            data, prefix="plan", initial=HeaderForm.initial_from(preview["header"])
        )
        self.groups = GroupFormSet(data, prefix="groups", initial=preview["groups"])
        self.tasks = TaskFormSet(
            data,
            prefix="tasks",
            initial=[
                {**task, "lead": "\n".join(task["lead"]), "partners": "\n".join(task["partners"])}
                for task in preview["tasks"]
            ],
            form_kwargs=task_kwargs,
        )
        self.new_task = NewTaskForm(data, prefix="new", **task_kwargs)
        self.units = UnitFormSet(
            data,
            prefix="units",
            initial=preview["units"],
            units=preview["units"],
            organisation_choices=organisation_choices(organisations),
        )
        if url:  # choosing another organisation saves and redraws the preview (htmx)
            for form in self.units.forms:
                form.fields["choice"].widget.attrs.update({"hx-post": url, "hx-trigger": "change"})
        self.targets = TargetFormSet(data, prefix="targets", initial=preview["targets"])
        self.deadlines = DeadlineFormSet(data, prefix="deadlines", initial=preview["deadlines"])

    def is_valid(self) -> bool:
        results = [
            self.header.is_valid(),
            self.groups.is_valid(),
            self.tasks.is_valid(),
            self.new_task.is_valid(),
            self.units.is_valid(),
            self.targets.is_valid(),
            self.deadlines.is_valid(),
        ]
        return all(results)

    def add_error(self, error: ValidationError) -> None:
        self.header.add_error(None, error)

    def corrections(self, *, delete_task: str = "") -> DraftCorrections:
        tasks = [
            form.correction(form.cleaned_data["key"])
            for form in self.tasks.forms
            if form.cleaned_data["key"] != delete_task
        ]
        if self.new_task.is_filled():
            tasks.append(self.new_task.correction(""))
        return DraftCorrections(
            header=self.header.header(),
            groups=[
                PreviewGroup(
                    key=form.cleaned_data["key"],
                    number=form.cleaned_data["number"].strip(),
                    title=form.cleaned_data["title"].strip(),
                )
                for form in self.groups.forms
            ],
            tasks=tasks,
            units=[form.correction() for form in self.units.forms],
            targets=[
                form.target()
                for form in self.targets.forms
                if form.cleaned_data and not form.cleaned_data.get("DELETE")
            ],
            deadlines=[
                form.deadline()
                for form in self.deadlines.forms
                if not form.cleaned_data.get("DELETE")
            ],
        )
