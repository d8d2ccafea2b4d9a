"""The documents plans write: the synthesis report (Decree 30 DOCX with its XLSX annex) and an
agency's own report for a period."""

from tdc.plans.exports.synthesis import (
    agency_report_docx,
    synthesis_docx,
    synthesis_xlsx,
)

__all__ = [
    "agency_report_docx",
    "synthesis_docx",
    "synthesis_xlsx",
]
