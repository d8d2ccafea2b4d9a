"""Quality awards and commendations, including those of people whose reports uncovered
violations: such a commendation names the complaint, never the person."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tdc.core.models import TimeStampedModel


class Award(TimeStampedModel):
    """An award or commendation decided for an organisation, a person, or the (protected)
    reporter of a complaint."""

    class Kind(models.TextChoices):
        NATIONAL_QUALITY = "national_quality", _("Giải thưởng Chất lượng Quốc gia")
        PROVINCIAL_QUALITY = "provincial_quality", _("Giải thưởng chất lượng cấp tỉnh")
        COMMENDATION = "commendation", _("Khen thưởng tổ chức, cá nhân")
        REPORTER = "reporter", _("Khen thưởng người phản ánh, tố giác vi phạm")

    province = models.ForeignKey(
        "accounts.Province", on_delete=models.PROTECT, related_name="+", verbose_name=_("tỉnh")
    )
    kind = models.CharField(_("loại"), max_length=30, choices=Kind)
    title = models.CharField(_("hình thức khen thưởng"), max_length=300)
    decision_number = models.CharField(_("số quyết định"), max_length=60, blank=True)
    decided_on = models.DateField(_("ngày quyết định"))
    recipient_organisation = models.ForeignKey(
        "accounts.Organisation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("tổ chức được khen"),
    )
    recipient_name = models.CharField(_("cá nhân được khen"), max_length=200, blank=True)
    # The reporter of this complaint is commended; who they are stays in the complaints app.
    complaint = models.ForeignKey(
        "complaints.Complaint",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("phản ánh"),
    )
    amount = models.DecimalField(
        _("tiền thưởng (đồng)"), max_digits=14, decimal_places=0, null=True, blank=True
    )
    reason = models.TextField(_("thành tích"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-decided_on", "-id"]
        verbose_name = _("khen thưởng")
        verbose_name_plural = _("khen thưởng")
        constraints = [
            # A reporter's commendation carries the complaint and no name, ever.
            models.CheckConstraint(
                condition=~Q(kind="reporter") | (Q(complaint__isnull=False) & Q(recipient_name="")),
                name="award_reporter_named_by_complaint_only",
            ),
        ]

    def __str__(self) -> str:
        return self.title
