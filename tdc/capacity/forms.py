"""Shapes and types of the capacity pages' input (business rules live in services)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from tdc.accounts.models import Organisation
from tdc.capacity.models import (
    AgencyQuality,
    Audience,
    Award,
    Course,
    Equipment,
    Event,
    MeasurementStandard,
    Programme,
    QualityAudit,
)

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _dates(form: forms.BaseForm, *names: str) -> None:
    for name in names:
        field = form.fields[name]
        field.widget = DATE
        if isinstance(field, forms.DateField):
            field.input_formats = ["%Y-%m-%d", "%d/%m/%Y"]


class OrganisationChoiceMixin:
    """Limits an organisation field to those the user may name (from the door)."""

    def limit(self, name: str, organisations: QuerySet[Organisation]) -> None:
        field = self.fields[name]  # type: ignore[attr-defined]
        field.queryset = organisations
        if organisations.count() == 1:
            field.initial = organisations.first()


class CourseForm(OrganisationChoiceMixin, forms.ModelForm[Course]):
    organiser = forms.ModelChoiceField(
        queryset=Organisation.objects.none(), label=_("Đơn vị tổ chức")
    )

    class Meta:
        model = Course
        fields = [
            "organiser",
            "kind",
            "title",
            "topic",
            "audience",
            "starts_on",
            "ends_on",
            "place",
            "institution",
            "certificate_months",
        ]

    def __init__(self, *args: Any, organisations: QuerySet[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.limit("organiser", organisations)
        _dates(self, "starts_on", "ends_on")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("starts_on"), data.get("ends_on")
        if start and end and end < start:
            self.add_error("ends_on", _("Ngày kết thúc không được trước ngày bắt đầu."))
        return data

    def _post_clean(self) -> None:
        # The service builds and validates the course (province from the organiser).
        pass


class SessionForm(forms.Form):
    held_on = forms.DateField(label=_("Ngày"))
    topic = forms.CharField(label=_("Nội dung"), max_length=300)
    place = forms.CharField(label=_("Địa điểm"), max_length=300, required=False)
    lecturer = forms.CharField(label=_("Giảng viên"), max_length=200, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _dates(self, "held_on")


class ParticipantForm(forms.Form):
    full_name = forms.CharField(label=_("Họ và tên"), max_length=200)
    organisation_name = forms.CharField(label=_("Cơ quan, đơn vị"), max_length=300, required=False)
    audience = forms.ChoiceField(label=_("Đối tượng"), choices=Audience.choices)
    position = forms.CharField(label=_("Chức vụ"), max_length=200, required=False)
    certificate_number = forms.CharField(label=_("Số chứng chỉ"), max_length=60, required=False)
    certificate_expires_on = forms.DateField(label=_("Chứng chỉ hết hạn"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _dates(self, "certificate_expires_on")


class AttendanceUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Danh sách học viên (.xlsx)"),
        help_text=_(
            "Cột bắt buộc: Họ và tên. Nên có: Cơ quan, đơn vị; Đối tượng; Chức vụ; Ngày tham "
            "dự; Số chứng chỉ. Tối đa 2 MB, 5.000 dòng."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx"}),
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(".xlsx"):
            raise forms.ValidationError(_("Hãy chọn tệp Excel có đuôi .xlsx."))
        return upload


class OfficialForm(OrganisationChoiceMixin, forms.Form):
    organisation = forms.ModelChoiceField(queryset=Organisation.objects.none(), label=_("Cơ quan"))
    full_name = forms.CharField(label=_("Họ và tên"), max_length=200)
    position = forms.CharField(label=_("Chức vụ"), max_length=200, required=False)
    is_inspector = forms.BooleanField(label=_("Làm công tác kiểm tra"), required=False)

    def __init__(self, *args: Any, organisations: QuerySet[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.limit("organisation", organisations)


class EventForm(OrganisationChoiceMixin, forms.Form):
    organiser = forms.ModelChoiceField(
        queryset=Organisation.objects.none(), label=_("Đơn vị tổ chức")
    )
    kind = forms.ChoiceField(
        label=_("Loại"), choices=[c for c in Event.Kind.choices if c[0] != Event.Kind.YEARLY_DAY]
    )
    title = forms.CharField(label=_("Tên sự kiện"), max_length=300)
    held_on = forms.DateField(label=_("Ngày tổ chức"))
    place = forms.CharField(label=_("Địa điểm"), max_length=300, required=False)
    summary = forms.CharField(label=_("Nội dung, kết quả"), widget=forms.Textarea, required=False)

    def __init__(self, *args: Any, organisations: QuerySet[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.limit("organiser", organisations)
        _dates(self, "held_on")


class EventSummaryForm(forms.Form):
    place = forms.CharField(label=_("Địa điểm"), max_length=300, required=False)
    summary = forms.CharField(label=_("Nội dung, kết quả"), widget=forms.Textarea, required=False)


class AttendanceCountsForm(forms.Form):
    """One number field per audience type."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for value, label in Audience.choices:
            self.fields[value] = forms.IntegerField(
                label=label, min_value=0, max_value=1_000_000, required=False
            )

    def counts(self) -> dict[str, int]:
        return {value: self.cleaned_data.get(value) or 0 for value in Audience.values}


