"""The public site says whose it is: the public home, header and footer on every public page."""

from __future__ import annotations

import pytest
from django.test import override_settings

from tdc.accounts import services
from tdc.accounts.queries import cached_site_owner, forget_site_owner, site_owner

pytestmark = pytest.mark.django_db

CONTACTS = {
    "address": "04 Phan Chu Trinh, phường Nha Trang",
    "phone": "0258 3822 895",
    "email": "sokhcn@khanhhoa.example",
}


@pytest.fixture
def contacts(dost):
    services.update_organisation(dost, by=None, **CONTACTS)
    forget_site_owner()
    return dost


def test_the_site_owner_is_the_one_dost_with_its_contacts(contacts, other_province_dost):
    """Two DoSTs: SITE_PROVINCE names the one that runs the site."""
    with override_settings(SITE_PROVINCE=str(contacts.province_id)):
        owner = site_owner()
    assert (owner.department, owner.address, owner.phone) == (
        "Sở Khoa học và Công nghệ tỉnh Khánh Hòa",
        CONTACTS["address"],
        CONTACTS["phone"],
    )
    with override_settings(SITE_PROVINCE=str(other_province_dost.province_id)):
        assert site_owner().province == other_province_dost.province.name


def test_the_dost_with_users_owns_the_site(contacts, other_province_dost, officer):
    assert site_owner().department == "Sở Khoa học và Công nghệ tỉnh Khánh Hòa"


def test_without_a_dost_the_header_uses_a_neutral_name(db):
    assert site_owner().department == "Sở Khoa học và Công nghệ"
    assert site_owner().phone == ""


def test_the_public_home_lists_the_services_with_the_department_in_header_and_footer(
    client, contacts, officer
):
    page = client.get("/")
    html = page.content.decode()

    assert page.status_code == 200
    assert [s["url"] for s in page.context["services"]] == [
        "/phan-anh/gui/",
        "/phan-anh/theo-doi/",
        "/do-luong/tem/",
        "/phan-anh/thong-ke/",
    ]
    assert html.count("Sở Khoa học và Công nghệ tỉnh Khánh Hòa") == 4  # header, text, footer
    assert 'Đường dây nóng: <a href="tel:02583822895"' in html
    assert 'href="/tai-khoan/dang-nhap/">Cán bộ đăng nhập</a>' in html


@pytest.mark.parametrize(
    "url", ["/phan-anh/gui/", "/phan-anh/theo-doi/", "/phan-anh/thong-ke/", "/do-luong/tem/"]
)
def test_every_public_page_carries_the_department_header_and_footer(client, contacts, officer, url):
    html = client.get(url).content.decode()
    header = html[html.index('<header class="tdc-public-header') : html.index("</header>")]
    footer = html[html.index('data-testid="site-owner"') :]
    assert "Sở Khoa học và Công nghệ tỉnh Khánh Hòa" in header
    assert "0258 3822 895" in header
    assert CONTACTS["address"] in footer


def test_the_stamp_page_carries_the_department_and_links_a_missing_stamp_to_the_form(
    client, contacts, officer
):
    forget_site_owner()
    html = client.get("/do-luong/tem/KH-GIA-01/").content.decode()
    assert '<span class="fw-bold d-block">Sở Khoa học và Công nghệ tỉnh Khánh Hòa</span>' in html
    assert CONTACTS["address"] in html
    assert '<a class="btn btn-danger" href="/phan-anh/gui/?tem=KH-GIA-01">Báo tem nghi giả</a>' in (
        html
    )
    form = client.get("/phan-anh/gui/?tem=KH-GIA-01").context["form"]
    assert form["category"].value() == "measurement_fraud"
    assert form["description"].value() == (
        "Tôi tra cứu tem kiểm định số “KH-GIA-01” nhưng hệ thống không tìm thấy: tem có thể là "
        "giả. Phương tiện đo mang tem này ở: "
    )


def test_changing_the_department_refreshes_the_cached_header(contacts):
    assert cached_site_owner().phone == CONTACTS["phone"]
    services.update_organisation(contacts, by=None, phone="1800 1234")
    assert cached_site_owner().phone == CONTACTS["phone"]  # not committed yet (test transaction)
    forget_site_owner()
    assert cached_site_owner().phone == "1800 1234"


def test_staff_still_get_their_home_and_not_the_public_one(client, officer):
    client.force_login(officer)
    assert client.get("/").templates[0].name == "core/home.html"
