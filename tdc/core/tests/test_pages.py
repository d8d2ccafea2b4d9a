import re

from django.urls import reverse

from tdc.core.registry import NavItem, nav_for, register_nav


def test_healthz_checks_the_database(client, db):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


def test_pages_carry_a_strict_content_security_policy(client, officer):
    client.force_login(officer)

    policy = client.get("/")["Content-Security-Policy"]

    directives = dict(part.strip().split(" ", 1) for part in policy.split(";") if part.strip())
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert directives["object-src"] == "'none'"
    assert directives["frame-ancestors"] == "'none'"
    assert "unsafe-inline" not in policy


def test_pages_have_no_inline_script_or_style_and_no_remote_assets(client, officer):
    client.force_login(officer)

    for url in ("/", reverse("accounts:organisation_list"), reverse("accounts:profile")):
        body = client.get(url).content.decode()
        assert re.search(r"<script(?![^>]*\bsrc=)[^>]*>", body) is None, url
        assert " style=" not in body, url
        assert re.search(r"(src|href)=\"(https?:)?//", body) is None, url


def test_static_assets_are_served_locally(client, db):
    for path in ("/static/bootstrap/css/bootstrap.min.css", "/static/css/tdc.css"):
        response = client.get(path)
        content = b"".join(response.streaming_content)
        response.close()
        assert response.status_code == 200, path
        assert len(content) > 100, path


def test_navigation_names_only_pages_that_exist(officer):
    register_nav(NavItem(label="Chưa có trang", url_name="plans:not_a_page", order=1))

    entries = nav_for(officer)

    names = [e["name"] for e in entries]
    assert "plans:not_a_page" not in names
    assert "accounts:organisation_list" in names


def test_english_is_available_through_i18n(client, officer):
    client.force_login(officer)
    client.cookies["django_language"] = "en"

    body = client.get("/").content.decode()

    assert 'lang="en"' in body
    assert "Log out" in body
    assert "Organisations" in body


def test_dates_are_day_month_year(officer):
    import datetime as dt

    from django.template import Context, Template
    from django.utils import translation

    with translation.override("vi"):
        rendered = Template("{{ d|date }}").render(Context({"d": dt.date(2026, 11, 10)}))

    assert rendered == "10/11/2026"


def test_vietnamese_is_the_default_even_for_an_english_browser(client, officer):
    client.force_login(officer)

    body = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()

    assert 'lang="vi"' in body
    assert "Đăng xuất" in body


def test_only_the_api_docs_allow_inline_styles(client, db):
    docs = client.get("/api/v1/docs")["Content-Security-Policy"]
    home = client.get("/tai-khoan/dang-nhap/")["Content-Security-Policy"]

    assert "style-src 'self' 'unsafe-inline'" in docs
    assert "script-src 'self'" in docs
    assert "unsafe-inline" not in home


def test_navigation_marks_only_the_current_page(rf, officer):
    from tdc.core.context_processors import navigation

    request = rf.get("/tai-khoan/co-quan/12/")
    request.user = officer

    items = navigation(request)["nav_items"]

    assert [i["name"] for i in items if i["active"]] == ["accounts:organisation_list"]


def test_browsers_asking_for_favicon_ico_get_the_local_icon(client, db):
    response = client.get("/favicon.ico")

    assert (response.status_code, response["Location"]) == (301, "/static/img/favicon.svg")


def test_the_demo_runs_in_the_order_the_apps_registered():
    from tdc.core.registry import demo_steps

    steps = [(s.name, s.load) for s in demo_steps()]

    assert steps == [
        ("accounts", "tdc.accounts.demo.load"),
        ("plans", "tdc.plans.demo.plans.load"),
        ("complaints", "tdc.complaints.demo.load"),
        ("metrology", "tdc.metrology.demo.load"),
        ("surveillance", "tdc.surveillance.demo.load"),
        ("traceability", "tdc.traceability.demo.load"),
        ("plans.execution", "tdc.plans.demo.execution.load"),
        ("capacity", "tdc.capacity.demo.load"),
        ("standards", "tdc.standards.demo.load"),
        ("conformity", "tdc.conformity.demo.load"),
        ("exchange", "tdc.exchange.demo.load"),
        ("opendata", "tdc.opendata.demo.load"),  # last: it publishes what the others loaded
    ]
    assert [s.logins for s in demo_steps() if s.logins] == ["tdc.accounts.demo.print_logins"]


def _demo_first(out):
    out.write("first\n")


def _demo_second(out):
    out.write("second\n")


def _demo_logins(out):
    out.write("logins\n")


def test_loaddemo_runs_the_registered_steps_in_order_then_the_logins(monkeypatch):
    import io

    from django.core.management import call_command

    from tdc.core import registry

    here = __name__
    monkeypatch.setattr(registry, "_DEMO", {})
    registry.register_demo(registry.DemoStep("b", f"{here}._demo_second", order=20))
    registry.register_demo(
        registry.DemoStep("a", f"{here}._demo_first", order=10, logins=f"{here}._demo_logins")
    )
    quiet, loud = io.StringIO(), io.StringIO()

    call_command("loaddemo", stdout=quiet)
    call_command("loaddemo", "--print-logins", stdout=loud)

    assert quiet.getvalue() == "first\nsecond\n"
    assert loud.getvalue() == "first\nsecond\nlogins\n"
