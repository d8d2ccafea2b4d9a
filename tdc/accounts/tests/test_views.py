import pytest
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from tdc.accounts.tests.factories import TEST_PASSWORD, OrganisationFactory
from tdc.core.models import AuditEvent

LOGIN = "/tai-khoan/dang-nhap/"


def _post_login(client, username, password):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR="10.0.0.9")


def test_login_page_is_vietnamese(client, db):
    response = client.get(LOGIN)

    body = response.content.decode()
    assert response.status_code == 200
    assert "Đăng nhập TĐC" in body
    assert "Tên đăng nhập" in body
    assert 'lang="vi"' in body


def test_wrong_password_says_so_in_vietnamese_and_is_audited(client, officer):
    response = _post_login(client, officer.username, "sai-mat-khau")

    assert response.status_code == 200
    assert "Tên đăng nhập hoặc mật khẩu không đúng" in response.content.decode()
    event = AuditEvent.objects.get(action="auth.login_failed")
    assert event.data == {"username": officer.username}


def test_successful_login_is_audited_and_lands_on_home(client, officer):
    response = _post_login(client, officer.username, TEST_PASSWORD)

    assert response.status_code == 302
    assert response.url == "/"
    assert AuditEvent.objects.filter(action="auth.login", actor=officer).count() == 1


def test_five_failures_lock_the_account_even_with_the_right_password(client, officer):
    for _ in range(5):
        _post_login(client, officer.username, "sai-mat-khau")

    response = _post_login(client, officer.username, TEST_PASSWORD)

    assert response.status_code == 429
    assert "Tạm khóa đăng nhập" in response.content.decode()
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize("persona", ["admin_user", "custodian"])
def test_privileged_roles_must_enrol_and_pass_totp(client, request, persona):
    user = request.getfixturevalue(persona)
    _post_login(client, user.username, TEST_PASSWORD)

    home = client.get("/")
    assert home.status_code == 302
    assert home.url.startswith(reverse("accounts:two_factor"))
    page = client.get(reverse("accounts:two_factor"))
    assert "Quét mã QR" in page.content.decode()

    device = TOTPDevice.objects.get(user=user, confirmed=False)
    code = f"{totp(device.bin_key):06d}"
    done = client.post(reverse("accounts:two_factor") + "?next=/", {"code": code})

    assert done.status_code == 302
    assert client.get("/").status_code == 200
    device.refresh_from_db()
    assert device.confirmed is True
    assert AuditEvent.objects.filter(action="auth.second_factor_enrolled", actor=user).count() == 1


def test_a_wrong_second_factor_code_is_refused_in_vietnamese(client, admin_user):
    client.force_login(admin_user)
    client.get(reverse("accounts:two_factor"))

    wrong = client.post(reverse("accounts:two_factor"), {"code": "000000"})

    assert "Mã xác thực không đúng hoặc đã hết hạn." in wrong.content.decode()
    assert client.get("/").status_code == 302
    assert AuditEvent.objects.filter(action="auth.second_factor_failed").count() == 1


@pytest.mark.parametrize(
    "persona", ["officer", "reporter", "approver", "commune_officer", "business_user", "leader"]
)
def test_other_roles_are_not_asked_for_a_second_factor(client, request, persona):
    user = request.getfixturevalue(persona)
    client.force_login(user)

    assert client.get("/").status_code == 200


def test_home_shows_who_i_am_and_my_organisation(client, reporter):
    client.force_login(reporter)

    body = client.get("/").content.decode()

    assert reporter.full_name in body
    assert ">Sở Tài chính</a> — Khánh Hòa" in body
    assert "Cán bộ báo cáo của cơ quan" in body


def test_logout_is_a_post_and_ends_the_session(client, officer):
    client.force_login(officer)

    response = client.post(reverse("accounts:logout"))

    assert response.status_code == 302
    assert client.get(reverse("accounts:profile")).status_code == 302
    assert AuditEvent.objects.filter(action="auth.logout", actor=officer).count() == 1


