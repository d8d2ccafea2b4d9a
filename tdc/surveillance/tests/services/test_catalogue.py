import pytest
from django.core.exceptions import ValidationError

from tdc.accounts.models import Organisation
from tdc.accounts.tests.factories import OrganisationFactory
from tdc.core.models import AuditEvent
from tdc.surveillance import services
from tdc.surveillance.models import Establishment, Product
from tdc.surveillance.tests.factories import category


def test_create_product_stores_the_gtin_as_14_digits_and_logs_it(officer, province):
    product = services.create_product(
        province=province,
        name="Xe đẩy đồ chơi",
        brand="Bé Vui",
        gtin="8934567000048",
        category=category(),
        by=officer,
    )

    assert product.gtin == "08934567000048"
    assert product.search_key == "xe day do choi be vui 08934567000048"
    event = AuditEvent.objects.get(action="surveillance.product_created")
    assert event.data["values"]["gtin"] == "08934567000048"


def test_create_product_refuses_a_wrong_check_digit(officer, province):
    with pytest.raises(ValidationError) as error:
        services.create_product(
            province=province, name="X", gtin="8934567000049", category=category(), by=officer
        )

    assert error.value.messages == ["Mã GTIN 8934567000049 sai số kiểm tra: hãy đọc lại mã vạch."]
    assert not Product.objects.exists()


def test_create_product_refuses_a_gtin_already_recorded(officer, province):
    services.create_product(
        province=province, name="A", gtin="8934567000048", category=category(), by=officer
    )
    with pytest.raises(ValidationError) as error:
        services.create_product(
            province=province, name="B", gtin="08934567000048", category=category(), by=officer
        )

    assert error.value.message_dict == {"gtin": ["Đã có sản phẩm mang mã GTIN 08934567000048."]}


def test_register_establishment_creates_a_business_organisation(officer, province):
    establishment = services.register_establishment(
        province=province,
        by=officer,
        name="Cửa hàng Hòa Phát",
        tax_code="4201111111",
        channels=["shop", "online"],
    )

    organisation = establishment.organisation
    assert (organisation.kind, organisation.tax_code, organisation.province) == (
        Organisation.Kind.BUSINESS,
        "4201111111",
        province,
    )
    assert establishment.channels == ["shop", "online"]


def test_register_establishment_finds_a_duplicate_by_accent_insensitive_name(officer, province):
    services.register_establishment(province=province, by=officer, name="Cửa hàng Hòa Phát")

    with pytest.raises(ValidationError) as error:
        services.register_establishment(province=province, by=officer, name="cua hang hoa phat")

    assert error.value.message_dict["name"] == [
        "Đã có cơ sở tên “Cửa hàng Hòa Phát”. Chọn cơ sở đó, hoặc xác nhận đây là một cơ sở khác."
    ]
    assert Establishment.objects.count() == 1


def test_a_confirmed_namesake_is_a_second_establishment(officer, province):
    services.register_establishment(province=province, by=officer, name="Cửa hàng Hòa Phát")

    services.register_establishment(
        province=province, by=officer, name="Cua hang Hoa Phat", allow_similar_name=True
    )
    with pytest.raises(ValidationError):  # the very same name is never a second business
        services.register_establishment(
            province=province, by=officer, name="Cửa hàng Hòa Phát", allow_similar_name=True
        )

    assert Establishment.objects.count() == 2


def test_register_establishment_refuses_a_known_tax_code(officer, province):
    OrganisationFactory(
        name="Công ty TNHH Minh Long",
        kind=Organisation.Kind.BUSINESS,
        province=province,
        tax_code="4202222222",
    )

    with pytest.raises(ValidationError) as error:
        services.register_establishment(
            province=province,
            by=officer,
            name="Một tên khác",
            tax_code="4202222222",
            allow_similar_name=True,
        )

    assert error.value.message_dict["tax_code"] == [
        "Mã số thuế 4202222222 đã thuộc về “Công ty TNHH Minh Long”: hãy chọn cơ sở đó."
    ]


def test_an_existing_organisation_gets_one_establishment(officer, province, business):
    first = services.register_establishment(province=province, by=officer, organisation=business)
    again = services.register_establishment(province=province, by=officer, organisation=business)

    assert first == again
    assert first.organisation == business


def test_only_a_business_of_the_province_can_be_an_establishment(officer, province, agency):
    with pytest.raises(ValidationError):
        services.register_establishment(province=province, by=officer, organisation=agency)


def test_update_establishment_records_before_and_after(officer, province):
    establishment = services.register_establishment(province=province, by=officer, name="Sạp Ba")

    services.update_establishment(
        establishment,
        by=officer,
        channels=["stall", "online"],
        volume="medium",
        categories=[category()],
    )

    event = AuditEvent.objects.get(action="surveillance.establishment_updated")
    assert (event.data["before"]["channels"], event.data["after"]["channels"]) == (
        [],
        ["stall", "online"],
    )
    assert list(establishment.categories.all()) == [category()]


def test_update_establishment_refuses_an_unknown_channel(officer, province):
    establishment = services.register_establishment(province=province, by=officer, name="Sạp Ba")

    with pytest.raises(ValidationError):
        services.update_establishment(
            establishment, by=officer, channels=["tivi"], volume="small", categories=[]
        )


def test_load_categories_is_idempotent(db):
    assert services.load_categories() == 8
    assert services.load_categories() == 8


def test_a_testing_body_can_be_inspected_as_an_establishment(officer, province):
    lab = OrganisationFactory(
        name="Trung tâm Kỹ thuật TĐC", kind=Organisation.Kind.TESTING_BODY, province=province
    )

    establishment = services.register_establishment(province=province, by=officer, organisation=lab)

    assert establishment.organisation.pk == lab.pk
