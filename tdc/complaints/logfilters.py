"""A logging filter that masks what looks like personal contact data in any log line.

Defence in depth: complaint code never logs identity (tests prove it), but a library or a
future line might. Installed on the root handlers by `ComplaintsConfig.ready()`; settings may
also name it in LOGGING: `{"()": "tdc.complaints.logfilters.RedactIdentityFilter"}`.
"""

from __future__ import annotations

import logging
import re

_PATTERNS = [
    re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+"),  # e-mail addresses
    re.compile(r"(?<!\d)(\+84|0)[\s.]?\d{2,3}[\s.]?\d{3}[\s.]?\d{3,4}(?!\d)"),  # VN phone numbers
    re.compile(r"(?<!\d)\d{12}(?!\d)"),  # citizen ID (CCCD)
]
MASK = "[đã ẩn]"


def redact(text: str) -> str:
    for pattern in _PATTERNS:
        text = pattern.sub(MASK, text)
    return text


class RedactIdentityFilter(logging.Filter):
    """Rewrites the record's message with contact-like data masked; never drops a record."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except (TypeError, ValueError):
            return True
        redacted = redact(message)
        if redacted != message:
            record.msg = redacted
            record.args = ()
        return True


def install_on_root_handlers() -> None:
    for handler in logging.getLogger().handlers:
        if not any(isinstance(f, RedactIdentityFilter) for f in handler.filters):
            handler.addFilter(RedactIdentityFilter())
