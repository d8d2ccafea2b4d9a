"""Writes for the capacity registers, split by sub-domain; import them from here."""

from tdc.capacity.services.awards import record_award
from tdc.capacity.services.equipment import (
    ReminderRun,
    record_equipment,
    record_standard,
    send_calibration_reminders,
    update_equipment,
)
from tdc.capacity.services.events import (
    YEARLY_DAYS,
    create_event,
    create_yearly_days,
    link_event_to_report,
    set_attendance,
    unlink_event_from_report,
    update_event,
)
from tdc.capacity.services.programmes import (
    create_programme,
    decide_application,
    record_result,
    submit_application,
    update_programme,
)
from tdc.capacity.services.quality import record_quality_audit, save_agency_quality
from tdc.capacity.services.training import (
    add_official,
    add_participant,
    add_rows,
    add_session,
    create_course,
    import_attendance,
    remove_participant,
    retire_official,
    update_course,
)

__all__ = [
    "YEARLY_DAYS",
    "ReminderRun",
    "add_official",
    "add_participant",
    "add_rows",
    "add_session",
    "create_course",
    "create_event",
    "create_programme",
    "create_yearly_days",
    "decide_application",
    "import_attendance",
    "link_event_to_report",
    "record_award",
    "record_equipment",
    "record_result",
    "record_standard",
    "remove_participant",
    "retire_official",
    "record_quality_audit",
    "save_agency_quality",
    "send_calibration_reminders",
    "set_attendance",
    "submit_application",
    "unlink_event_from_report",
    "update_course",
    "update_equipment",
    "update_event",
    "update_programme",
]
