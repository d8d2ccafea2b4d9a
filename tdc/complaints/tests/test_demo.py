"""The demo: Khánh Hòa's routing rules and reports, loaded twice without change."""

from __future__ import annotations

import io

from django.core.management import call_command

from tdc.accounts import demo as accounts_demo
from tdc.complaints import demo
from tdc.complaints.access import get_complaint_for_receipt
from tdc.complaints.models import Complaint, IdentityDisclosureRequest, RoutingRule


def test_demo_loads_rules_and_reports_in_every_state_once(db, settings, tmp_path):
    settings.COMPLAINTS_IDENTITY_KEYS = ""
    settings.COMPLAINTS_IDENTITY_KEY_FILE = str(tmp_path / "var" / "complaint-identity.keys")
    accounts_demo.load(io.StringIO())
    out = io.StringIO()

    demo.load(out)
    demo.load(io.StringIO())

    assert (tmp_path / "var" / "complaint-identity.keys").exists()
    assert RoutingRule.objects.count() == 10
    statuses = sorted(Complaint.objects.values_list("status", flat=True))
    assert statuses == [
        "accepted",
        "closed",
        "concluded",
        "received",
        "received",
        "rejected",
        "verifying",
    ]
    assert Complaint.objects.filter(is_anonymous=True).count() == 6
    assert Complaint.objects.get(is_anonymous=False).track == "denunciation"
    assert IdentityDisclosureRequest.objects.get().status == "pending"
    followed = get_complaint_for_receipt(demo.DEMO_RECEIPT_CODE)
    assert followed is not None
    assert followed.business_name == "Sạp hải sản khô cô Lan"
    assert followed.organisation.name == "UBND Phường Nha Trang"
    assert demo.DEMO_RECEIPT_CODE in out.getvalue()


def test_rotate_command_init_creates_a_key_file(db, settings, tmp_path):
    settings.COMPLAINTS_IDENTITY_KEYS = ""
    settings.COMPLAINTS_IDENTITY_KEY_FILE = str(tmp_path / "k")
    out = io.StringIO()

    call_command("rotateidentitykeys", "--init", stdout=out)
    call_command("rotateidentitykeys", "--status", stdout=out)

    assert out.getvalue().startswith(f"Created {tmp_path / 'k'}.")
    assert "encrypts  0 identities" in out.getvalue()
