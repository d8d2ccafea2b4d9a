"""Writes of the standards app, by sub-domain (catalogue, notifications, alerts, enquiries)."""

from tdc.standards.services.alerts import (
    create_subscription,
    run_daily_digest,
    unsubscribe,
    update_subscription,
)
from tdc.standards.services.catalogue import (
    apply_catalogue_import,
    discard_catalogue_import,
    read_catalogue_file,
)
from tdc.standards.services.enquiries import answer_enquiry, ask_enquiry
from tdc.standards.services.notifications import import_notifications, write_notification_summary

__all__ = [
    "answer_enquiry",
    "apply_catalogue_import",
    "ask_enquiry",
    "create_subscription",
    "discard_catalogue_import",
    "import_notifications",
    "read_catalogue_file",
    "run_daily_digest",
    "unsubscribe",
    "update_subscription",
    "write_notification_summary",
]
