"""Forms of market surveillance: shape and types only; the rules live in services."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from tdc.accounts.models import Commune
from tdc.surveillance.models import (
    Criterion,
    Establishment,
    Inspection,
    Product,
    ProductCategory,
    Sample,
)
from tdc.surveillance.uploads import PHOTO_ACCEPT

DATE_INPUTS = ["%d/%m/%Y", "%Y-%m-%d"]


def _photo(label: Any, *, required: bool = False) -> forms.FileField:
    """A photo field: the browser offers images; the service checks the content itself."""
    return forms.FileField(
        label=label,
        required=required,
        widget=forms.FileInput(attrs={"accept": PHOTO_ACCEPT}),
        help_text=_("Ảnh JPEG, PNG hoặc WebP, tối đa 8 MB; thông tin vị trí (GPS) được xóa."),
    )


def _date(label: Any, *, required: bool = True) -> forms.DateField:
    return forms.DateField(
        label=label,
        input_formats=DATE_INPUTS,
        required=required,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )


class ProductForm(forms.Form):
    name = forms.CharField(label=_("Tên sản phẩm"), max_length=300)
    brand = forms.CharField(label=_("Nhãn hiệu"), max_length=200, required=False)
    model = forms.CharField(label=_("Kiểu, mẫu"), max_length=200, required=False)
    gtin = forms.CharField(
        label=_("Mã GTIN (mã vạch)"),
        max_length=20,
        required=False,
        help_text=_("8, 12, 13 hoặc 14 chữ số; số kiểm tra được đối chiếu."),
    )
    category = forms.ModelChoiceField(
        label=_("Nhóm sản phẩm"), queryset=ProductCategory.objects.all()
    )
    hs_code = forms.CharField(label=_("Mã HS"), max_length=12, required=False)
    manufacturer = forms.CharField(label=_("Nhà sản xuất"), max_length=300, required=False)
    importer = forms.CharField(label=_("Nhà nhập khẩu"), max_length=300, required=False)
    risk_class = forms.ChoiceField(
        label=_("Nhóm rủi ro"), choices=Product.RiskClass.choices, initial=Product.RiskClass.MEDIUM
    )
    photo = _photo(_("Ảnh sản phẩm"))


class PhotoForm(forms.Form):
    photo = _photo(_("Ảnh"), required=True)


class EstablishmentFields(forms.Form):
    channels = forms.MultipleChoiceField(
        label=_("Kênh bán hàng"),
        choices=Establishment.Channel.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    volume = forms.ChoiceField(label=_("Quy mô"), choices=Establishment.Volume.choices)
    categories = forms.ModelMultipleChoiceField(
        label=_("Nhóm hàng kinh doanh"),
        queryset=ProductCategory.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )


class EstablishmentForm(EstablishmentFields):
    name = forms.CharField(label=_("Tên cơ sở"), max_length=300)
    tax_code = forms.CharField(label=_("Mã số thuế"), max_length=20, required=False)
    address = forms.CharField(label=_("Địa chỉ"), max_length=300, required=False)
    commune = forms.ModelChoiceField(
        label=_("Xã, phường"), queryset=Commune.objects.none(), required=False
    )
    allow_similar_name = forms.BooleanField(
        label=_("Tôi đã kiểm tra: đây là một cơ sở khác, trùng tên"), required=False
    )
    field_order = ["name", "tax_code", "address", "commune", "channels", "volume", "categories"]

    def __init__(self, *args: Any, communes: QuerySet[Commune], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        commune_field: Any = self.fields["commune"]
        commune_field.queryset = communes


class EstablishmentEditForm(EstablishmentFields):
    address = forms.CharField(label=_("Địa chỉ"), max_length=300, required=False)
    international_warning_matches = forms.IntegerField(
        label=_("Số cảnh báo trong nước, quốc tế trùng khớp"), min_value=0, max_value=50, initial=0
    )


class TestingBodyForm(forms.Form):
    name = forms.CharField(label=_("Tên tổ chức thử nghiệm"), max_length=300)
    short_name = forms.CharField(label=_("Tên viết tắt"), max_length=100, required=False)
    tax_code = forms.CharField(label=_("Mã số thuế"), max_length=20, required=False)
    address = forms.CharField(label=_("Địa chỉ"), max_length=300, required=False)
    commune = forms.ModelChoiceField(
        label=_("Xã, phường"), queryset=Commune.objects.none(), required=False
    )
    phone = forms.CharField(label=_("Điện thoại"), max_length=30, required=False)
    email = forms.EmailField(
        label=_("Thư điện tử"),
        required=False,
        error_messages={"invalid": _("Địa chỉ thư điện tử không hợp lệ.")},
    )

    def __init__(self, *args: Any, communes: QuerySet[Commune], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        commune_field: Any = self.fields["commune"]
        commune_field.queryset = communes


class ProgrammeForm(forms.Form):
    year = forms.IntegerField(label=_("Năm"), min_value=2000, max_value=2100)
    title = forms.CharField(label=_("Tên chương trình"), max_length=300)
    categories = forms.ModelMultipleChoiceField(
        label=_("Nhóm sản phẩm"),
        queryset=ProductCategory.objects.all(),
        widget=forms.CheckboxSelectMultiple,
    )
    planned_samples = forms.IntegerField(
        label=_("Số mẫu dự kiến"), min_value=1, max_value=10000, initial=20
    )
    area = forms.CharField(label=_("Địa bàn"), max_length=300, required=False)
    executor = forms.CharField(label=_("Đơn vị thực hiện"), max_length=300, required=False)


class SampleForm(forms.Form):
    """A sample; the seller is picked, or created on the fly (name, tax code)."""

    code = forms.CharField(label=_("Mã mẫu"), max_length=40)
    product = forms.ModelChoiceField(label=_("Sản phẩm"), queryset=Product.objects.none())
    establishment = forms.ModelChoiceField(
        label=_("Cơ sở bán (đã có)"), queryset=Establishment.objects.none(), required=False
    )
    new_establishment = forms.CharField(
        label=_("… hoặc tên cơ sở mới"), max_length=300, required=False
    )
    new_tax_code = forms.CharField(label=_("Mã số thuế cơ sở mới"), max_length=20, required=False)
    new_address = forms.CharField(label=_("Địa chỉ cơ sở mới"), max_length=300, required=False)
    allow_similar_name = forms.BooleanField(
        label=_("Tôi đã kiểm tra: đây là một cơ sở khác, trùng tên"), required=False
    )
    sampled_on = _date(_("Ngày lấy mẫu"))
    place = forms.CharField(label=_("Địa điểm lấy mẫu"), max_length=300, required=False)
    price = forms.DecimalField(
        label=_("Giá mua (đồng)"),
        min_value=Decimal(0),
        max_digits=14,
        decimal_places=0,
        required=False,
    )
    lot = forms.CharField(label=_("Số lô"), max_length=100, required=False)
    lab = forms.CharField(label=_("Tổ chức thử nghiệm"), max_length=300, required=False)
    photo = _photo(_("Ảnh mẫu"))

    def __init__(
        self,
        *args: Any,
        products: QuerySet[Product],
        establishments: QuerySet[Establishment],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        product_field: Any = self.fields["product"]
        product_field.queryset = products
        establishment_field: Any = self.fields["establishment"]
        establishment_field.queryset = establishments

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("establishment") and not (data.get("new_establishment") or "").strip():
            self.add_error("establishment", _("Chọn cơ sở bán, hoặc nhập tên cơ sở mới."))
        return data


class ResultForm(forms.Form):
    criterion = forms.ModelChoiceField(label=_("Chỉ tiêu"), queryset=Criterion.objects.none())
    measured = forms.CharField(
        label=_("Kết quả"),
        max_length=40,
        help_text=_("Như trên phiếu: 0,12 · <0,01 · KPH (không phát hiện)."),
    )
    unit = forms.CharField(label=_("Đơn vị"), max_length=30)
    uncertainty = forms.CharField(label=_("Độ không đảm bảo đo"), max_length=40, required=False)
    method = forms.CharField(label=_("Phương pháp thử"), max_length=200, required=False)

    def __init__(self, *args: Any, sample: Sample, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        criterion_field: Any = self.fields["criterion"]
        criterion_field.queryset = Criterion.objects.filter(category_id=sample.product.category_id)


class UploadForm(forms.Form):
    file = forms.FileField(label=_("Tệp"))


class AssessmentForm(forms.Form):
    hazard = forms.CharField(label=_("Mối nguy"), max_length=300)
    severity = forms.TypedChoiceField(
        label=_("Mức độ nghiêm trọng của thương tích"),
        coerce=int,
        choices=[
            (1, _("1 — nhẹ, hồi phục hoàn toàn")),
            (2, _("2 — cần điều trị, hồi phục")),
            (3, _("3 — nặng, có thể để lại di chứng")),
            (4, _("4 — rất nặng, tử vong hoặc tàn tật vĩnh viễn")),
        ],
    )
    steps = forms.CharField(
        label=_("Các bước của kịch bản (mỗi dòng: mô tả | xác suất)"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Ví dụ: Trẻ ngậm đồ chơi có lớp sơn chứa chì | 1/10"),
        max_length=4000,
    )


class WarningForm(forms.Form):
    title = forms.CharField(label=_("Tiêu đề"), max_length=300, required=False)
    hazard = forms.CharField(
        label=_("Nội dung cảnh báo"), widget=forms.Textarea(attrs={"rows": 4}), max_length=4000
    )
    measures = forms.CharField(
        label=_("Biện pháp đã áp dụng"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=4000,
        required=False,
    )


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Lý do"), max_length=500, required=False)


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Tên, nhãn hiệu hoặc mã vạch"), max_length=100, required=False)


class GtinForm(forms.Form):
    gtin = forms.CharField(label=_("Mã vạch (GTIN)"), max_length=20)


class PlanForm(forms.Form):
    year = forms.IntegerField(label=_("Năm"), min_value=2000, max_value=2100)
    budget = forms.IntegerField(label=_("Số cuộc kiểm tra"), min_value=1, max_value=100000)
    random_share = forms.TypedChoiceField(
        label=_("Tỷ lệ chọn ngẫu nhiên trong hạng C/D"),
        coerce=Decimal,
        choices=[("0.10", "10 %"), ("0.15", "15 %"), ("0.20", "20 %")],
        initial="0.15",
    )
    seed = forms.IntegerField(
        label=_("Hạt giống ngẫu nhiên (để trống: hệ thống tạo)"),
        min_value=0,
        max_value=2**62,
        required=False,
    )


class PlanAddForm(ReasonForm):
    establishment = forms.ModelChoiceField(label=_("Cơ sở"), queryset=Establishment.objects.none())

    def __init__(self, *args: Any, establishments: QuerySet[Establishment], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["establishment"]
        field.queryset = establishments


class InspectionForm(forms.Form):
    establishment = forms.ModelChoiceField(label=_("Cơ sở"), queryset=Establishment.objects.none())
    kind = forms.ChoiceField(label=_("Loại"), choices=Inspection.Kind.choices)
    inspected_on = _date(_("Ngày kiểm tra"))
    team = forms.CharField(
        label=_("Đoàn kiểm tra (trưởng đoàn, thành viên)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
    )

    def __init__(self, *args: Any, establishments: QuerySet[Establishment], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["establishment"]
        field.queryset = establishments


class InspectionResultForm(forms.Form):
    checked_labels = forms.BooleanField(label=_("Đã kiểm tra nhãn hàng hóa"), required=False)
    checked_marks = forms.BooleanField(
        label=_("Đã kiểm tra dấu hợp chuẩn, hợp quy"), required=False
    )
    instruments = forms.TypedMultipleChoiceField(
        label=_("Phương tiện đo đã kiểm tra (từ sổ đăng ký)"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    samples = forms.ModelMultipleChoiceField(
        label=_("Mẫu đã lấy"),
        queryset=Sample.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    findings = forms.CharField(
        label=_("Kết quả kiểm tra"), widget=forms.Textarea(attrs={"rows": 4}), max_length=8000
    )
    corrective_measures = forms.CharField(
        label=_("Biện pháp khắc phục"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=4000,
        required=False,
    )
    follow_up_on = _date(_("Ngày kiểm tra lại"), required=False)

    def __init__(
        self,
        *args: Any,
        instruments: list[dict[str, Any]],
        samples: QuerySet[Sample],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["instruments"]
        field.choices = [(i["id"], f"{i['label']} (tem {i['stamp'] or '—'})") for i in instruments]
        sample_field: Any = self.fields["samples"]
        sample_field.queryset = samples


class ViolationForm(forms.Form):
    description = forms.CharField(
        label=_("Hành vi vi phạm"), widget=forms.Textarea(attrs={"rows": 2}), max_length=4000
    )
    legal_basis = forms.CharField(
        label=_("Căn cứ pháp lý"),
        max_length=300,
        help_text=_("Ví dụ: Khoản 2 Điều 21 Nghị định 119/2017/NĐ-CP"),
    )
    fine_amount = forms.DecimalField(
        label=_("Số tiền phạt (đồng)"),
        min_value=Decimal(1),
        max_digits=14,
        decimal_places=0,
        required=False,
    )
    decision_number = forms.CharField(
        label=_("Số quyết định xử phạt"), max_length=60, required=False
    )


class PriorityForm(forms.Form):
    year = forms.IntegerField(label=_("Năm"), min_value=2000, max_value=2100)
    top = forms.IntegerField(
        label=_("Số nhóm ưu tiên cao nhất"), min_value=1, max_value=50, initial=3
    )
    extra_random = forms.IntegerField(
        label=_("Số nhóm chọn ngẫu nhiên thêm"), min_value=0, max_value=10, initial=1
    )
    seed = forms.IntegerField(label=_("Hạt giống ngẫu nhiên"), min_value=0, max_value=2**62)
    categories = forms.ModelMultipleChoiceField(
        label=_("Nhóm được chọn"),
        queryset=ProductCategory.objects.all(),
        widget=forms.CheckboxSelectMultiple,
    )
    reason = forms.CharField(label=_("Lý do sửa đề xuất"), max_length=500, required=False)
    planned_samples = forms.IntegerField(
        label=_("Số mẫu dự kiến"), min_value=1, max_value=10000, initial=20
    )