class ReportLinkForm(forms.Form):
    report = forms.ChoiceField(label=_("Báo cáo của cơ quan"))

    def __init__(self, *args: Any, reports: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["report"]
        assert isinstance(field, forms.ChoiceField)  # noqa: S101  (declared above)
        field.choices = [(str(pk), label) for pk, label in reports]


class AwardForm(forms.Form):
    kind = forms.ChoiceField(label=_("Loại"), choices=Award.Kind.choices)
    title = forms.CharField(label=_("Hình thức khen thưởng"), max_length=300)
    decision_number = forms.CharField(label=_("Số quyết định"), max_length=60, required=False)
    decided_on = forms.DateField(label=_("Ngày quyết định"))
    recipient_organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.none(), label=_("Tổ chức được khen"), required=False
    )
    recipient_name = forms.CharField(label=_("Cá nhân được khen"), max_length=200, required=False)
    complaint_reference = forms.CharField(
        label=_("Số phản ánh (khen thưởng người phản ánh)"),
        max_length=30,
        required=False,
        help_text=_("Không ghi tên người phản ánh: danh tính của họ chỉ nằm trong hồ sơ phản ánh."),
    )
    amount = forms.DecimalField(
        label=_("Tiền thưởng (đồng)"), min_value=0, max_digits=14, decimal_places=0, required=False
    )
    reason = forms.CharField(label=_("Thành tích"), widget=forms.Textarea, required=False)

    def __init__(self, *args: Any, organisations: QuerySet[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["recipient_organisation"].queryset = organisations  # type: ignore[attr-defined]
        _dates(self, "decided_on")


class EquipmentForm(OrganisationChoiceMixin, forms.ModelForm[Equipment]):
    holder = forms.ModelChoiceField(queryset=Organisation.objects.none(), label=_("Đơn vị quản lý"))

    class Meta:
        model = Equipment
        fields = [
            "holder",
            "name",
            "category",
            "quantity",
            "cost",
            "funding",
            "bought_on",
            "serial_number",
            "status",
            "calibration_due_on",
        ]

    def __init__(self, *args: Any, organisations: QuerySet[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.limit("holder", organisations)
        _dates(self, "bought_on", "calibration_due_on")

    def _post_clean(self) -> None:
        pass


class StandardForm(OrganisationChoiceMixin, forms.ModelForm[MeasurementStandard]):
    holder = forms.ModelChoiceField(
        queryset=Organisation.objects.none(), label=_("Đơn vị giữ chuẩn"), required=False
    )
    traced_to = forms.ModelChoiceField(
        queryset=MeasurementStandard.objects.none(), label=_("Dẫn xuất từ chuẩn"), required=False
    )

    class Meta:
        model = MeasurementStandard
        fields = [
            "name",
            "quantity",
            "measuring_range",
            "accuracy",
            "level",
            "holder",
            "holder_name",
            "traced_to",
            "certificate_number",
            "calibrated_on",
            "calibration_due_on",
        ]

    def __init__(
        self,
        *args: Any,
        organisations: QuerySet[Organisation],
        standards: QuerySet[MeasurementStandard],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["holder"].queryset = organisations  # type: ignore[attr-defined]
        self.fields["traced_to"].queryset = standards  # type: ignore[attr-defined]
        _dates(self, "calibrated_on", "calibration_due_on")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("holder") and not data.get("holder_name"):
            self.add_error("holder_name", _("Hãy chọn đơn vị giữ chuẩn hoặc ghi nơi giữ chuẩn."))
        return data

    def _post_clean(self) -> None:
        pass


class QualityForm(forms.ModelForm[AgencyQuality]):
    class Meta:
        model = AgencyQuality
        fields = ["iso_status", "applied_on", "digital_status"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _dates(self, "applied_on")

    def _post_clean(self) -> None:
        pass


class QualityAuditForm(forms.ModelForm[QualityAudit]):
    """One audit, internal or external, added to the agency's history."""

    class Meta:
        model = QualityAudit
        fields = ["kind", "held_on", "auditor", "findings", "nonconformities"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _dates(self, "held_on")

    def _post_clean(self) -> None:
        pass


class ProgrammeForm(OrganisationChoiceMixin, forms.ModelForm[Programme]):
    owner = forms.ModelChoiceField(queryset=Organisation.objects.none(), label=_("Cơ quan chủ trì"))

    class Meta:
        model = Programme
        fields = ["owner", "name", "kind", "decision", "starts_on", "ends_on", "status", "budget"]

    def __init__(self, *args: Any, organisations: QuerySet[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.limit("owner", organisations)
        _dates(self, "starts_on", "ends_on")

    def _post_clean(self) -> None:
        pass


class ApplicationForm(forms.Form):
    business = forms.ModelChoiceField(queryset=Organisation.objects.none(), label=_("Doanh nghiệp"))
    subject = forms.CharField(label=_("Nội dung đề nghị hỗ trợ"), max_length=400)
    submitted_on = forms.DateField(label=_("Ngày nộp"))
    requested_amount = forms.DecimalField(
        label=_("Kinh phí đề nghị (đồng)"), min_value=1, max_digits=14, decimal_places=0
    )

    def __init__(self, *args: Any, businesses: QuerySet[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["business"].queryset = businesses  # type: ignore[attr-defined]
        _dates(self, "submitted_on")


class DecisionForm(forms.Form):
    approve = forms.TypedChoiceField(
        label=_("Quyết định"),
        choices=[("1", _("Hỗ trợ")), ("0", _("Không hỗ trợ"))],
        coerce=lambda v: v == "1",
    )
    decision_number = forms.CharField(label=_("Số quyết định"), max_length=60)
    decided_on = forms.DateField(label=_("Ngày quyết định"))
    granted_amount = forms.DecimalField(
        label=_("Kinh phí được hỗ trợ (đồng)"),
        min_value=0,
        max_digits=14,
        decimal_places=0,
        required=False,
    )
    result = forms.CharField(label=_("Kết quả"), widget=forms.Textarea, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _dates(self, "decided_on")


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Tìm"), required=False, max_length=200)
