import datetime as dt
import random

import pytest
from django.core.exceptions import ValidationError

from tdc.core.models import AuditEvent
from tdc.metrology import services
from tdc.metrology.models import Instrument, InstrumentType, Verification
from tdc.metrology.queries import overdue_count, province_dashboard
from tdc.metrology.tallies import rebuild_tallies, tally_snapshot
from tdc.metrology.tests.factories import FUEL, TAPE, TAXIMETER, WATER, instrument, kind, verify

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 3, 15)


def _recount_matches():
    kept = tally_snapshot()
    rebuild_tallies()
    return kept == tally_snapshot()


def test_register_instrument_is_audited_and_counted(business, nha_trang, officer):
    pump = services.register_instrument(
        owner=business,
        type=kind(FUEL),
        serial=" CX-9 ",
        commune=nha_trang,
        by=officer,
        address="1 Lê Lợi",
    )

    assert (pump.serial, pump.province_id, pump.status, pump.next_due) == (
        "CX-9",
        56,
        "in_use",
        None,
    )
    event = AuditEvent.objects.get(action="instrument.registered")
    assert (event.actor, event.data["values"]["serial"], event.organisation_id) == (
        officer,
        "CX-9",
        business.pk,
    )
    assert province_dashboard(56, today=TODAY).by_status == {
        "in_use": 1,
        "suspended": 0,
        "retired": 0,
    }


def test_the_same_owner_cannot_register_the_same_serial_twice(business, nha_trang):
    instrument(business, nha_trang, serial="A1")
    with pytest.raises(ValidationError, match="đã đăng ký một cột đo xăng dầu có số sản xuất A1"):
        instrument(business, nha_trang, serial="A1")
    assert Instrument.objects.count() == 1


def test_a_verification_sets_the_due_date_and_history_keeps_older_ones(business, nha_trang, centre):
    pump = instrument(business, nha_trang)
    verify(pump, dt.date(2025, 1, 31), stamp="S1")
    latest = verify(pump, dt.date(2026, 1, 31), stamp="S2")
    verify(pump, dt.date(2024, 1, 31), stamp="S0")  # an older certificate typed in late

    pump.refresh_from_db()
    assert (
        pump.last_verified_on,
        pump.last_stamp_number,
        pump.next_due,
        pump.last_verification_id,
    ) == (dt.date(2026, 1, 31), "S2", dt.date(2027, 1, 31), latest.pk)
    assert list(pump.verifications.values_list("stamp_number", flat=True)) == ["S2", "S1", "S0"]
    assert AuditEvent.objects.filter(action="instrument.verified").count() == 3


@pytest.mark.parametrize(
    ("values", "message"),
    [
        (
            {"verified_on": dt.date(2026, 3, 16), "stamp_number": "X"},
            "Ngày kiểm định không được ở tương lai.",
        ),
        (
            {"verified_on": dt.date(2026, 3, 1), "stamp_number": ""},
            "Phương tiện đo đạt yêu cầu phải có số tem kiểm định.",
        ),
        (
            {"verified_on": dt.date(2026, 3, 1), "stamp_number": "used"},
            "Số tem USED đã được dùng cho một lần kiểm định khác.",
        ),
        (
            {"verified_on": dt.date(2026, 1, 10), "stamp_number": "new"},
            "Phương tiện đo này đã có kết quả kiểm định ngày 10/01/2026.",
        ),
    ],
)
def test_record_verification_refuses_broken_rules(business, nha_trang, centre, values, message):
    pump = instrument(business, nha_trang)
    verify(pump, dt.date(2026, 1, 10), stamp="USED")

    with pytest.raises(ValidationError) as error:
        services.record_verification(pump, by=None, verifier=centre, result="pass", **values)

    assert error.value.messages == [message]
    assert Verification.objects.count() == 1


