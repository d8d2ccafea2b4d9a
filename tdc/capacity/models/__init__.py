"""The capacity registers, one module per sub-domain; callers import from here."""

from tdc.capacity.models.awards import Award
from tdc.capacity.models.common import Audience
from tdc.capacity.models.equipment import Equipment, MeasurementStandard
from tdc.capacity.models.events import Event, EventAttendance, EventReportLink
from tdc.capacity.models.programmes import Programme, SupportApplication
from tdc.capacity.models.quality import AgencyQuality, QualityAudit
from tdc.capacity.models.training import AttendanceImport, Course, Official, Participant, Session

__all__ = [
    "AgencyQuality",
    "AttendanceImport",
    "Audience",
    "Award",
    "Course",
    "Equipment",
    "Event",
    "EventAttendance",
    "EventReportLink",
    "MeasurementStandard",
    "Official",
    "Participant",
    "Programme",
    "QualityAudit",
    "Session",
    "SupportApplication",
]
