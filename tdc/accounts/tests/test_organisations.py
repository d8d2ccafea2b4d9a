"""Who may change an organisation, and the one DoST of each province (issue 9, item 1)."""

import importlib

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse

from tdc.accounts.models import Organisation
from tdc.accounts.queries import dost_of_province
from tdc.accounts.services import create_organisation, issue_api_token, update_organisation
from tdc.core.models import AuditEvent

DOST_TAKEN = (
    "Tỉnh này đã có Sở Khoa học và Công nghệ (Sở Khoa học và Công nghệ): mỗi tỉnh chỉ có một "
    "cơ quan thuộc loại này."
)
migration = importlib.import_module(
    "tdc.accounts.migrations.0002_one_dost_per_province_and_contact_fields"
)


def _edit(client, organisation, data):
    return client.post(reverse("accounts:organisation_edit", args=[organisation.pk]), data)


def test_a_business_user_cannot_make_its_business_the_dost(client, business_user, business, dost):
    """The attack of the issue: kind DoST and the DoST's name as an alias."""
    client.force_login(business_user)

    response = _edit(
        client,
        business,
        {
            "name": "Sở Khoa học và Công nghệ tỉnh Khánh Hòa",
            "kind": "dost",
            "aliases_text": "Sở Khoa học và Công nghệ\nSở KH&CN",
            "parent": dost.pk,
            "tax_code": "0000000000",
            "email": "lienhe@bienxanh.vn",
            "phone": "0258 3 123 456",
            "address": "12 Trần Phú, Nha Trang",
        },
    )

    assert response.status_code == 302
    business.refresh_from_db()
    assert (business.name, business.kind, business.aliases, business.parent, business.tax_code) == (
        "Công ty TNHH Xăng dầu Biển Xanh",
        "business",
        [],
        None,
        "",
    )
    assert business.is_active is True
    assert (business.email, business.phone, business.address) == (
        "lienhe@bienxanh.vn",
        "0258 3 123 456",
        "12 Trần Phú, Nha Trang",
    )
    assert dost_of_province(business.province_id) == dost
    event = AuditEvent.objects.get(action="organisation.updated")
    assert event.actor == business_user
    assert set(event.data["changes"]) == {"email", "phone", "address"}


def test_a_member_sees_only_the_contact_fields(client, business_user, business):
    client.force_login(business_user)

    response = client.get(reverse("accounts:organisation_edit", args=[business.pk]))

    assert response.status_code == 200
    assert list(response.context["form"].fields) == ["email", "phone", "address"]
    assert "do quản trị hệ thống hoặc cán bộ TĐC của tỉnh thay đổi" in response.content.decode()


def test_the_service_refuses_a_member_changing_what_the_platform_trusts(business_user, business):
    for values in (
        {"kind": "dost"},
        {"aliases": ["Sở KH&CN"]},
        {"is_active": False},
        {"name": "Sở Khoa học và Công nghệ tỉnh Khánh Hòa"},
        {"email": "a@b.vn", "kind": "dost"},
    ):
        with pytest.raises(PermissionDenied):
            update_organisation(business, by=business_user, **values)

    business.refresh_from_db()
    assert business.kind == "business"
    assert not AuditEvent.objects.filter(action="organisation.updated").exists()


def test_an_officer_of_another_province_is_refused(client, other_province_officer, agency):
    client.force_login(other_province_officer)

    assert _edit(client, agency, {"name": "Sở Tài chính", "kind": "dost"}).status_code == 404
    with pytest.raises(PermissionDenied):
        update_organisation(agency, by=other_province_officer, kind="dost")
    with pytest.raises(PermissionDenied):
        update_organisation(agency, by=other_province_officer, email="x@y.vn")
    agency.refresh_from_db()
    assert (agency.kind, agency.email) == ("department", "")


def test_the_officer_of_the_province_changes_kind_and_aliases_and_it_is_audited(
    client, officer, business
):
    client.force_login(officer)

    response = _edit(
        client,
        business,
        {
            "name": business.name,
            "kind": "testing_body",
            "aliases_text": "Biển Xanh",
            "is_active": "",
        },
    )

    assert response.status_code == 302
    business.refresh_from_db()
    assert (business.kind, business.aliases, business.is_active) == (
        "testing_body",
        ["Biển Xanh"],
        False,
    )
    event = AuditEvent.objects.get(action="organisation.updated")
    assert event.actor == officer
    assert event.data["changes"] == {
        "aliases": {"old": [], "new": ["Biển Xanh"]},
        "kind": {"old": "business", "new": "testing_body"},
        "is_active": {"old": True, "new": False},
    }


def test_a_system_administrator_manages_organisations_of_any_province(
    admin_user, other_province_dost
):
    update_organisation(other_province_dost, by=admin_user, aliases=["Sở KH&CN Huế"])

    other_province_dost.refresh_from_db()
    assert other_province_dost.aliases == ["Sở KH&CN Huế"]


def test_a_second_dost_is_refused_by_the_form(client, officer, dost, agency):
    client.force_login(officer)

    response = _edit(client, agency, {"name": agency.name, "kind": "dost", "is_active": "on"})

    assert response.status_code == 200
    assert response.context["form"].errors == {"kind": [DOST_TAKEN]}
    agency.refresh_from_db()
    assert agency.kind == "department"


