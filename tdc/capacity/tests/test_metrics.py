"""Every figure computed exactly from records (numbers checked by hand), and the seeds' real
targets finding their figure by wording."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from tdc.accounts.models import Organisation
from tdc.accounts.tests.factories import OrganisationFactory
from tdc.capacity.models import AgencyQuality, Audience, Course, Event, Programme
from tdc.capacity.tests.factories import (
    AgencyQualityFactory,
    CourseFactory,
    EquipmentFactory,
    EventAttendanceFactory,
    EventFactory,
    OfficialFactory,
    ParticipantFactory,
    ProgrammeFactory,
)
from tdc.core.metrics import MetricScope, compute_metric, metrics_matching

YEAR_2025 = (dt.date(2025, 1, 1), dt.date(2025, 12, 31))


@pytest.fixture
def records(province, other_province, dost, agency, other_agency, commune_org):
    """One province's year 2025, with records just outside it (other years, other province,
    inactive) that must not be counted."""
    x, y = (
        OrganisationFactory(name=n, kind=Organisation.Kind.BUSINESS, province=province)
        for n in ("Công ty X", "Công ty Y")
    )
    for name in ("Công ty Z", "Công ty W"):
        OrganisationFactory(name=name, kind=Organisation.Kind.BUSINESS, province=province)
    OrganisationFactory(
        name="Công ty V", kind=Organisation.Kind.BUSINESS, province=province, is_active=False
    )
    police = OrganisationFactory(name="Công an tỉnh", province=province)
    elsewhere = OrganisationFactory(name="Sở KH&CN Huế", province=other_province)

    a = CourseFactory(organiser=dost, starts_on=dt.date(2025, 3, 4))
    b = CourseFactory(organiser=agency, starts_on=dt.date(2025, 10, 14))
    CourseFactory(organiser=dost, starts_on=dt.date(2026, 1, 5))  # next year
    CourseFactory(organiser=dost, kind=Course.Kind.CURRICULUM, starts_on=dt.date(2025, 9, 1))
    CourseFactory(organiser=elsewhere, starts_on=dt.date(2025, 5, 5))  # other province

    ParticipantFactory(course=a, organisation=x, full_name="Lê Văn Một")
    ParticipantFactory(course=a, organisation=x, full_name="Lê Văn Hai")
    ParticipantFactory(course=a, organisation=y, full_name="Lê Văn Ba")
    ParticipantFactory(course=a, organisation=police, audience=Audience.POLICE)
    ParticipantFactory(course=b, organisation=x, full_name="Lê Văn Một")
    ParticipantFactory(
        course=b, organisation=dost, full_name="Trần Thị Lan", audience=Audience.OFFICIALS
    )

    OfficialFactory(organisation=dost, full_name="Trần Thị Lan")
    OfficialFactory(organisation=dost, full_name="Ngô Văn Hùng")
    OfficialFactory(organisation=agency, full_name="Trần Thị Lan")  # a namesake elsewhere
    OfficialFactory(organisation=dost, full_name="Phan Văn Cũ", is_active=False)

    forum = EventFactory(organiser=dost, held_on=dt.date(2025, 5, 20))
    EventAttendanceFactory(event=forum, audience=Audience.BUSINESSES, count=40)
    EventAttendanceFactory(event=forum, audience=Audience.OFFICIALS, count=5)
    EventFactory(organiser=agency, held_on=dt.date(2025, 11, 2))
    conference = EventFactory(
        organiser=dost, kind=Event.Kind.CONFERENCE, held_on=dt.date(2025, 12, 31)
    )
    EventAttendanceFactory(event=conference, audience=Audience.COMMUNE, count=12)
    EventAttendanceFactory(event=conference, audience=Audience.POLICE, count=3)
    last_year = EventFactory(organiser=dost, held_on=dt.date(2024, 12, 31))
    EventAttendanceFactory(event=last_year, audience=Audience.BUSINESSES, count=99)

    EquipmentFactory(holder=dost, quantity=5, cost=Decimal("100000000"))
    EquipmentFactory(holder=agency, quantity=1, cost=Decimal("350000000"))
    EquipmentFactory(holder=dost, quantity=3, bought_on=dt.date(2024, 6, 1))

    ProgrammeFactory(owner=dost, starts_on=dt.date(2024, 2, 1))
    ProgrammeFactory(owner=dost, starts_on=dt.date(2025, 6, 1))
    ProgrammeFactory(
        owner=dost,
        starts_on=dt.date(2023, 1, 1),
        ends_on=dt.date(2024, 12, 31),
        status=Programme.Status.FINISHED,
    )
    ProgrammeFactory(owner=dost, status=Programme.Status.PLANNED)

    AgencyQualityFactory(organisation=dost)
    AgencyQualityFactory(organisation=agency, iso_status=AgencyQuality.IsoStatus.BUILDING)
    AgencyQualityFactory(
        organisation=other_agency,
        iso_status=AgencyQuality.IsoStatus.ANNOUNCED,
        applied_on=dt.date(2026, 2, 1),
    )
    AgencyQualityFactory(organisation=commune_org, iso_status=AgencyQuality.IsoStatus.ASSESSED)
    AgencyQualityFactory(organisation=x)  # a business: not a state agency
    return province


# Hand count for the province in 2025 (see `records`):
EXPECTED_2025 = {
    "capacity.courses_held": Decimal(2),  # a and b; not next year's, the curriculum, Huế's
    "capacity.curricula": Decimal(1),
    "capacity.participants": Decimal(6),  # 4 in a, 2 in b
    "capacity.participants_businesses": Decimal(4),
    "capacity.participants_police": Decimal(1),
    "capacity.participants_officials": Decimal(1),
    "capacity.participants_teachers": Decimal(0),
    "capacity.businesses_trained_share": Decimal("50.00"),  # X and Y of X, Y, Z, W (V inactive)
    "capacity.officials_trained_share": Decimal("33.33"),  # Lan at DoST of 3 active
    "capacity.forums_held": Decimal(2),
    "capacity.events_held": Decimal(3),
    "capacity.event_participants": Decimal(60),  # 40 + 5 at the forum, 12 + 3 at the conference
    "capacity.event_participants_businesses": Decimal(40),  # not last year's 99
    "capacity.event_participants_officials": Decimal(5),
    "capacity.event_participants_commune": Decimal(12),
    "capacity.event_participants_police": Decimal(3),
    "capacity.event_participants_teachers": Decimal(0),
    "capacity.equipment_bought": Decimal(6),  # 5 kits + 1 device
    "capacity.programmes_under_way": Decimal(2),
    "capacity.iso_applied_agencies": Decimal(2),  # DoST, the commune (the other: 2026)
    # of DoST, Sở Tài chính, Sở Y tế, Công an tỉnh and the commune
    "capacity.iso_applied_share": Decimal("40.00"),
    "capacity.awards_decided": Decimal(0),
}


@pytest.mark.parametrize(("key", "expected"), list(EXPECTED_2025.items()))
def test_each_figure_counts_the_records_exactly(records, key, expected):
    assert compute_metric(key, MetricScope(records.pk, *YEAR_2025)) == expected


def test_the_whole_country_adds_the_other_province(records):
    scope = MetricScope(None, *YEAR_2025)
    assert compute_metric("capacity.courses_held", scope) == Decimal(3)
    # the course in Huế has no participants; the businesses are Khánh Hòa's four
    assert compute_metric("capacity.businesses_trained_share", scope) == Decimal("50.00")


def test_shares_are_unknown_without_a_denominator(province):
    scope = MetricScope(province.pk, *YEAR_2025)
    assert compute_metric("capacity.businesses_trained_share", scope) is None
    assert compute_metric("capacity.officials_trained_share", scope) is None
    assert compute_metric("capacity.iso_applied_share", scope) is None


# The 14 numeric targets of the Huế and Hưng Yên seeds (the gold files' targets), as the
# plans write them, and the figure each must find; None: not a capacity figure, and why.
SEED_TARGETS: list[tuple[str, str, str]] = [
    # (text, expected metric key, note)
    (
        "100% các sở, ban, ngành, UBND các quận, huyện, thị xã tổ chức nghiên cứu, quán triệt, "
        "tuyên truyền, phổ biến nội dung Chỉ thị số 38-CT/TW, Quyết định số 1703/QĐ-TTg, Kế "
        "hoạch số 231-KH/TU.",
        "plans.dissemination_reporting_share",
        "plans' figure",
    ),
    (
        "Tổ chức ít nhất 05 diễn đàn đối thoại với doanh nghiệp, tổ chức, cá nhân về hoạt động "
        "tiêu chuẩn, đo lường, chất lượng.",
        "capacity.forums_held",
        "",
    ),
    (
        "Phấn đấu 30% các cơ quan, tổ chức, doanh nghiệp, cơ sở sản xuất, hộ kinh doanh được tập "
        "huấn bồi dưỡng kiến thức chung, nâng cao nhận thức công tác tiêu chuẩn, đo lường, chất "
        "lượng.",
        "capacity.businesses_trained_share",
        "",
    ),
    (
        "Phấn đấu 50% đội ngũ cán bộ, công chức, viên chức hoạt động trong lĩnh vực tiêu chuẩn, "
        "đo lường, chất lượng được đào tạo, bồi dưỡng chuyên môn, nghiệp vụ.",
        "capacity.officials_trained_share",
        "",
    ),
    (
        "100% thông tin, cảnh báo về hàng hoá lưu thông trên thị trường không phù hợp với điều "
        "kiện quy định tại Điều 38 Luật Chất lượng sản phẩm, hàng hoá được xử lý.",
        "surveillance.warnings_handled_share",
        "market surveillance's figure",
    ),
    (
        "100% thông tin phản ánh dưới mọi hình thức của tổ chức, cá nhân trong và ngoài nước về "
        "dấu hiệu vi phạm về tiêu chuẩn, đo lường chất lượng được xử lý.",
        "complaints.handled_share",
        "complaints' figure",
    ),
    (
        "Đầu tư ít nhất 06 trang thiết bị, công cụ, phương tiện, thiết bị kiểm tra, để tăng "
        "cường năng lực của các cơ quan quản lý Nhà nước trên địa bàn thành phố.",
        "capacity.equipment_bought",
        "",
    ),
    (
        "Phấn đấu 50% cán bộ, công chức, viên chức trong các cơ quan nhà nước, các tổ chức, "
        "doanh nghiệp, cơ sở sản xuất, hộ kinh doanh được tập huấn, bồi dưỡng kiến thức về "
        "chuyên môn, nghiệp vụ công tác tiêu chuẩn, đo lường, chất lượng.",
        "capacity.officials_trained_share",
        "",
    ),
    (
        "100% các sở, ban, ngành, UBND huyện, thị xã, thành phố; UBND xã, phường, thị trấn tổ "
        "chức nghiên cứu, quán triệt, tuyên truyền, phổ biến nội dung Chỉ thị số 38-CT/TW, "
        "Quyết định số 1703/QĐ-TTg, Kế hoạch số 346-KH/TU.",
        "plans.dissemination_reporting_share",
        "plans' figure",
    ),
    (
        "Triển khai ít nhất 10 chương trình, đề án, nhiệm vụ khoa học công nghệ về lĩnh vực "
        "tiêu chuẩn đo lường chất lượng.",
        "capacity.programmes_under_way",
        "",
    ),
    (
        "Phấn đấu 100% công chức quản lý nhà nước liên quan về tiêu chuẩn, đo lường, chất lượng "
        "được đào tạo.",
        "capacity.officials_trained_share",
        "",
    ),
    (
        "Tổ chức ít nhất 30 lớp đào tạo, bồi dưỡng, tập huấn cho các cơ quan, đơn vị, doanh "
        "nghiệp và các tổ chức, cá nhân về tiêu chuẩn, quy chuẩn kỹ thuật; đo lường; năng suất; "
        "chất lượng sản phẩm, hàng hóa; nhãn hàng hóa; mã số, mã vạch; truy xuất nguồn gốc.",
        "capacity.courses_held",
        "",
    ),
    (
        "100% thông tin, cảnh báo về hàng hoá lưu thông trên thị trường không phù hợp với điều "
        "kiện quy định tại Điều 38 Luật Chất lượng sản phẩm, hàng hóa và các thông tin phản ánh "
        "về dấu hiệu vi phạm về tiêu chuẩn, đo lường chất lượng được giải quyết.",
        "complaints.handled_share",
        "complaints' figure (the warnings half has no register on this branch)",
    ),
    (
        "Hằng năm tổ chức khảo sát chất lượng ít nhất 20 sản phẩm, hàng hóa để kịp thời thông "
        "tin tới các cơ quan thanh tra, kiểm tra và cảnh báo người tiêu dùng về chất lượng sản "
        "phẩm, hàng hóa đang lưu thông trên thị trường.",
        "surveillance.products_surveyed",
        "market surveillance's figure",
    ),
]
CAPACITY_TARGETS = [t for t in SEED_TARGETS if t[1].startswith("capacity.")]
OTHER_TARGETS = [t for t in SEED_TARGETS if not t[1].startswith("capacity.")]


def test_the_seeds_have_fourteen_numeric_targets_eight_of_them_capacity():
    assert (len(SEED_TARGETS), len(CAPACITY_TARGETS)) == (14, 8)


def _unit(text: str) -> str:
    """The unit the plans' import reads from the target (its counted noun, or "%")."""
    from tdc.plans.ingest.targets import find_numeric_target

    target = find_numeric_target(text)
    assert target is not None
    return target.unit


