"""A flood of 500s sends the administrators a few mails, not one per request."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core import mail
from django.core.cache import cache
from django.test import override_settings
from django.urls import path

ADMINS = [("Quản trị", "quantri@tdc.example")]


def _broken(request, n):
    raise RuntimeError(f"hỏng lần {n}")


def _broken_elsewhere(request):
    raise KeyError("khác")


urlpatterns = [path("hong/<int:n>/", _broken), path("hong-khac/", _broken_elsewhere)]


@pytest.fixture
def broken_site(client, db):
    cache.clear()
    client.raise_request_exception = False
    with override_settings(ROOT_URLCONF=__name__, ADMINS=ADMINS):
        yield client
    cache.clear()


def test_the_same_error_a_hundred_times_sends_three_mails(broken_site):
    for n in range(100):
        assert broken_site.get(f"/hong/{n}/").status_code == 500

    assert len(mail.outbox) == 3
    assert mail.outbox[0].to == ["quantri@tdc.example"]
    assert "RuntimeError" in mail.outbox[0].body


def test_a_different_error_still_reaches_the_administrators(broken_site):
    for n in range(10):
        broken_site.get(f"/hong/{n}/")

    broken_site.get("/hong-khac/")

    assert len(mail.outbox) == 4
    assert "KeyError" in mail.outbox[-1].body


@override_settings(ADMIN_ERROR_MAILS_TOTAL=2)
def test_many_distinct_errors_are_capped_in_total(broken_site):
    broken_site.get("/hong/1/")
    broken_site.get("/hong-khac/")
    broken_site.get("/hong/2/")
    broken_site.get("/hong-khac/")

    assert len(mail.outbox) == 2


def test_mails_resume_after_the_window(broken_site):
    start = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)
    with time_machine.travel(start, tick=False):
        for n in range(5):
            broken_site.get(f"/hong/{n}/")
    with time_machine.travel(start + dt.timedelta(hours=1, minutes=1), tick=False):
        broken_site.get("/hong/9/")

    assert len(mail.outbox) == 4
