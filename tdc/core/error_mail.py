"""Error mails to the administrators, rate-limited so that nobody can flood their mailbox.

Django mails every 500 to `ADMINS`; an anonymous visitor who finds one error could send them
thousands. This handler sends at most `ADMIN_ERROR_MAILS_PER_ERROR` mails per
`ADMIN_ERROR_MAIL_WINDOW` seconds for one distinct error (the exception's type and the line
that raised it, or the log message's template when there is no exception), and at most
`ADMIN_ERROR_MAILS_TOTAL` in that window for all errors together. Everything is still
logged; only the mails are held back. The counts live in the default cache, so with several
worker processes and the per-process memory cache each process counts on its own.
"""

from __future__ import annotations

import hashlib
import logging
import traceback

from django.conf import settings
from django.core.cache import cache
from django.utils.log import AdminEmailHandler

KEY_PREFIX = "tdc:admin-error-mail:"


def error_signature(record: logging.LogRecord) -> str:
    """What makes two log records "the same error"."""
    if record.exc_info and record.exc_info[1] is not None:
        error = record.exc_info[1]
        frames = traceback.extract_tb(error.__traceback__)
        where = f"{frames[-1].filename}:{frames[-1].lineno}" if frames else ""
        return f"{type(error).__module__}.{type(error).__qualname__}@{where}"
    return f"{record.name}:{record.levelno}:{record.msg}"


def _hit(key: str, window: int) -> int:
    """Count one mail in the window that starts with the first one; return the count."""
    if cache.add(key, 1, timeout=window):
        return 1
    try:
        return int(cache.incr(key))
    except ValueError:  # expired between add() and incr()
        cache.set(key, 1, timeout=window)
        return 1


class ThrottledAdminEmailHandler(AdminEmailHandler):
    """`AdminEmailHandler` with a ceiling per distinct error and per window."""

    def emit(self, record: logging.LogRecord) -> None:
        if settings.ADMINS and self.allows(record):
            super().emit(record)

    def allows(self, record: logging.LogRecord) -> bool:
        window = int(getattr(settings, "ADMIN_ERROR_MAIL_WINDOW", 3600))
        per_error = int(getattr(settings, "ADMIN_ERROR_MAILS_PER_ERROR", 3))
        total = int(getattr(settings, "ADMIN_ERROR_MAILS_TOTAL", 20))
        digest = hashlib.sha256(error_signature(record).encode()).hexdigest()[:32]
        if _hit(KEY_PREFIX + digest, window) > per_error:
            return False
        return _hit(KEY_PREFIX + "total", window) <= total
