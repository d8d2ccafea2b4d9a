"""Products, their categories, and the establishments that make or sell them."""

from __future__ import annotations

from decimal import Decimal

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from tdc.core.models import TimeStampedModel


class RiskLevel(models.TextChoices):
    """The EU method's four levels (Commission Implementing Decision (EU) 2019/417)."""

    SERIOUS = "serious", _("Nghiêm trọng")
    HIGH = "high", _("Cao")
    MEDIUM = "medium", _("Trung bình")
    LOW = "low", _("Thấp")


class ProductCategory(models.Model):
    """A TĐC product category with its weights for next year's survey priorities."""

    code = models.SlugField(_("mã"), max_length=40, unique=True)
    name = models.CharField(_("tên"), max_length=200)
    hs_prefix = models.CharField(_("mã HS (đầu)"), max_length=10, blank=True)
    severity_weight = models.DecimalField(
        _("trọng số mức nghiêm trọng"), max_digits=4, decimal_places=2, default=Decimal("1")
    )
    exposure = models.DecimalField(
        _("hệ số phơi nhiễm"), max_digits=4, decimal_places=2, default=Decimal("1")
    )

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Product(TimeStampedModel):
    """A product on the market, identified by its GTIN when it has one."""

    class RiskClass(models.TextChoices):
        LOW = "low", _("Nhóm rủi ro thấp")
        MEDIUM = "medium", _("Nhóm rủi ro trung bình")
        HIGH = "high", _("Nhóm rủi ro cao")

    province = models.ForeignKey(
        "accounts.Province", on_delete=models.PROTECT, related_name="surveillance_products"
    )
    name = models.CharField(_("tên sản phẩm"), max_length=300)
    brand = models.CharField(_("nhãn hiệu"), max_length=200, blank=True)
    model = models.CharField(_("kiểu, mẫu"), max_length=200, blank=True)
    gtin = models.CharField(_("mã GTIN"), max_length=14, blank=True, db_index=True)
    hs_code = models.CharField(_("mã HS"), max_length=12, blank=True)
    category = models.ForeignKey(
        ProductCategory, on_delete=models.PROTECT, related_name="products", verbose_name=_("nhóm")
    )
    manufacturer = models.CharField(_("nhà sản xuất"), max_length=300, blank=True)
    importer = models.CharField(_("nhà nhập khẩu"), max_length=300, blank=True)
    risk_class = models.CharField(
        _("nhóm rủi ro"), max_length=10, choices=RiskClass, default=RiskClass.MEDIUM
    )
    photo = models.ImageField(_("ảnh"), upload_to="surveillance/products/", blank=True)
    search_key = models.CharField(max_length=800, editable=False, db_index=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["province", "gtin"],
                condition=~Q(gtin=""),
                name="surveillance_product_gtin_unique_in_province",
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.brand})" if self.brand else self.name

    def get_absolute_url(self) -> str:
        return reverse("surveillance:product_detail", args=[self.pk])


class Establishment(TimeStampedModel):
    """A place that makes or sells goods: a business organisation, with its reach and score."""

    class Channel(models.TextChoices):
        STALL = "stall", _("Sạp chợ")
        SHOP = "shop", _("Cửa hàng")
        SUPERMARKET = "supermarket", _("Siêu thị")
        WHOLESALE = "wholesale", _("Bán buôn")
        ONLINE = "online", _("Bán trực tuyến")
        MULTI_PROVINCE = "multi_province", _("Phân phối nhiều tỉnh")

    class Volume(models.TextChoices):
        SMALL = "small", _("Nhỏ")
        MEDIUM = "medium", _("Vừa")
        LARGE = "large", _("Lớn")

    class Category(models.TextChoices):
        A = "A", _("A — rủi ro rất cao")
        B = "B", _("B — rủi ro cao")
        C = "C", _("C — rủi ro trung bình")
        D = "D", _("D — rủi ro thấp")

    organisation = models.OneToOneField(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="establishment"
    )
    province = models.ForeignKey(
        "accounts.Province", on_delete=models.PROTECT, related_name="establishments"
    )
    commune = models.ForeignKey(
        "accounts.Commune",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="establishments",
        verbose_name=_("xã, phường"),
    )
    address = models.CharField(_("địa chỉ"), max_length=300, blank=True)
    channels = models.JSONField(_("kênh bán hàng"), default=list, blank=True)
    volume = models.CharField(_("quy mô"), max_length=10, choices=Volume, default=Volume.SMALL)
    categories = models.ManyToManyField(
        ProductCategory, blank=True, related_name="establishments", verbose_name=_("nhóm hàng")
    )
    international_warning_matches = models.PositiveSmallIntegerField(
        _("số cảnh báo trong nước, quốc tế trùng khớp"), default=0
    )
    # The latest score (see services/scoring.py) and the inputs it was computed from, which
    # `rules.score` turns back into its terms and their explanations.
    score = models.PositiveSmallIntegerField(_("điểm rủi ro"), null=True, blank=True)
    risk_category = models.CharField(
        _("hạng rủi ro"), max_length=1, choices=Category, blank=True, db_index=True
    )
    score_inputs = models.JSONField(default=dict, blank=True, editable=False)
    triggers = models.JSONField(default=list, blank=True, editable=False)
    scored_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["organisation__name"]

    def __str__(self) -> str:
        return self.organisation.name

    def get_absolute_url(self) -> str:
        return reverse("surveillance:establishment_detail", args=[self.pk])
