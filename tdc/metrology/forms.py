"""Forms of the register: shape and types only; rules live in services."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import PurePath
from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from tdc.accounts.models import Commune, Organisation
from tdc.core.text import clean_text
from tdc.core.uploads import UploadLimits, check_upload, megabytes
from tdc.metrology.models import Instrument, InstrumentType, Verification, VerificationForm
from tdc.metrology.queries import verification_bodies

DATE_INPUTS = ["%d/%m/%Y", "%Y-%m-%d"]


class InstrumentForm(forms.Form):
    owner = forms.ModelChoiceField(
        label=_("Chủ sở hữu"), queryset=Organisation.objects.none(), empty_label=None
    )
    type = forms.ModelChoiceField(
        label=_("Loại phương tiện đo"), queryset=InstrumentType.objects.none()
    )
    serial = forms.CharField(label=_("Số sản xuất"), max_length=100)
    manufacturer = forms.CharField(label=_("Nhà sản xuất"), max_length=200, required=False)
    model = forms.CharField(label=_("Kiểu, ký hiệu"), max_length=100, required=False)
    measuring_range = forms.CharField(label=_("Phạm vi đo"), max_length=100, required=False)
    accuracy_class = forms.CharField(label=_("Cấp chính xác"), max_length=40, required=False)
    commune = forms.ModelChoiceField(label=_("Xã, phường"), queryset=Commune.objects.none())
    address = forms.CharField(label=_("Địa chỉ lắp đặt"), max_length=300, required=False)
    status = forms.ChoiceField(
        label=_("Trạng thái"), choices=Instrument.Status.choices, initial=Instrument.Status.IN_USE
    )

    def __init__(
        self,
        *args: Any,
        owners: list[Organisation],
        communes: QuerySet[Commune],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        owner_field: Any = self.fields["owner"]
        owner_field.queryset = Organisation.objects.filter(pk__in=[o.pk for o in owners]).order_by(
            "name"
        )
        type_field: Any = self.fields["type"]
        type_field.queryset = InstrumentType.objects.filter(is_active=True).order_by("name")
        commune_field: Any = self.fields["commune"]
        commune_field.queryset = communes


class VerificationRecordForm(forms.Form):
    verified_on = forms.DateField(label=_("Ngày kiểm định"), input_formats=DATE_INPUTS)
    form = forms.ChoiceField(
        label=_("Hình thức"), choices=VerificationForm.choices, initial=VerificationForm.PERIODIC
    )
    verifier = forms.ModelChoiceField(
        label=_("Tổ chức kiểm định"),
        queryset=verification_bodies(),
    )
    result = forms.ChoiceField(label=_("Kết quả"), choices=Verification.Result.choices)
    stamp_number = forms.CharField(label=_("Số tem kiểm định"), max_length=40, required=False)
    certificate_number = forms.CharField(
        label=_("Số giấy chứng nhận"), max_length=60, required=False
    )


class InstrumentFilterForm(forms.Form):
    DUE_CHOICES = [
        ("", _("Tất cả")),
        ("overdue", _("Quá hạn kiểm định")),
        ("soon", _("Sắp đến hạn (30 ngày)")),
        ("failed", _("Không đạt, không được sử dụng")),
    ]

    due = forms.ChoiceField(label=_("Hạn kiểm định"), choices=DUE_CHOICES, required=False)
    commune = forms.ModelChoiceField(
        label=_("Xã, phường"),
        queryset=Commune.objects.none(),
        required=False,
        empty_label=_("Mọi xã, phường"),
    )
    owner = forms.ModelChoiceField(
        label=_("Chủ sở hữu"),
        queryset=Organisation.objects.none(),
        required=False,
        empty_label=_("Mọi chủ sở hữu"),
    )
    type = forms.ModelChoiceField(
        label=_("Loại"),
        queryset=InstrumentType.objects.order_by("name"),
        required=False,
        empty_label=_("Mọi loại"),
    )
    status = forms.ChoiceField(
        label=_("Trạng thái"),
        choices=[("", _("Mọi trạng thái")), *Instrument.Status.choices],
        required=False,
    )
    serial = forms.CharField(label=_("Số sản xuất"), max_length=100, required=False)

    def __init__(
        self, *args: Any, province_id: int | None, owners: list[Organisation], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        communes = Commune.objects.order_by("name")
        communes = communes.filter(province_id=province_id) if province_id else communes.none()
        commune_field: Any = self.fields["commune"]
        commune_field.queryset = communes
        owner_field: Any = self.fields["owner"]
        owner_field.queryset = Organisation.objects.filter(pk__in=[o.pk for o in owners]).order_by(
            "name"
        )

    def filters(self) -> dict[str, Any]:
        if not self.is_valid():
            return {}
        data = self.cleaned_data
        return {
            "due": data.get("due") or "",
            "commune_id": data["commune"].pk if data.get("commune") else None,
            "owner_id": data["owner"].pk if data.get("owner") else None,
            "type_id": data["type"].pk if data.get("type") else None,
            "status": data.get("status") or "",
            "serial": data.get("serial") or "",
        }


class ImportForm(forms.Form):
    file = forms.FileField(label=_("Tệp CSV hoặc XLSX"))

    def __init__(self, *args: Any, limits: Mapping[str, UploadLimits], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.limits = limits
        largest = max(limit.max_bytes for limit in limits.values())
        self.fields["file"].help_text = _(
            "Dòng đầu là tên cột, như trong tệp mẫu. Tối đa %(limit)s."
        ) % {"limit": megabytes(largest)}

    def clean_file(self) -> UploadedFile[bytes]:
        """The stated limits, before the file is stored (the worker checks them again)."""
        upload: UploadedFile[bytes] = self.cleaned_data["file"]
        suffix = PurePath(upload.name or "").suffix.lower().lstrip(".")
        limits = self.limits.get(suffix)
        if limits is not None:
            check_upload(upload, limits)
        return upload


class StampLookupForm(forms.Form):
    so = forms.CharField(
        label=_("Số tem kiểm định"),
        max_length=40,
        error_messages={"required": _("Hãy nhập số in trên tem.")},
    )


class TypeCorrectionForm(forms.Form):
    """A corrected rule for one type of the Group 2 list, published with its reason."""

    cycle_months = forms.IntegerField(
        label=_("Chu kỳ kiểm định (tháng)"),
        min_value=1,
        max_value=240,
        required=False,
        help_text=_("Để trống nếu chỉ kiểm định ban đầu."),
    )
    verification_forms = forms.MultipleChoiceField(
        label=_("Hình thức kiểm định"),
        choices=VerificationForm.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    legal_source = forms.CharField(
        label=_("Căn cứ pháp lý"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )
    cycle_confirmed = forms.BooleanField(
        label=_("Đã đối chiếu chu kỳ với văn bản hiện hành"), required=False
    )
    valid_from = forms.DateField(label=_("Áp dụng từ ngày"))
    reason = forms.CharField(
        label=_("Lý do sửa đổi"),
        widget=forms.Textarea(attrs={"rows": 3}),
        min_length=10,
        max_length=2000,
        error_messages={"min_length": _("Hãy ghi lý do sửa đổi (ít nhất %(limit_value)d ký tự).")},
    )

    def rule(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "cycle_months": data["cycle_months"],
            "forms": ";".join(data["verification_forms"]),
            "legal_source": clean_text(data["legal_source"]).strip(),
            "cycle_confirmed": data["cycle_confirmed"],
        }
