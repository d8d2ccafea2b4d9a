"""An instrument whose last verification failed is not fit for use until it passes again:
said on its pages, filtered, counted; the overview draws due-per-month and overdue-by-commune."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from tdc.metrology.tests.factories import instrument, verify

pytestmark = pytest.mark.django_db
LIST = reverse("metrology:instrument_list")


@pytest.fixture
def failed(business, nha_trang):
    broken = instrument(business, nha_trang, serial="BX-HONG")
    verify(broken, timezone.localdate() - dt.timedelta(days=10), stamp="", passed=False)
    return broken


@pytest.fixture
def fine(business, cam_ranh):
    good = instrument(business, cam_ranh, serial="BX-TOT")
    verify(good, timezone.localdate() - dt.timedelta(days=300), stamp="BX-9")
    return good


def test_a_failed_instrument_is_shown_as_not_fit_for_use(client, officer, failed, fine):
    client.force_login(officer)
    detail = client.get(failed.get_absolute_url()).content.decode()
    assert '<div class="alert alert-danger" role="alert" id="not-fit">' in detail
    assert "không được sử dụng cho đến khi được sửa chữa và kiểm định đạt yêu cầu" in detail
    listed = client.get(LIST, {"due": "failed"})
    assert [i.serial for i in listed.context["page"].items] == ["BX-HONG"]
    assert "Không đạt — không được sử dụng" in listed.content.decode()


def test_the_overview_counts_failed_instruments_and_draws_its_charts(client, officer, failed, fine):
    client.force_login(officer)
    page = client.get(reverse("metrology:dashboard"))
    board = page.context["board"]
    assert board.failed == 1
    assert 'id="stat-failed">1</strong>' in page.content.decode()
    assert page.context["overdue_chart"].rows == [["Phường Nha Trang", "1"]]
    due = page.context["due_chart"]
    assert len(due.labels) == 12
    assert due.labels[0] == timezone.localdate().strftime("%m/%Y")
    # this month: the failed one (due the day it failed); in two months: the good one
    assert [row[1] for row in due.rows[:3]] == ["1", "0", "1"]
    assert sum(int(row[1]) for row in due.rows) == 2


def test_the_filter_bar_has_no_dashes_and_the_pager_says_the_total(client, officer, fine):
    client.force_login(officer)
    html = client.get(LIST).content.decode()
    assert "---------" not in html
    assert '<option value="" selected>Mọi xã, phường</option>' in html
    assert 'class="form-select"' in html
    assert (
        '<span class="small text-secondary" data-testid="pager-total">Tổng cộng 1 mục</span>'
        in (html)
    )