def test_a_type_rule_change_applies_from_its_date_only(business, nha_trang, centre, admin_user):
    taxi_type = kind(TAXIMETER)
    services.change_instrument_type(
        taxi_type,
        by=admin_user,
        valid_from=dt.date(2026, 1, 1),
        cycle_months=24,
        note="Thông tư mới",
    )
    taxi_type.refresh_from_db()
    taxi = instrument(business, nha_trang, code=TAXIMETER, serial="T1")
    before = verify(taxi, dt.date(2025, 12, 31), stamp="T-A")
    after = verify(taxi, dt.date(2026, 2, 1), stamp="T-B")

    assert (taxi_type.cycle_months, taxi_type.valid_from) == (24, dt.date(2026, 1, 1))
    assert [(v.valid_from, v.cycle_months) for v in taxi_type.versions.order_by("valid_from")] == [
        (dt.date(2024, 10, 15), 18),
        (dt.date(2026, 1, 1), 24),
    ]
    assert (before.next_due, after.next_due) == (dt.date(2027, 6, 30), dt.date(2028, 2, 1))
    event = AuditEvent.objects.get(action="instrument_type.version_added")
    assert event.data["changes"]["cycle_months"] == {"old": 18, "new": 24}


def test_a_future_rule_is_kept_but_not_yet_current(admin_user):
    water = kind(WATER)
    services.change_instrument_type(
        water, by=admin_user, valid_from=dt.date(2027, 1, 1), cycle_months=48
    )
    water.refresh_from_db()
    assert water.cycle_months == 60
    with pytest.raises(ValidationError):
        services.change_instrument_type(
            water, by=admin_user, valid_from=dt.date(2027, 1, 1), cycle_months=36
        )


def test_update_instrument_moves_counts_and_logs_changes(
    business, nha_trang, cam_ranh, centre, officer
):
    pump = instrument(business, nha_trang)
    verify(pump, dt.date(2025, 1, 2), stamp="S1")  # due 02/01/2026: overdue
    assert overdue_count(56, today=TODAY) == 1

    services.update_instrument(
        pump, by=officer, commune=cam_ranh, status=Instrument.Status.SUSPENDED
    )

    assert overdue_count(56, today=TODAY) == 0
    board = province_dashboard(56, today=TODAY)
    assert [(c.name, c.total, c.in_use) for c in board.communes] == [("Phường Cam Ranh", 1, 0)]
    event = AuditEvent.objects.get(action="instrument.updated")
    assert event.data["changes"] == {
        "commune": {"old": nha_trang.pk, "new": cam_ranh.pk},
        "status": {"old": "in_use", "new": "suspended"},
    }


def test_rollups_equal_a_full_recount_after_many_mixed_writes(
    business, agency, nha_trang, cam_ranh, centre, officer
):
    rng = random.Random(6)
    owners, communes = [business, agency], [nha_trang, cam_ranh]
    codes = [FUEL, TAXIMETER, WATER, TAPE]
    made = []
    for n in range(40):
        made.append(
            instrument(
                rng.choice(owners), rng.choice(communes), code=rng.choice(codes), serial=f"R{n}"
            )
        )
    for n, item in enumerate(made):
        if n % 3:
            verify(
                item,
                TODAY - dt.timedelta(days=rng.randint(0, 900)),
                stamp=f"ST{n}",
                passed=n % 7 != 0,
            )
    for item in made[::4]:
        item.refresh_from_db()
        services.update_instrument(
            item,
            by=officer,
            status=rng.choice(Instrument.Status.values),
            commune=rng.choice(communes),
        )
    for n, item in enumerate(made[::5]):
        item.refresh_from_db()
        verify(item, TODAY - dt.timedelta(days=n), stamp=f"LATE{n}")

    assert _recount_matches()
    in_use_overdue = Instrument.objects.filter(status="in_use", next_due__lt=TODAY).count()
    assert overdue_count(56, today=TODAY) == in_use_overdue
    assert (
        province_dashboard(56, today=TODAY).soon
        == Instrument.objects.filter(
            status="in_use", next_due__gte=TODAY, next_due__lte=TODAY + dt.timedelta(days=30)
        ).count()
    )


def test_overdue_counts_split_between_month_buckets_and_days_of_this_month(
    business, nha_trang, centre
):
    due_dates = [
        dt.date(2026, 2, 28),
        dt.date(2026, 3, 1),
        dt.date(2026, 3, 14),
        dt.date(2026, 3, 15),
        dt.date(2026, 4, 14),
    ]
    for n, due in enumerate(due_dates):
        item = instrument(business, nha_trang, serial=f"D{n}")
        verify(item, due.replace(year=2025), stamp=f"D{n}")

    board = province_dashboard(56, today=TODAY)

    assert (board.overdue, board.soon) == (3, 2)
    assert [(c.overdue, c.soon) for c in board.communes] == [(3, 2)]
    assert isinstance(InstrumentType.objects.first(), InstrumentType)
