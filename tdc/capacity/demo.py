"""The capacity demo for Khánh Hòa: courses with participants, the roster of officials,
forums and the yearly days, awards, equipment, the mass standards' chain, ISO 9001 in a few
agencies, two programmes with applications — dated relative to today.

Idempotent: the whole set is loaded once (found by the first course's title); the yearly days
are the periodic job's and are created once per year whatever runs. The demo plan's targets
that name a capacity figure (forums, equipment) then compute from it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal

from django.utils import timezone

from tdc.accounts import services as account_services
from tdc.accounts.models import Organisation, Province, User
from tdc.capacity import services
from tdc.capacity.attendance import Row
from tdc.capacity.models import (
    AgencyQuality,
    Audience,
    Award,
    Course,
    Equipment,
    Event,
    MeasurementStandard,
    Programme,
    QualityAudit,
)
from tdc.core.registry import Output

KHANH_HOA = 56
FIRST_COURSE = "Tập huấn ghi nhãn hàng hóa và mã số mã vạch cho doanh nghiệp"
BUSINESSES = [
    "Công ty TNHH Xăng dầu Biển Xanh",
    "Công ty Cổ phần Yến sào Khánh Hòa Demo",
    "Công ty TNHH Thủy sản Nha Trang Demo",
    "Công ty Cổ phần Nước mắm Cam Ranh Demo",
    "Hợp tác xã Nông nghiệp Vạn Ninh Demo",
    "Công ty TNHH Cơ khí Ninh Hòa Demo",
]
PEOPLE = [
    "Nguyễn Văn An",
    "Trần Thị Bình",
    "Lê Hoàng Cường",
    "Phạm Thị Dung",
    "Võ Minh Đức",
    "Đặng Thu Hà",
    "Bùi Quang Huy",
    "Hồ Thị Lan",
]
OFFICIALS = [
    ("Sở Khoa học và Công nghệ", "Trần Thị Thu", "Chuyên viên Phòng TĐC", True),
    ("Sở Khoa học và Công nghệ", "Lê Văn Kiểm", "Chuyên viên Phòng TĐC", True),
    ("Sở Khoa học và Công nghệ", "Phan Thị Hạnh", "Phó trưởng phòng TĐC", False),
    ("Sở Khoa học và Công nghệ", "Ngô Văn Tín", "Chuyên viên", False),
    ("Sở Công Thương", "Võ Thị Thương", "Chuyên viên", False),
    ("Sở Công Thương", "Đinh Văn Lực", "Chuyên viên", False),
    ("Sở Y tế", "Mai Thị Yến", "Chuyên viên", False),
    ("Sở Nông nghiệp và Môi trường", "Lý Văn Nông", "Chuyên viên", False),
]


def _org(province: Province, name: str) -> Organisation:
    return Organisation.objects.get(province=province, name=name)


def _business(province: Province, name: str) -> Organisation:
    found = Organisation.objects.filter(province=province, name=name).first()
    if found is not None:
        return found
    return account_services.create_organisation(
        name=name, kind=Organisation.Kind.BUSINESS, province=province, by=None
    )


def _people(course: Course, rows: Sequence[tuple[str, str, str]]) -> None:
    """Put people on a course as an import would (organisation matched by name)."""
    services.add_rows(
        course,
        rows=[
            Row(0, name, org, audience, "", course.starts_on, "", None)
            for name, org, audience in rows
        ],
        by=None,
    )


def _training(province: Province, dost: Organisation, officer: User, today: dt.date) -> None:
    businesses = [_business(province, name) for name in BUSINESSES]
    courses = [
        (FIRST_COURSE, Course.Kind.WORKSHOP, Audience.BUSINESSES, 300),
        (
            "Bồi dưỡng nghiệp vụ đo lường cho cán bộ cấp xã",
            Course.Kind.TRAINING,
            Audience.COMMUNE,
            150,
        ),
        (
            "Tập huấn năng suất và chất lượng cho doanh nghiệp",
            Course.Kind.WORKSHOP,
            Audience.BUSINESSES,
            40,
        ),
    ]
    for index, (title, kind, audience, days_ago) in enumerate(courses):
        start = today - dt.timedelta(days=days_ago)
        course = services.create_course(
            organiser=dost,
            by=officer,
            kind=kind,
            title=title,
            audience=audience,
            starts_on=start,
            ends_on=start + dt.timedelta(days=1),
            place="Hội trường Sở Khoa học và Công nghệ, Nha Trang",
            topic="Tiêu chuẩn, đo lường, chất lượng",
        )
        services.add_session(
            course, held_on=start, topic="Quy định pháp luật về tiêu chuẩn, đo lường", by=officer
        )
        rows = [
            (
                PEOPLE[(index + i) % len(PEOPLE)],
                businesses[(index + i) % len(businesses)].name,
                Audience.BUSINESSES,
            )
            for i in range(4)
        ]
        rows.append(("Trần Thị Thu", dost.name, Audience.OFFICIALS))
        _people(course, rows)
    start = today - dt.timedelta(days=200)
    inspection = services.create_course(
        organiser=dost,
        by=officer,
        kind=Course.Kind.INSPECTION,
        title="Đào tạo nghiệp vụ kiểm tra nhà nước về đo lường",
        audience=Audience.OFFICIALS,
        starts_on=start,
        ends_on=start + dt.timedelta(days=2),
        certificate_months=36,
    )
    services.add_participant(
        inspection,
        full_name="Lê Văn Kiểm",
        organisation_name=dost.name,
        audience=Audience.OFFICIALS,
        certificate_number="KTĐL-2026-017",
        by=officer,
    )
    services.create_course(
        organiser=_org(province, "Sở Giáo dục và Đào tạo"),
        by=officer,
        kind=Course.Kind.CURRICULUM,
        title="Học phần Đo lường và chất lượng sản phẩm",
        audience=Audience.STUDENTS,
        starts_on=dt.date(today.year, 9, 1) if today.month >= 9 else dt.date(today.year - 1, 9, 1),
        ends_on=dt.date(today.year + 1, 6, 30),
        institution="Trường Cao đẳng Kỹ thuật Công nghệ Nha Trang",
    )
    for organisation, name, position, inspector in OFFICIALS:
        services.add_official(
            organisation=_org(province, organisation),
            full_name=name,
            position=position,
            is_inspector=inspector,
            by=officer,
        )


def _events(province: Province, dost: Organisation, officer: User, today: dt.date) -> None:
    trade = _org(province, "Sở Công Thương")
    for organiser, kind, title, days_ago, counts in (
        (
            dost,
            Event.Kind.FORUM,
            "Diễn đàn đối thoại doanh nghiệp về đo lường xăng dầu",
            120,
            {"businesses": 45, "officials": 12},
        ),
        (
            trade,
            Event.Kind.FORUM,
            "Đối thoại với doanh nghiệp về nhãn hàng hóa nhập khẩu",
            60,
            {"businesses": 30},
        ),
        (
            dost,
            Event.Kind.CONFERENCE,
            "Hội nghị phổ biến Chỉ thị số 38-CT/TW",
            250,
            {"officials": 80, "commune": 40},
        ),
    ):
        event = services.create_event(
            organiser=organiser,
            kind=kind,
            title=title,
            held_on=today - dt.timedelta(days=days_ago),
            place="Nha Trang",
            summary="Giải đáp vướng mắc của doanh nghiệp; ghi nhận kiến nghị gửi UBND tỉnh.",
            by=officer,
        )
        services.set_attendance(event, counts=counts, by=officer)
    services.create_yearly_days(year=today.year, provinces=[province])
    for event in Event.objects.filter(
        province=province, held_on__year=today.year, kind=Event.Kind.YEARLY_DAY
    ):
        if event.held_on <= today and not event.summary:
            services.update_event(
                event,
                place="Quảng trường 2/4, Nha Trang",
                summary="Mít tinh, treo băng rôn, kiểm tra miễn phí cân tại các chợ.",
                by=officer,
            )
            services.set_attendance(event, counts={"officials": 60, "businesses": 25}, by=officer)


def _means(province: Province, dost: Organisation, officer: User, today: dt.date) -> None:
    centre = _org(province, "Trung tâm Kỹ thuật Tiêu chuẩn Đo lường Chất lượng Khánh Hòa")
    for name, category, quantity, cost, days_ago, due_in in (
        (
            "Bộ kit thử nhanh chất lượng xăng dầu",
            Equipment.Category.RAPID_TEST,
            4,
            "120000000",
            90,
            None,
        ),
        ("Cân kiểm tra lưu động 30 kg", Equipment.Category.MOBILE, 2, "36000000", 200, 20),
        ("Bình chuẩn kim loại 20 L", Equipment.Category.INSPECTION, 1, "25000000", 330, 300),
    ):
        services.record_equipment(
            holder=dost,
            by=officer,
            name=name,
            category=category,
            quantity=quantity,
            cost=Decimal(cost),
            funding=Equipment.Funding.PROVINCE,
            bought_on=today - dt.timedelta(days=days_ago),
            calibration_due_on=today + dt.timedelta(days=due_in) if due_in else None,
        )
    national = services.record_standard(
        holder=None,
        province_id=province.pk,
        traced_to=None,
        by=officer,
        name="Chuẩn quốc gia khối lượng (kilôgam)",
        quantity="Khối lượng",
        level=MeasurementStandard.Level.NATIONAL,
        holder_name="Viện Đo lường Việt Nam",
    )
    reference = services.record_standard(
        holder=centre,
        province_id=province.pk,
        traced_to=national,
        by=officer,
        name="Bộ quả cân chuẩn cấp chính xác E2",
        quantity="Khối lượng",
        measuring_range="1 mg – 20 kg",
        level=MeasurementStandard.Level.REFERENCE,
        certificate_number="V02.HC-2026-0412",
        calibrated_on=today - dt.timedelta(days=340),
        calibration_due_on=today + dt.timedelta(days=25),
    )
    services.record_standard(
        holder=centre,
        province_id=province.pk,
        traced_to=reference,
        by=officer,
        name="Bộ quả cân chuẩn cấp chính xác F1",
        quantity="Khối lượng",
        measuring_range="1 g – 20 kg",
        level=MeasurementStandard.Level.WORKING,
        certificate_number="KH-HC-2026-118",
        calibrated_on=today - dt.timedelta(days=100),
        calibration_due_on=today + dt.timedelta(days=265),
    )


def _quality_and_awards(
    province: Province, dost: Organisation, officer: User, today: dt.date
) -> None:
    for name, status in (
        ("Sở Khoa học và Công nghệ", AgencyQuality.IsoStatus.ASSESSED),
        ("Sở Tài chính", AgencyQuality.IsoStatus.APPLIED),
        ("Sở Công Thương", AgencyQuality.IsoStatus.ANNOUNCED),
        ("Sở Y tế", AgencyQuality.IsoStatus.BUILDING),
    ):
        agency = _org(province, name)
        services.save_agency_quality(
            agency,
            by=officer,
            values={
                "iso_status": status,
                "digital_status": AgencyQuality.DigitalStatus.IN_PROGRESS,
            },
        )
        if status != AgencyQuality.IsoStatus.BUILDING:
            for kind, days_ago, findings, found in (
                (
                    QualityAudit.Kind.INTERNAL,
                    410,
                    "Đánh giá nội bộ lần đầu theo TCVN ISO 9001:2015; 3 điểm không phù hợp về "
                    "kiểm soát hồ sơ.",
                    3,
                ),
                (
                    QualityAudit.Kind.EXTERNAL,
                    200,
                    "Sở Khoa học và Công nghệ kiểm tra việc áp dụng; đạt yêu cầu.",
                    0,
                ),
                (
                    QualityAudit.Kind.INTERNAL,
                    45,
                    "Đánh giá nội bộ hằng năm; đã khắc phục các điểm không phù hợp.",
                    1,
                ),
            ):
                services.record_quality_audit(
                    agency,
                    by=officer,
                    values={
                        "kind": kind,
                        "held_on": today - dt.timedelta(days=days_ago),
                        "findings": findings,
                        "nonconformities": found,
                    },
                )
    services.record_award(
        kind=Award.Kind.PROVINCIAL_QUALITY,
        title="Giải thưởng Chất lượng tỉnh Khánh Hòa, giải Bạc",
        decided_on=today - dt.timedelta(days=20),
        decision_number="2150/QĐ-UBND",
        recipient_organisation=_org(province, "Công ty TNHH Xăng dầu Biển Xanh"),
        by=officer,
    )
    programme = services.create_programme(
        owner=dost,
        by=officer,
        name="Chương trình nâng cao năng suất và chất lượng sản phẩm, hàng hóa tỉnh Khánh Hòa",
        kind=Programme.Kind.PRODUCTIVITY,
        decision="Quyết định số 1322/QĐ-TTg",
        starts_on=dt.date(today.year - 1, 3, 1),
        status=Programme.Status.UNDER_WAY,
        budget=Decimal("1500000000"),
    )
    services.create_programme(
        owner=dost,
        by=officer,
        name="Đề án 996 tăng cường, đổi mới hoạt động đo lường hỗ trợ doanh nghiệp",
        kind=Programme.Kind.SCHEME_996,
        decision="Quyết định số 996/QĐ-TTg",
        starts_on=dt.date(today.year - 1, 6, 1),
        status=Programme.Status.UNDER_WAY,
    )
    application = services.submit_application(
        programme,
        business=_org(province, "Công ty TNHH Xăng dầu Biển Xanh"),
        subject="Áp dụng công cụ cải tiến năng suất 5S và Kaizen",
        submitted_on=today - dt.timedelta(days=80),
        requested_amount=Decimal("80000000"),
        by=officer,
    )
    services.decide_application(
        application,
        approve=True,
        decision_number="45/QĐ-SKHCN",
        decided_on=today - dt.timedelta(days=50),
        granted_amount=Decimal("60000000"),
        result="Năng suất tăng 12% sau 3 tháng áp dụng.",
        by=officer,
    )


def _compute_plan_figures(officer: User, today: dt.date) -> int:
    """The demo plan's targets that name a capacity figure compute from the records above.

    The plans demo adds its indicators by hand, not through the import, so they carry no
    metric: each unlinked one takes the import's own proposal (`plans.queries.suggested_metric`,
    wording and unit; capacity keeps no matcher of its own), then the plan is computed."""
    from tdc.plans.access import plans_visible_to
    from tdc.plans.queries import suggested_metric
    from tdc.plans.services.indicators import compute_plan_indicators, update_indicator

    computed = 0
    for plan in plans_visible_to(officer).filter(province_id=KHANH_HOA):
        for indicator in plan.indicators.filter(metric_key=""):
            key = suggested_metric(indicator.name, indicator.unit)
            if key.startswith("capacity."):
                update_indicator(indicator, by=officer, metric_key=key)
        if plan.indicators.filter(metric_key__startswith="capacity.").exists():
            computed += compute_plan_indicators(plan, year=today.year, by=officer)
    return computed


def load(out: Output) -> None:
    province = Province.objects.filter(code=KHANH_HOA).first()
    officer = User.objects.filter(username="canbo.tdc").first()
    if province is None or officer is None:
        out.write("Capacity demo: the demo province is not loaded; nothing to do.\n")
        return
    today = timezone.localdate()
    dost = _org(province, "Sở Khoa học và Công nghệ")
    services.create_yearly_days(year=today.year, provinces=[province])
    if not Course.objects.filter(province=province, title=FIRST_COURSE).exists():
        _training(province, dost, officer, today)
        _events(province, dost, officer, today)
        _means(province, dost, officer, today)
        _quality_and_awards(province, dost, officer, today)
        out.write("Capacity demo: courses, events, equipment, standards, ISO 9001, programmes.\n")
    if _compute_plan_figures(officer, today):
        out.write("Capacity demo: the plan's targets computed from the capacity figures.\n")
