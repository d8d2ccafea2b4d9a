"""Writes for complaints, split by sub-domain; import them from here."""

from tdc.complaints.services.disclosure import (
    decide_identity_disclosure,
    request_identity_disclosure,
)
from tdc.complaints.services.files import RecleanRun, reclean_stored_pdfs
from tdc.complaints.services.lifecycle import (
    accept_complaint,
    assign_complaint,
    change_complaint_status,
    change_track,
    close_complaint,
    conclude_complaint,
    extend_settlement,
    merge_complaint,
    post_message,
    reject_complaint,
    reroute_complaint,
    sanitised_copy,
    start_verification,
    transfer_complaint,
)
from tdc.complaints.services.reminders import ReminderRun, send_due_reminders
from tdc.complaints.services.routing import delete_routing_rule, save_routing_rule
from tdc.complaints.services.submission import (
    Submitted,
    add_citizen_reply,
    attach_files,
    record_received_complaint,
    submit_complaint,
)

__all__ = [
    "RecleanRun",
    "ReminderRun",
    "Submitted",
    "accept_complaint",
    "add_citizen_reply",
    "assign_complaint",
    "attach_files",
    "record_received_complaint",
    "change_complaint_status",
    "change_track",
    "close_complaint",
    "conclude_complaint",
    "decide_identity_disclosure",
    "delete_routing_rule",
    "extend_settlement",
    "merge_complaint",
    "post_message",
    "reclean_stored_pdfs",
    "reject_complaint",
    "request_identity_disclosure",
    "reroute_complaint",
    "sanitised_copy",
    "save_routing_rule",
    "send_due_reminders",
    "start_verification",
    "submit_complaint",
    "transfer_complaint",
]
