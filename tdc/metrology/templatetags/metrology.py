from __future__ import annotations

import datetime as dt

from django import template
from django.utils.translation import gettext as _

from tdc.metrology.models import Instrument
from tdc.metrology.queries import SOON_DAYS

register = template.Library()


@register.filter
def due_state(instrument: Instrument, today: dt.date) -> str:
    """ "failed" (last verification failed: not fit for use until it passes again),
    "overdue", "soon", "ok" or "" (no periodic verification or not in use)."""
    if instrument.status != Instrument.Status.IN_USE:
        return ""
    if instrument.last_result == Instrument.Result.FAILED:
        return "failed"
    if instrument.next_due is None:
        return ""
    if instrument.next_due < today:
        return "overdue"
    if instrument.next_due <= today + dt.timedelta(days=SOON_DAYS):
        return "soon"
    return "ok"


@register.filter
def due_label(state: str) -> str:
    return {
        "failed": _("Không đạt — không được sử dụng"),
        "overdue": _("Quá hạn"),
        "soon": _("Sắp đến hạn"),
        "ok": _("Còn hạn"),
    }.get(state, "")
