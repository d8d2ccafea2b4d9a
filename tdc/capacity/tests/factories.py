"""One factory per capacity model the tests use."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import factory
from factory.django import DjangoModelFactory

from tdc.accounts.tests.factories import OrganisationFactory
from tdc.capacity.models import (
    AgencyQuality,
    Audience,
    Award,
    Course,
    Equipment,
    Event,
    EventAttendance,
    MeasurementStandard,
    Official,
    Participant,
    Programme,
    SupportApplication,
)
from tdc.core.text import fold


class CourseFactory(DjangoModelFactory[Course]):
    class Meta:
        model = Course

    organiser = factory.SubFactory(OrganisationFactory)
    province = factory.SelfAttribute("organiser.province")
    kind = Course.Kind.WORKSHOP
    title = factory.Sequence(lambda n: f"Tập huấn nhãn hàng hóa và mã số mã vạch lần {n}")
    audience = Audience.BUSINESSES
    starts_on = dt.date(2025, 6, 10)
    ends_on = factory.SelfAttribute("starts_on")
    search_key = factory.LazyAttribute(lambda c: fold(c.title))


class ParticipantFactory(DjangoModelFactory[Participant]):
    class Meta:
        model = Participant

    course = factory.SubFactory(CourseFactory)
    full_name = factory.Sequence(lambda n: f"Nguyễn Văn {chr(65 + n % 26)}{n}")
    organisation = None
    organisation_name = factory.LazyAttribute(
        lambda p: p.organisation.name if p.organisation else ""
    )
    audience = Audience.BUSINESSES
    name_key = factory.LazyAttribute(lambda p: fold(p.full_name))
    organisation_key = factory.LazyAttribute(lambda p: fold(p.organisation_name))


class OfficialFactory(DjangoModelFactory[Official]):
    class Meta:
        model = Official

    organisation = factory.SubFactory(OrganisationFactory)
    province = factory.SelfAttribute("organisation.province")
    full_name = factory.Sequence(lambda n: f"Trần Thị {chr(65 + n % 26)}{n}")
    name_key = factory.LazyAttribute(lambda o: fold(o.full_name))


class EventFactory(DjangoModelFactory[Event]):
    class Meta:
        model = Event

    organiser = factory.SubFactory(OrganisationFactory)
    province = factory.SelfAttribute("organiser.province")
    kind = Event.Kind.FORUM
    title = factory.Sequence(lambda n: f"Diễn đàn đối thoại với doanh nghiệp số {n}")
    held_on = dt.date(2025, 9, 5)


class EventAttendanceFactory(DjangoModelFactory[EventAttendance]):
    class Meta:
        model = EventAttendance

    event = factory.SubFactory(EventFactory)
    audience = Audience.BUSINESSES
    count = 40


class EquipmentFactory(DjangoModelFactory[Equipment]):
    class Meta:
        model = Equipment

    holder = factory.SubFactory(OrganisationFactory)
    province = factory.SelfAttribute("holder.province")
    name = "Bộ kit thử nhanh chất lượng xăng dầu"
    category = Equipment.Category.RAPID_TEST
    quantity = 1
    cost = Decimal("45000000")
    funding = Equipment.Funding.PROVINCE
    bought_on = dt.date(2025, 8, 1)


class StandardFactory(DjangoModelFactory[MeasurementStandard]):
    class Meta:
        model = MeasurementStandard

    holder = factory.SubFactory(OrganisationFactory)
    province = factory.SelfAttribute("holder.province")
    name = "Bộ quả cân chuẩn F1 (1 mg – 20 kg)"
    quantity = "Khối lượng"
    level = MeasurementStandard.Level.WORKING


class AwardFactory(DjangoModelFactory[Award]):
    class Meta:
        model = Award

    province = factory.SelfAttribute("recipient_organisation.province")
    recipient_organisation = factory.SubFactory(OrganisationFactory)
    kind = Award.Kind.PROVINCIAL_QUALITY
    title = "Giải thưởng chất lượng tỉnh"
    decided_on = dt.date(2025, 11, 20)


class AgencyQualityFactory(DjangoModelFactory[AgencyQuality]):
    class Meta:
        model = AgencyQuality

    organisation = factory.SubFactory(OrganisationFactory)
    iso_status = AgencyQuality.IsoStatus.APPLIED


class ProgrammeFactory(DjangoModelFactory[Programme]):
    class Meta:
        model = Programme

    owner = factory.SubFactory(OrganisationFactory)
    province = factory.SelfAttribute("owner.province")
    name = factory.Sequence(lambda n: f"Chương trình nâng cao năng suất và chất lượng số {n}")
    kind = Programme.Kind.PRODUCTIVITY
    starts_on = dt.date(2025, 3, 1)
    status = Programme.Status.UNDER_WAY


class SupportApplicationFactory(DjangoModelFactory[SupportApplication]):
    class Meta:
        model = SupportApplication

    programme = factory.SubFactory(ProgrammeFactory)
    business = factory.SubFactory(OrganisationFactory)
    subject = "Áp dụng ISO 22000 tại nhà máy"
    submitted_on = dt.date(2025, 4, 2)
    requested_amount = Decimal("50000000")