@pytest.mark.parametrize(("text", "key", "note"), CAPACITY_TARGETS)
def test_a_capacity_target_finds_its_figure_first(text, key, note):
    assert metrics_matching(text, _unit(text))[0].key == key


# The gold files keep a target's first 80 characters. That is enough but for the businesses'
# share, whose first 80 characters stop before "được tập huấn": it then claims no figure
# rather than a wrong one (the import reads the whole text).
SHORTENED = [t for t in CAPACITY_TARGETS if t[1] != "capacity.businesses_trained_share"]


@pytest.mark.parametrize(("text", "key", "note"), SHORTENED)
def test_the_gold_files_shortened_text_finds_the_same_figure(text, key, note):
    assert metrics_matching(text[:80], _unit(text))[0].key == key


def test_a_share_of_businesses_names_the_training_it_counts():
    (text,) = [t for t, key, _ in CAPACITY_TARGETS if key == "capacity.businesses_trained_share"]
    traced = "100% doanh nghiệp sản xuất sản phẩm chủ lực áp dụng hệ thống truy xuất nguồn gốc"
    assert [m.key for m in metrics_matching(text[:80], "%")] == []
    assert [m.key for m in metrics_matching(traced, "%")] == []


def test_a_count_target_is_never_given_a_share_nor_another_count():
    text = "Tổ chức ít nhất 05 diễn đàn đối thoại với doanh nghiệp được tập huấn"
    assert {m.unit for m in metrics_matching(text, "diễn đàn")} == {"diễn đàn"}
    assert "capacity.businesses_trained_share" in {m.key for m in metrics_matching(text)}


@pytest.mark.parametrize(("text", "key", "note"), OTHER_TARGETS)
def test_no_capacity_figure_claims_another_apps_target(text, key, note):
    found = metrics_matching(text, _unit(text))
    assert [m.key for m in found if m.key.startswith("capacity.")] == []


def test_every_numeric_target_of_the_huế_and_hưng_yên_seeds_finds_its_figure():
    """Capacity, plans, complaints and market surveillance together, through the plans'
    import proposal (wording and unit): all 14 numeric targets of the two seeds compute from
    TĐC's own data (the issue asks for at least 12)."""
    from tdc.plans.queries import suggested_metric

    proposed = [suggested_metric(text, _unit(text)) for text, _key, _ in SEED_TARGETS]
    assert proposed == [key for _text, key, _ in SEED_TARGETS]


def test_every_capacity_metric_says_how_targets_name_it():
    from tdc.capacity.metrics import METRICS

    assert [m.key for m in METRICS if not m.wording] == []
