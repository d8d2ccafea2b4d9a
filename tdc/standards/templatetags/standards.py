"""The comment-deadline countdown, in words."""

from __future__ import annotations

import datetime as dt

from django import template
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

register = template.Library()


@register.filter
def countdown(deadline: dt.date | None, today: dt.date) -> str:
    """ "Còn 12 ngày" / "Hạn cuối hôm nay" / "Hết hạn góp ý" / "—"."""
    if deadline is None:
        return "—"
    days = (deadline - today).days
    if days < 0:
        return _("Hết hạn góp ý")
    if days == 0:
        return _("Hạn cuối hôm nay")
    return ngettext("Còn %(n)s ngày", "Còn %(n)s ngày", days) % {"n": days}
