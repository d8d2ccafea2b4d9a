"""Plan-document ingestion: read DOCX/PDF/TXT/MD plans and extract their structure.

Pure Python (no Django). Public API::

    parse_document(data: bytes, filename: str) -> ParsedPlan
    parse_text(text: str) -> ParsedPlan
    PlanParseError (``code``, Vietnamese ``message``)
    ParsedPlan, ParsedTaskGroup, ParsedTask, ParsedDuty, ParsedTarget, ParsedDeadline
"""

from .errors import PlanParseError
from .model import (
    ParsedDeadline,
    ParsedDuty,
    ParsedPlan,
    ParsedTarget,
    ParsedTask,
    ParsedTaskGroup,
)
from .parser import parse_document, parse_text

__all__ = [
    "ParsedDeadline",
    "ParsedDuty",
    "ParsedPlan",
    "ParsedTarget",
    "ParsedTask",
    "ParsedTaskGroup",
    "PlanParseError",
    "parse_document",
    "parse_text",
]
