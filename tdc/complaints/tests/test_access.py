"""Who sees and changes which complaint; identity disclosure; the one door to identity."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
import time_machine
from django.core.exceptions import ValidationError

from tdc.accounts.models import Role
from tdc.accounts.tests.factories import UserFactory
from tdc.complaints import services
from tdc.complaints.access import identity_for_user
from tdc.complaints.models import Complaint, IdentityDisclosureRequest, RoutingRule
from tdc.complaints.tests.factories import ComplaintFactory, make_organisation
from tdc.complaints.tests.helpers import PLANTED, SECRET_NAME, SECRET_PHONE, assert_no_identity
from tdc.core.models import AuditEvent

ACCEPT = "/phan-anh/{pk}/xu-ly/accept/"


@pytest.fixture
def routed(agency, commune):
    """A complaint routed to `agency` (Sở Tài chính), in Khánh Hòa."""
    return ComplaintFactory(organisation=agency, province=agency.province, commune=commune)


@pytest.mark.parametrize(
    ("persona", "sees", "acts"),
    [
        ("reporter", True, True),  # its organisation handles it
        ("approver", True, True),
        ("officer", True, True),  # DoST: the whole province
        ("admin_user", True, True),
        ("leader", True, False),  # province, read-only
        ("ministry_viewer", True, False),  # national, read-only
        ("other_reporter", False, False),  # another department
        ("commune_officer", False, False),
        ("other_province_officer", False, False),
        ("business_user", False, False),  # never: it may be the business reported
        ("custodian", False, False),  # decides disclosures, does not handle complaints
    ],
)
def test_who_sees_and_acts_on_a_complaint(client, verify, routed, request, persona, sees, acts):
    user = request.getfixturevalue(persona)
    verify(client, user)

    listed = client.get("/phan-anh/")
    detail = client.get(f"/phan-anh/{routed.pk}/")
    action = client.post(ACCEPT.format(pk=routed.pk), {"accept-note": ""})

    if sees:
        assert [c for c, _state in listed.context["rows"]] == [routed]
        assert detail.status_code == 200
    else:
        assert listed.status_code in (200, 403)
        if listed.status_code == 200:
            assert listed.context["rows"] == []
        assert detail.status_code == 404
    routed.refresh_from_db()
    if acts:
        assert action.status_code == 302
        assert routed.status == Complaint.Status.ACCEPTED
    else:
        assert action.status_code == (403 if sees else 404)
        assert routed.status == Complaint.Status.RECEIVED


def test_business_users_and_custodians_get_no_complaint_list(
    client, verify, business_user, custodian
):
    client.force_login(business_user)
    assert client.get("/phan-anh/").status_code == 403
    verify(client, custodian)
    assert client.get("/phan-anh/").status_code == 403


def test_staff_pages_need_a_login(client, routed):
    for url in [
        "/phan-anh/",
        f"/phan-anh/{routed.pk}/",
        "/phan-anh/xuat/",
        "/phan-anh/dinh-tuyen/",
    ]:
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/tai-khoan/dang-nhap/")


def test_a_custodian_must_pass_the_second_factor(client, custodian):
    client.force_login(custodian)

    response = client.get("/phan-anh/cong-khai-danh-tinh/")

    assert response.status_code == 302
    assert response["Location"].startswith("/tai-khoan/xac-thuc-hai-buoc/")


def test_nav_shows_complaints_to_handlers_and_disclosures_to_custodians(
    client, verify, officer, custodian, business_user
):
    client.force_login(officer)
    names = [item["name"] for item in client.get("/").context["nav_items"]]
    assert "complaints:list" in names
    assert "complaints:disclosure_list" not in names
    verify(client, custodian)
    names = [item["name"] for item in client.get("/").context["nav_items"]]
    assert "complaints:disclosure_list" in names
    assert "complaints:list" not in names
    client.force_login(business_user)
    names = [item["name"] for item in client.get("/").context["nav_items"]]
    assert "complaints:list" not in names


STAFF_LINK = re.compile(r'href="(/phan-anh/(?!gui/|theo-doi/|thong-ke/|xuat/)[^"#]*)"')
BUTTONS = {"/phan-anh/dinh-tuyen/": "routing", "/phan-anh/cong-khai-danh-tinh/": "disclosures"}


@pytest.mark.parametrize(
    ("persona", "buttons"),
    [
        ("officer", {"routing", "disclosures"}),
        ("admin_user", {"routing", "disclosures"}),
        # Routing rules are offered to those who set them; handlers follow their own requests.
        ("reporter", {"disclosures"}),
        ("approver", {"disclosures"}),
        ("commune_officer", {"disclosures"}),
        ("leader", set()),  # reads, requests nothing
        ("ministry_viewer", set()),
        ("custodian", {"disclosures"}),  # its menu entry; no complaint list
        ("business_user", set()),
    ],
)
def test_menus_and_buttons_offer_only_pages_that_open(
    client, verify, routed, province, request, persona, buttons
):
    """Every complaints staff link of the home page and the complaint list answers 200."""
    verify(client, request.getfixturevalue(persona))

    pages = [client.get("/"), client.get("/phan-anh/")]
    links = {
        href.replace("&amp;", "&")
        for page in pages
        if page.status_code == 200
        for href in STAFF_LINK.findall(page.content.decode())
    }
    opened = {url: client.get(url).status_code for url in sorted(links)}

    assert {name for url, name in BUTTONS.items() if url in links} == buttons
    assert opened == dict.fromkeys(opened, 200)


def test_a_national_viewer_chooses_the_province_of_the_routing_rules(
    client, verify, ministry_viewer, province, other_province, other_province_dost
):
    rule = RoutingRule.objects.create(
        province=other_province, category="counterfeit", organisation=other_province_dost
    )
    verify(client, ministry_viewer)

    first = client.get("/phan-anh/dinh-tuyen/")
    chosen = client.get("/phan-anh/dinh-tuyen/", {"province": other_province.pk})
    too_big = client.get("/phan-anh/dinh-tuyen/", {"province": "99999999999999999999999"})

    assert (first.status_code, first.context["editable"]) == (200, False)
    assert [p.name for p in first.context["provinces"]] == ["Khánh Hòa", "Thành phố Huế"]
    assert list(chosen.context["rules"]) == [rule]
    assert chosen.context["province"] == other_province
    assert too_big.status_code == 200  # not a province id: the page starts on its default


def test_bad_ids_in_query_strings_never_give_a_server_error(client, officer, province):
    client.force_login(officer)

    assert client.get("/phan-anh/dinh-tuyen/", {"sua": "abc"}).status_code == 404
    assert client.get("/phan-anh/dinh-tuyen/", {"sua": "9" * 30}).status_code == 404
    communes = client.get("/phan-anh/xa-phuong/", {"province": "9" * 30})
    assert (communes.status_code, list(communes.context["communes"])) == (200, [])


# --- Routing rules -----------------------------------------------------------------------------


def test_dost_officers_edit_routing_rules_others_only_read(
    client, officer, reporter, other_province_officer, province, commune
):
    market = make_organisation(name="Chi cục QLTT", province=province)
    client.force_login(reporter)
    assert client.get("/phan-anh/dinh-tuyen/").context["editable"] is False
    assert (
        client.post(
            "/phan-anh/dinh-tuyen/", {"category": "counterfeit", "organisation": market.pk}
        ).status_code
        == 403
    )

    client.force_login(officer)
    response = client.post(
        "/phan-anh/dinh-tuyen/",
        {"category": "counterfeit", "commune": commune.pk, "organisation": market.pk},
    )
    assert response.status_code == 302
    rule = RoutingRule.objects.get()
    assert (rule.category, rule.commune, rule.organisation) == ("counterfeit", commune, market)
    assert AuditEvent.objects.get(action="routing_rule.created").actor == officer

    duplicate = client.post(
        "/phan-anh/dinh-tuyen/",
        {"category": "counterfeit", "commune": commune.pk, "organisation": market.pk},
    )
    assert duplicate.status_code == 200
    assert duplicate.context["form"].non_field_errors() == [
        "Đã có quy tắc cho lĩnh vực và địa bàn này."
    ]

    client.force_login(other_province_officer)
    assert client.post(f"/phan-anh/dinh-tuyen/{rule.pk}/xoa/").status_code == 403
    client.force_login(officer)
    edited = client.post(
        "/phan-anh/dinh-tuyen/",
        {"rule": rule.pk, "category": "unknown_origin", "commune": "", "organisation": market.pk},
    )
    assert edited.status_code == 302
    rule.refresh_from_db()
    assert (rule.category, rule.commune) == ("unknown_origin", None)
    assert client.post(f"/phan-anh/dinh-tuyen/{rule.pk}/xoa/").status_code == 302
    assert RoutingRule.objects.count() == 0
    assert [
        e.action
        for e in AuditEvent.objects.filter(action__startswith="routing_rule").order_by("id")
    ] == [
        "routing_rule.created",
        "routing_rule.updated",
        "routing_rule.deleted",
    ]


def test_routing_rules_never_name_a_business(officer, business, province):
    with pytest.raises(ValidationError):
        services.save_routing_rule(
            None, province=province, commune=None, category="", organisation=business, by=officer
        )


# --- Identity disclosure ---------------------------------------------------------------------------


@pytest.fixture
def named(submit, agency, reporter, officer):
    """A complaint with a confidential identity, handled by `reporter` of Sở Tài chính."""
    complaint = submit(identity=PLANTED).complaint
    services.reroute_complaint(complaint, to=agency, reason="Thuộc thẩm quyền", by=officer)
    services.accept_complaint(complaint, by=officer)
    services.assign_complaint(complaint, to=reporter, by=officer)
    return complaint


REASON = "Cần mời người phản ánh làm việc để xác minh chứng cứ trực tiếp."


def test_identity_is_revealed_only_after_a_custodian_approves_and_only_to_the_requester(
    client, verify, named, reporter, approver, officer, custodian
):
    client.force_login(reporter)
    assert client.get(f"/phan-anh/{named.pk}/danh-tinh/").status_code == 404
    response = client.post(f"/phan-anh/{named.pk}/xu-ly/disclose/", {"disclose-reason": REASON})
    assert response.status_code == 302
    disclosure = IdentityDisclosureRequest.objects.get()
    assert client.get(f"/phan-anh/{named.pk}/danh-tinh/").status_code == 404  # still pending

    verify(client, custodian)
    decision = client.get(disclosure.get_absolute_url())
    assert decision.status_code == 200
    assert_no_identity(decision.content)  # the custodian decides without seeing who it is
    assert (
        client.post(
            disclosure.get_absolute_url(), {"decision": "approve", "note": "Đồng ý"}
        ).status_code
        == 302
    )
    assert (
        client.get(f"/phan-anh/{named.pk}/danh-tinh/").status_code == 404
    )  # not for the custodian

    client.force_login(reporter)
    page = client.get(f"/phan-anh/{named.pk}/danh-tinh/")
    assert page.status_code == 200
    assert SECRET_NAME in page.content.decode()
    assert SECRET_PHONE in page.content.decode()
    assert page["Cache-Control"].startswith("max-age=0, no-cache, no-store")
    assert_no_identity(
        client.get(f"/phan-anh/{named.pk}/").content
    )  # the detail page never shows it

    for other in (approver, officer):  # same organisation, the province's DoST: not approved
        client.force_login(other)
        assert client.get(f"/phan-anh/{named.pk}/danh-tinh/").status_code == 404

    actions = [
        e.action
        for e in AuditEvent.objects.filter(action__startswith="complaint.identity").order_by("id")
    ]
    assert actions == [
        "complaint.identity_disclosure_requested",
        "complaint.identity_disclosure_approved",
        "complaint.identity_viewed",
    ]
    viewed = AuditEvent.objects.get(action="complaint.identity_viewed")
    assert (viewed.actor, viewed.data) == (reporter, {"disclosure_request": disclosure.pk})
    assert_no_identity(repr(list(AuditEvent.objects.values())))


def test_every_view_of_an_identity_is_audited(named, reporter, custodian):
    disclosure = services.request_identity_disclosure(named, reason=REASON, by=reporter)
    services.decide_identity_disclosure(disclosure, approve=True, note="", by=custodian)

    for _ in range(3):
        assert identity_for_user(reporter, named) == PLANTED

    assert AuditEvent.objects.filter(action="complaint.identity_viewed").count() == 3


def test_a_refusal_is_audited_and_reveals_nothing(client, verify, named, reporter, custodian):
    disclosure = services.request_identity_disclosure(named, reason=REASON, by=reporter)
    verify(client, custodian)

    missing_note = client.post(disclosure.get_absolute_url(), {"decision": "refuse", "note": ""})
    refused = client.post(
        disclosure.get_absolute_url(), {"decision": "refuse", "note": "Chưa đủ căn cứ"}
    )

    assert missing_note.context["form"].non_field_errors() == ["Hãy ghi lý do từ chối."]
    assert refused.status_code == 302
    assert identity_for_user(reporter, named) is None
    assert AuditEvent.objects.get(action="complaint.identity_disclosure_refused").data == {
        "disclosure_request": disclosure.pk,
        "requested_by": reporter.pk,
        "note": "Chưa đủ căn cứ",
    }


def test_an_approval_expires(named, reporter, custodian):
    disclosure = services.request_identity_disclosure(named, reason=REASON, by=reporter)
    services.decide_identity_disclosure(disclosure, approve=True, note="", by=custodian)

    with time_machine.travel(dt.datetime.now(tz=dt.UTC) + dt.timedelta(days=31)):
        assert identity_for_user(reporter, named) is None


def test_disclosure_rules(named, submit, reporter, other_reporter, custodian, other_province_dost):
    other_custodian = UserFactory(
        username="baomat.hue", organisation=other_province_dost, roles=[Role.COMPLAINT_CUSTODIAN]
    )
    anonymous = submit().complaint

    with pytest.raises(ValidationError, match="ẩn danh"):
        services.request_identity_disclosure(anonymous, reason=REASON, by=reporter)
    with pytest.raises(ValidationError):
        services.request_identity_disclosure(named, reason="ngắn", by=reporter)
    with pytest.raises(ValidationError):
        services.request_identity_disclosure(named, reason=REASON, by=other_reporter)
    disclosure = services.request_identity_disclosure(named, reason=REASON, by=reporter)
    with pytest.raises(ValidationError):
        services.request_identity_disclosure(named, reason=REASON, by=reporter)  # one pending
    with pytest.raises(ValidationError):
        services.decide_identity_disclosure(disclosure, approve=True, note="", by=other_custodian)
    with pytest.raises(ValidationError):
        services.decide_identity_disclosure(disclosure, approve=True, note="", by=reporter)
    services.decide_identity_disclosure(disclosure, approve=True, note="", by=custodian)
    with pytest.raises(ValidationError):
        services.decide_identity_disclosure(disclosure, approve=False, note="x", by=custodian)


def test_a_custodian_never_decides_their_own_request(client, verify, named, agency, custodian):
    """One person may hold both roles; the requester and the decider are still two people."""
    both = UserFactory(
        username="baocao.baomat",
        organisation=agency,
        roles=[Role.AGENCY_REPORTER, Role.COMPLAINT_CUSTODIAN],
    )
    own = services.request_identity_disclosure(named, reason=REASON, by=both)
    verify(client, both)

    with pytest.raises(ValidationError) as refused:
        services.decide_identity_disclosure(own, approve=True, note="", by=both)
    page = client.get(own.get_absolute_url())
    posted = client.post(own.get_absolute_url(), {"decision": "approve", "note": "Đồng ý"})

    assert refused.value.messages == [
        "Bạn không thể tự quyết định đề nghị của chính mình: người đề nghị và người quyết định "
        "phải là hai người khác nhau."
    ]
    assert page.status_code == 200
    assert page.context["can_decide"] is False
    assert "Chấp thuận" not in page.content.decode()
    assert posted.status_code == 403
    own.refresh_from_db()
    assert (own.status, own.decided_by) == ("pending", None)
    assert identity_for_user(both, named) is None
    services.decide_identity_disclosure(own, approve=True, note="", by=custodian)  # another one
    assert identity_for_user(both, named) == PLANTED


def test_a_custodian_of_another_province_cannot_open_the_request(
    client, verify, named, reporter, other_province_dost
):
    other_custodian = UserFactory(
        username="baomat.hue", organisation=other_province_dost, roles=[Role.COMPLAINT_CUSTODIAN]
    )
    disclosure = services.request_identity_disclosure(named, reason=REASON, by=reporter)
    verify(client, other_custodian)

    assert client.get(disclosure.get_absolute_url()).status_code == 404
    assert client.get("/phan-anh/cong-khai-danh-tinh/").context["pending"] == []


def test_custodians_list_pending_requests_and_requesters_see_their_own(
    client, verify, named, reporter, custodian, approver
):
    disclosure = services.request_identity_disclosure(named, reason=REASON, by=reporter)
    verify(client, custodian)
    assert client.get("/phan-anh/cong-khai-danh-tinh/").context["pending"] == [disclosure]
    client.force_login(reporter)
    assert client.get("/phan-anh/cong-khai-danh-tinh/").context["pending"] == [disclosure]
    client.force_login(approver)
    assert client.get("/phan-anh/cong-khai-danh-tinh/").context["pending"] == []
    assert client.get(disclosure.get_absolute_url()).status_code == 404


# --- The one door ----------------------------------------------------------------------------

TDC = Path(__file__).resolve().parents[2]
DOORS = {
    TDC / "complaints" / "access.py",
    TDC / "complaints" / "notifications.py",
    TDC / "complaints" / "models.py",
}


def _sources():
    for path in sorted(TDC.rglob("*")):
        if path.suffix not in (".py", ".html", ".txt") or not path.is_file():
            continue
        parts = set(path.relative_to(TDC).parts)
        if "tests" in parts or "migrations" in parts or path in DOORS:
            continue
        yield path


def test_reporter_identity_is_read_only_through_access_and_notifications():
    """No module but the doors names the Reporter model or follows a `.reporter`."""
    in_app = re.compile(r"\bReporter\b|\.reporter\b")
    elsewhere = re.compile(
        r"complaints\.models import[^\n]*\bReporter\b|complaints\.models\.Reporter\b"
        r"|get_model\(\s*[\"']complaints[\"']\s*,\s*[\"']Reporter[\"']|complaints_reporter"
    )
    offenders = []
    for path in _sources():
        text = path.read_text(encoding="utf-8")
        pattern = in_app if "complaints" in path.relative_to(TDC).parts else elsewhere
        offenders += [f"{path.relative_to(TDC)}: {m.group(0)}" for m in pattern.finditer(text)]
    assert offenders == []


def test_the_door_test_would_catch_a_leak(tmp_path):
    leaky = (
        "from tdc.complaints.models import Complaint, Reporter\nname = complaint.reporter.name\n"
    )
    assert re.findall(r"\bReporter\b|\.reporter\b", leaky) == ["Reporter", ".reporter"]


def test_a_complaint_has_no_reporter_attribute_to_follow(routed):
    assert not hasattr(routed, "reporter")
    assert "reporter" not in {f.name for f in Complaint._meta.get_fields()}
