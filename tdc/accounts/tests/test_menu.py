"""Every persona's menu: exactly the entries their capabilities allow, each answering 200."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from tdc.accounts.models import User
from tdc.accounts.permissions import requires_second_factor

pytestmark = pytest.mark.django_db

EXPECTED_MENUS: dict[str, list[str]] = {
    "admin_user": [
        "plans:plan_list",
        "plans:dashboard",
        "plans:indicator_list",
        "national:overview",
        "complaints:list",
        "complaints:record",
        "complaints:routing_rules",
        "complaints:statistics",
        "metrology:instrument_list",
        "metrology:dashboard",
        "metrology:type_list",
        "metrology:import_start",
        "capacity:overview",
        "surveillance:overview",
        "traceability:overview",
        "standards:standard_list",
        "standards:alert_list",
        "standards:project_list",
        "conformity:declaration_list",
        "plans:notification_list",
        "exchange:subscription_list",
        "accounts:organisation_list",
        "accounts:audit_log",
        "opendata:catalogue",
    ],
    "approver": [
        "plans:my_tasks",
        "plans:plan_list",
        "complaints:list",
        "complaints:statistics",
        "capacity:overview",
        "standards:standard_list",
        "plans:notification_list",
        "opendata:catalogue",
    ],
    "business_user": [
        "metrology:instrument_list",
        "metrology:type_list",
        "metrology:import_start",
        "surveillance:overview",
        "traceability:overview",
        "standards:standard_list",
        "standards:alert_list",
        "standards:enquiry_list",
        "conformity:declaration_list",
        "plans:notification_list",
        "opendata:catalogue",
    ],
    "commune_officer": [
        "plans:my_tasks",
        "plans:plan_list",
        "complaints:list",
        "complaints:statistics",
        "metrology:instrument_list",
        "metrology:type_list",
        "capacity:overview",
        "standards:standard_list",
        "plans:notification_list",
        "opendata:catalogue",
    ],
    "custodian": [
        "complaints:disclosure_list",
        "standards:standard_list",
        "plans:notification_list",
        "opendata:catalogue",
    ],
    "leader": [
        "plans:plan_list",
        "plans:dashboard",
        "plans:indicator_list",
        "complaints:list",
        "complaints:statistics",
        "metrology:instrument_list",
        "metrology:dashboard",
        "metrology:type_list",
        "capacity:overview",
        "surveillance:overview",
        "traceability:overview",
        "standards:standard_list",
        "standards:project_list",
        "conformity:declaration_list",
        "plans:notification_list",
        "accounts:organisation_list",
        "opendata:catalogue",
    ],
    "ministry_viewer": [
        "plans:plan_list",
        "plans:dashboard",
        "plans:indicator_list",
        "national:overview",
        "complaints:list",
        "complaints:statistics",
        "metrology:instrument_list",
        "metrology:type_list",
        "capacity:overview",
        "surveillance:overview",
        "traceability:overview",
        "standards:standard_list",
        "standards:project_list",
        "conformity:declaration_list",
        "plans:notification_list",
        "accounts:organisation_list",
        "opendata:catalogue",
    ],
    "officer": [
        "plans:my_tasks",
        "plans:plan_list",
        "plans:dashboard",
        "plans:indicator_list",
        "complaints:list",
        "complaints:record",
        "complaints:routing_rules",
        "complaints:statistics",
        "metrology:instrument_list",
        "metrology:dashboard",
        "metrology:type_list",
        "metrology:import_start",
        "capacity:overview",
        "surveillance:overview",
        "traceability:overview",
        "standards:standard_list",
        "standards:alert_list",
        "standards:enquiry_list",
        "standards:project_list",
        "conformity:declaration_list",
        "plans:notification_list",
        "accounts:organisation_list",
        "opendata:catalogue",
    ],
    "reporter": [
        "plans:my_tasks",
        "plans:plan_list",
        "complaints:list",
        "complaints:statistics",
        "capacity:overview",
        "standards:standard_list",
        "plans:notification_list",
        "opendata:catalogue",
    ],
}


def logged_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    if requires_second_factor(user):  # administrators and custodians pass TOTP first
        device = TOTPDevice.objects.create(user=user, name="TĐC", confirmed=True)
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
    return client


@pytest.mark.parametrize("persona", sorted(EXPECTED_MENUS))
def test_every_menu_entry_is_allowed_and_answers_200(persona: str, request) -> None:
    user = request.getfixturevalue(persona)
    client = logged_in(user)
    home = client.get("/")
    assert home.status_code == 200
    items = home.context["nav_items"]
    assert sorted(i["name"] for i in items) == sorted(EXPECTED_MENUS[persona])
    html = home.content.decode()
    menu = html[html.index('data-testid="main-menu"') : html.index('class="d-flex align-items')]
    links = re.findall(r'href="([^"]+)"', menu)
    assert sorted(links) == sorted(i["url"] for i in items)
    statuses = {link: client.get(link).status_code for link in links}
    assert statuses == dict.fromkeys(links, 200)


def test_the_administrators_bar_groups_entries_in_drop_downs(admin_user) -> None:
    menu = logged_in(admin_user).get("/").context["nav_menu"]
    top = [entry["label"] for entry in menu]
    assert top == [
        "Kế hoạch 38",
        "Toàn quốc",
        "Phản ánh",
        "Đo lường",
        "Chất lượng",
        "Tiêu chuẩn",
        "Thông báo",
        "Hệ thống",
    ]
    assert [i["label"] for i in menu[3]["items"]] == [
        "Phương tiện đo",
        "Tổng quan đo lường",
        "Danh mục phương tiện đo nhóm 2",
        "Nhập từ tệp",
    ]


def test_a_group_of_one_is_shown_as_a_plain_entry(custodian) -> None:
    menu = logged_in(custodian).get("/").context["nav_menu"]
    assert [(e["label"], e["items"]) for e in menu] == [
        ("Công khai danh tính", []),
        ("Tiêu chuẩn", []),
        ("Thông báo", []),
        ("Dữ liệu mở", []),
    ]


def test_the_complaint_list_offers_only_the_buttons_the_user_may_use(
    reporter, officer, ministry_viewer
) -> None:
    def buttons(user: User) -> list[str]:
        html = logged_in(user).get("/phan-anh/").content.decode()
        start = html.index("<h1")
        head = html[start : html.index("<form", start)]
        return re.findall(r'class="btn[^"]*" href="([^"?]+)', head)

    assert buttons(reporter) == ["/phan-anh/cong-khai-danh-tinh/", "/phan-anh/thong-ke/"]
    assert buttons(ministry_viewer) == ["/phan-anh/xuat/", "/phan-anh/xuat/", "/phan-anh/thong-ke/"]
    assert buttons(officer) == [
        "/phan-anh/xuat/",
        "/phan-anh/xuat/",
        "/phan-anh/tiep-nhan/",
        "/phan-anh/dinh-tuyen/",
        "/phan-anh/cong-khai-danh-tinh/",
        "/phan-anh/thong-ke/",
    ]