def test_password_change_works_in_vietnamese(client, officer):
    client.force_login(officer)

    page = client.get(reverse("accounts:password_change"))
    response = client.post(
        reverse("accounts:password_change"),
        {
            "old_password": TEST_PASSWORD,
            "new_password1": "Mot-mat-khau-moi-2026",
            "new_password2": "Mot-mat-khau-moi-2026",
        },
    )

    assert "Đổi mật khẩu" in page.content.decode()
    assert response.status_code == 302
    officer.refresh_from_db()
    assert officer.check_password("Mot-mat-khau-moi-2026")


def test_organisation_search_ignores_accents(client, officer, dost, agency, other_agency):
    client.force_login(officer)

    response = client.get(reverse("accounts:organisation_list"), {"q": "so khcn"})

    names = [o.name for o in response.context["page"]]
    assert names == ["Sở Khoa học và Công nghệ"]


def test_organisation_list_partial_for_htmx(client, officer, dost):
    client.force_login(officer)

    response = client.get(
        reverse("accounts:organisation_list"), {"q": "tai chinh"}, HTTP_HX_REQUEST="true"
    )

    assert response.status_code == 200
    assert "<html" not in response.content.decode()


@pytest.mark.parametrize("item_count", [1, 3])
def test_organisation_list_query_count_is_constant(
    client, officer, item_count, django_assert_num_queries
):
    OrganisationFactory.create_batch(item_count, province=officer.organisation.province)
    client.force_login(officer)

    with django_assert_num_queries(6):
        response = client.get(reverse("accounts:organisation_list"))

    assert len(response.context["page"]) == item_count + 1


def test_organisation_of_another_province_is_not_found(client, officer, other_province_dost):
    client.force_login(officer)

    response = client.get(other_province_dost.get_absolute_url())

    assert response.status_code == 404


def test_reporter_cannot_edit_another_agency(client, reporter, other_agency, agency):
    client.force_login(reporter)

    assert (
        client.get(reverse("accounts:organisation_edit", args=[other_agency.pk])).status_code == 404
    )
    assert client.get(reverse("accounts:organisation_edit", args=[agency.pk])).status_code == 200


def test_leader_sees_but_cannot_edit(client, leader, agency):
    client.force_login(leader)

    assert client.get(agency.get_absolute_url()).status_code == 200
    assert client.get(reverse("accounts:organisation_edit", args=[agency.pk])).status_code == 403


def test_editing_an_organisation_records_old_and_new_values(client, officer, agency):
    client.force_login(officer)

    response = client.post(
        reverse("accounts:organisation_edit", args=[agency.pk]),
        {
            "name": "Sở Tài chính",
            "short_name": "STC",
            "kind": "department",
            "aliases_text": "Sở Tài Chính tỉnh Khánh Hòa\nSTC Khánh Hòa",
            "is_active": "on",
        },
    )

    assert response.status_code == 302
    event = AuditEvent.objects.get(action="organisation.updated")
    assert event.actor == officer
    assert event.data["changes"] == {
        "short_name": {"old": "", "new": "STC"},
        "aliases": {"old": [], "new": ["STC Khánh Hòa", "Sở Tài Chính tỉnh Khánh Hòa"]},
    }


def test_invalid_organisation_form_keeps_what_was_typed(client, officer, agency):
    client.force_login(officer)

    response = client.post(
        reverse("accounts:organisation_edit", args=[agency.pk]),
        {"name": "", "short_name": "Tên tắt đã gõ", "kind": "department"},
    )

    assert response.status_code == 200
    assert 'value="Tên tắt đã gõ"' in response.content.decode()
    assert not AuditEvent.objects.filter(action="organisation.updated").exists()


def test_login_page_leads_citizens_to_the_public_services(client, db):
    body = client.get(LOGIN).content.decode()

    for url in ("/phan-anh/gui/", "/phan-anh/theo-doi/", "/do-luong/tem/", "/phan-anh/thong-ke/"):
        assert f'href="{url}"' in body
        assert client.get(url).status_code == 200, url
