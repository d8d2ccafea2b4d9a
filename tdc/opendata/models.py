"""The published snapshot of each open dataset: what the last regeneration wrote."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class PublishedDataset(models.Model):
    key = models.SlugField(max_length=100, unique=True)
    csv = models.BinaryField()
    json = models.BinaryField()
    row_count = models.PositiveIntegerField(default=0)
    generated_at = models.DateTimeField(_("cập nhật lúc"))

    class Meta:
        ordering = ["key"]
        verbose_name = _("bộ dữ liệu mở")
        verbose_name_plural = _("bộ dữ liệu mở")

    def __str__(self) -> str:
        return self.key
