"""The personas of the root conftest.py (plans' table, shared by every app's matrices) and the
statuses the standards and conformity matrices add to it."""

from __future__ import annotations

from tdc.plans.tests.personas import PERSONAS, POST_ONLY, expect

__all__ = ["LOGGED_IN", "PERSONAS", "POST_ONLY", "PUBLIC", "expect"]

PUBLIC = expect(200, anonymous=200)
LOGGED_IN = expect(200)