def test_a_second_dost_is_refused_by_the_service(officer, dost, agency, province):
    with pytest.raises(ValidationError) as update:
        update_organisation(agency, by=officer, kind="dost")
    with pytest.raises(ValidationError) as create:
        create_organisation(name="Sở KH&CN mới", kind="dost", province=province, by=None)

    assert update.value.message_dict == {"kind": [DOST_TAKEN]}
    assert create.value.message_dict == {"kind": [DOST_TAKEN]}
    assert list(Organisation.objects.filter(kind="dost", province=province)) == [dost]


def test_a_second_dost_is_refused_by_the_api(client, officer, dost, agency):
    _token, key = issue_api_token(officer, name="test")

    response = client.patch(
        f"/api/v1/organisations/{agency.pk}",
        {"kind": "dost"},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {key}",
    )

    assert response.status_code == 422
    assert response.json() == {"detail": [DOST_TAKEN]}
    agency.refresh_from_db()
    assert agency.kind == "department"


def test_the_api_lets_members_edit_only_contact_fields(client, business_user, business):
    _token, key = issue_api_token(business_user, name="test")
    headers = {"HTTP_AUTHORIZATION": f"Bearer {key}", "content_type": "application/json"}
    url = f"/api/v1/organisations/{business.pk}"

    refused = client.patch(url, {"kind": "dost", "aliases": ["Sở KH&CN"]}, **headers)
    accepted = client.patch(url, {"phone": "0258 3 999 999"}, **headers)

    assert refused.status_code == 403
    assert refused.json() == {"detail": "Bạn không có quyền thay đổi thông tin này."}
    assert accepted.status_code == 200
    business.refresh_from_db()
    assert (business.kind, business.aliases, business.phone) == ("business", [], "0258 3 999 999")


def test_the_database_holds_one_dost_per_province(dost, province):
    with pytest.raises(IntegrityError), transaction.atomic():
        Organisation.objects.create(name="Sở KH&CN (trùng)", kind="dost", province=province)


def test_the_dost_of_a_province_is_not_the_first_by_name(dost, province, business):
    """Before, a business named 'Công ty …' that claimed the kind came first by name."""
    assert Organisation.objects.filter(province=province).order_by("name").first() == business
    assert dost_of_province(province.pk) == dost


def test_a_parent_cannot_be_its_own_descendant(officer, agency, other_agency):
    update_organisation(other_agency, by=officer, parent=agency)

    with pytest.raises(ValidationError) as error:
        update_organisation(agency, by=officer, parent=other_agency)

    assert error.value.message_dict == {
        "parent": ["Cơ quan cấp trên không thể là chính cơ quan này."]
    }


@pytest.mark.django_db(transaction=True)
def test_the_migration_keeps_the_real_dost_and_gives_the_impostor_its_kind_back():
    before = [("accounts", "0001_initial"), ("core", "0003_holiday")]
    after = [("accounts", migration.__name__.rsplit(".", 1)[1])]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    old = executor.loader.project_state(before).apps
    province = old.get_model("accounts", "Province").objects.create(
        code=56, name="Khánh Hòa", codename="khanh_hoa", division_type="tỉnh"
    )
    organisations = old.get_model("accounts", "Organisation").objects
    # The impostor comes first by name and was set to DoST through the edit page.
    impostor = organisations.create(name="Công ty A", kind="dost", province=province)
    real = organisations.create(name="Sở Khoa học và Công nghệ", kind="dost", province=province)
    unknown = organisations.create(name="Công ty B", kind="dost", province=province)
    officer = old.get_model("accounts", "User").objects.create(username="canbo", organisation=real)
    old.get_model("accounts", "RoleGrant").objects.create(user=officer, role="tdc_officer")
    old.get_model("core", "AuditEvent").objects.create(
        action="organisation.updated",
        target_type="accounts.organisation",
        target_id=str(impostor.pk),
        data={"changes": {"kind": {"old": "business", "new": "dost"}}},
    )

    try:
        executor = MigrationExecutor(connection)
        executor.migrate(after)
        kinds = dict(Organisation.objects.values_list("name", "kind"))
        assert kinds == {
            "Công ty A": "business",
            "Sở Khoa học và Công nghệ": "dost",
            "Công ty B": "other",
        }
        withdrawn = AuditEvent.objects.filter(action="organisation.dost_kind_withdrawn")
        assert sorted(e.target_id for e in withdrawn) == sorted([str(impostor.pk), str(unknown.pk)])

        executor = MigrationExecutor(connection)
        executor.migrate(before)
        assert set(organisations.values_list("kind", flat=True)) == {"dost"}
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())


def test_the_api_documents_what_a_change_can_answer(client, db):
    operation = client.get("/api/v1/openapi.json").json()["paths"]["/api/v1/organisations/{pk}"]

    assert set(operation["patch"]["responses"]) == {"200", "400", "401", "403", "404", "422"}


def test_the_api_hides_another_provinces_organisation(client, other_province_officer, agency):
    _token, key = issue_api_token(other_province_officer, name="test")

    response = client.patch(
        f"/api/v1/organisations/{agency.pk}",
        {"kind": "dost"},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {key}",
    )

    assert response.status_code == 404
    agency.refresh_from_db()
    assert agency.kind == "department"


def test_only_a_system_administrator_manages_a_body_of_no_province(officer, admin_user, ministry):
    with pytest.raises(PermissionDenied):
        update_organisation(ministry, by=officer, short_name="Bộ KH&CN")

    update_organisation(ministry, by=admin_user, short_name="Bộ KH&CN")

    ministry.refresh_from_db()
    assert ministry.short_name == "Bộ KH&CN"
