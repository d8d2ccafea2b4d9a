"""What several registers share: who takes part (the audience types of the seeds' targets)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Audience(models.TextChoices):
    """Who a course or an event is for, and who took part."""

    OFFICIALS = "officials", _("Cán bộ, công chức, viên chức")
    COMMUNE = "commune", _("Cán bộ cấp xã")
    BUSINESSES = "businesses", _("Doanh nghiệp, hộ kinh doanh")
    POLICE = "police", _("Công an")
    MILITARY = "military", _("Quân đội")
    TEACHERS = "teachers", _("Giáo viên")
    STUDENTS = "students", _("Học sinh, sinh viên")
    OTHER = "other", _("Đối tượng khác")
