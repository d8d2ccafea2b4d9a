"""Due-date reminders to owners: one digest per owner, never twice for the same due date."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from tdc.accounts.models import Organisation
from tdc.core.audit import record
from tdc.metrology.models import Instrument

REMIND_DAYS = 30


def _recipients(owner: Organisation) -> list[str]:
    emails = [owner.email] if owner.email else []
    emails += list(
        owner.users.filter(is_active=True)
        .exclude(email="")
        .order_by("username")
        .values_list("email", flat=True)
    )
    return list(dict.fromkeys(emails))


def send_due_reminders(*, today: dt.date | None = None, days: int = REMIND_DAYS) -> int:
    """E-mail each owner the in-use instruments falling due within `days`; return the number
    of digests sent. An instrument is marked with the due date it was reminded of, so a second
    run sends nothing until a new verification moves the due date."""
    today = today or timezone.localdate()
    pending = (
        Instrument.objects.filter(
            status=Instrument.Status.IN_USE,
            next_due__gte=today,
            next_due__lte=today + dt.timedelta(days=days),
        )
        .filter(Q(reminder_sent_for__isnull=True) | ~Q(reminder_sent_for=F("next_due")))
        .values_list("owner_id", "pk")
    )
    by_owner: dict[int, list[int]] = defaultdict(list)
    for owner_id, pk in pending:
        by_owner[owner_id].append(pk)
    sent = 0
    for owner in Organisation.objects.filter(pk__in=by_owner).order_by("pk"):
        recipients = _recipients(owner)
        if not recipients:
            continue
        sent += _send_digest(owner, by_owner[owner.pk], recipients)
    return sent


@transaction.atomic
def _send_digest(owner: Organisation, ids: list[int], recipients: list[str]) -> int:
    instruments = list(
        Instrument.objects.select_for_update(of=("self",))
        .filter(pk__in=ids)
        .filter(Q(reminder_sent_for__isnull=True) | ~Q(reminder_sent_for=F("next_due")))
        .select_related("type", "commune")
        .order_by("next_due", "id")
    )
    if not instruments:
        return 0
    for instrument in instruments:
        Instrument.objects.filter(pk=instrument.pk, province_id=instrument.province_id).update(
            reminder_sent_for=instrument.next_due
        )
    lines = [
        _("- %(type)s, số sản xuất %(serial)s, %(place)s: hạn kiểm định %(due)s")
        % {
            "type": i.type.name,
            "serial": i.serial,
            "place": ", ".join(p for p in (i.address, i.commune.name) if p),
            "due": i.next_due.strftime("%d/%m/%Y") if i.next_due else "",
        }
        + (
            ""
            if i.type.cycle_confirmed
            else _(
                " (chu kỳ của loại này chưa được đối chiếu với văn bản hiện hành: hãy xác nhận hạn với tổ chức kiểm định)"
            )
        )
        for i in instruments
    ]
    link = settings.SITE_URL.rstrip("/") + reverse("metrology:instrument_list") + "?due=soon"
    body = "\n".join(
        [
            _("Kính gửi %(owner)s,") % {"owner": owner.name},
            "",
            _("Các phương tiện đo sau sắp đến hạn kiểm định định kỳ:"),
            *lines,
            "",
            _("Vui lòng liên hệ tổ chức kiểm định trước hạn. Danh sách: %(link)s") % {"link": link},
        ]
    )
    send_mail(
        _("Phương tiện đo sắp đến hạn kiểm định (%(n)s)") % {"n": len(instruments)},
        body,
        None,
        recipients,
    )
    record(
        actor=None,
        action="instrument.reminder_sent",
        target=owner,
        data={"instruments": [i.pk for i in instruments], "to": recipients},
        organisation_id=owner.pk,
    )
    return 1
