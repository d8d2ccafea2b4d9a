"""Forms of traceability: shape and types only; rules live in services."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tdc.core.uploads import MB, UploadLimits, check_upload
from tdc.traceability.models import Place, Product
from tdc.traceability.services.producers import STEPS

IMAGE_LIMITS = UploadLimits(max_bytes=2 * MB)
XLSX_LIMITS = UploadLimits(max_bytes=5 * MB, zip_based=True)
UNITS = [
    ("KGM", _("kg")),
    ("TNE", _("tấn")),
    ("GRM", _("g")),
    ("LTR", _("lít")),
    ("H87", _("sản phẩm (cái, quả)")),
    ("XBX", _("hộp")),
]


class CommaDecimalField(forms.DecimalField):
    """A number written the Vietnamese way (decimal comma: 120,5) or with a point."""

    def to_python(self, value: Any) -> Any:
        if isinstance(value, str):
            value = value.strip().replace(" ", "").replace(",", ".")
        return super().to_python(value)


class ProductForm(forms.Form):
    gtin = forms.CharField(
        label=_("Mã GTIN (mã số mã vạch)"),
        max_length=14,
        help_text=_("8, 12, 13 hoặc 14 chữ số in dưới mã vạch, ví dụ 8934588063060."),
    )
    name = forms.CharField(label=_("Tên sản phẩm"), max_length=200)
    brand = forms.CharField(label=_("Nhãn hiệu"), max_length=120, required=False)
    category = forms.CharField(label=_("Nhóm sản phẩm"), max_length=120, required=False)
    description = forms.CharField(
        label=_("Mô tả"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    image = forms.ImageField(label=_("Ảnh sản phẩm"), required=False, help_text=_("Tối đa 2 MB."))
    published = forms.BooleanField(
        label=_("Công khai trên trang tra cứu"), required=False, initial=True
    )

    def clean_image(self) -> Any:
        image = self.cleaned_data.get("image")
        if image:
            check_upload(image, IMAGE_LIMITS)
        return image


class ProductEditForm(ProductForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        del self.fields["gtin"]


class PlaceForm(forms.Form):
    code = forms.SlugField(
        label=_("Mã địa điểm"),
        max_length=40,
        help_text=_("Chữ thường không dấu, chữ số và dấu gạch ngang, ví dụ vuon-1, san-phoi."),
    )
    name = forms.CharField(label=_("Tên địa điểm"), max_length=200)
    address = forms.CharField(label=_("Địa chỉ"), max_length=300, required=False)
    gln = forms.CharField(
        label=_("Mã GLN (nếu có)"),
        max_length=13,
        required=False,
        help_text=_("Để trống nếu địa điểm chưa có mã GLN: hệ thống tự cấp mã riêng."),
    )


class StepForm(forms.Form):
    step = forms.ChoiceField(
        label=_("Công đoạn"),
        choices=[(key, kind.label) for key, kind in STEPS.items()],
        widget=forms.RadioSelect,
    )
    product = forms.ModelChoiceField(label=_("Sản phẩm"), queryset=Product.objects.none())
    lot_number = forms.CharField(
        label=_("Số lô"), max_length=20, help_text=_("Ví dụ L2611; lô mới được tạo khi thu hoạch.")
    )
    place = forms.ModelChoiceField(label=_("Địa điểm"), queryset=Place.objects.none())
    when = forms.DateTimeField(
        label=_("Thời điểm"),
        input_formats=["%Y-%m-%dT%H:%M", "%d/%m/%Y %H:%M"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    quantity = CommaDecimalField(
        label=_("Số lượng"),
        required=False,
        min_value=0,
        max_digits=14,
        decimal_places=3,
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
        help_text=_("Ví dụ 1200 hoặc 1150,5."),
    )
    unit = forms.ChoiceField(label=_("Đơn vị"), choices=UNITS, initial="KGM")

    def __init__(
        self, *args: Any, products: QuerySet[Product], places: QuerySet[Place], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        product_field: Any = self.fields["product"]
        product_field.queryset = products
        place_field: Any = self.fields["place"]
        place_field.queryset = places
        self.fields["when"].initial = timezone.localtime().replace(second=0, microsecond=0)

    def clean_when(self) -> Any:
        when = self.cleaned_data["when"]
        if when > timezone.now() + dt.timedelta(minutes=5):
            raise forms.ValidationError(_("Thời điểm không được ở tương lai."))
        return when


class LotImportForm(forms.Form):
    file = forms.FileField(label=_("Tệp XLSX"), help_text=_("Tối đa 5 MB, theo tệp mẫu."))

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(".xlsx"):
            raise forms.ValidationError(_("Chỉ nhận tệp .xlsx."))
        check_upload(upload, XLSX_LIMITS)
        return upload
