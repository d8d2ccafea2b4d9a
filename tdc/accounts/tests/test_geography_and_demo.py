from io import StringIO

from django.core.management import call_command

from tdc.accounts.geography import province_by_name, sync_administrative_units
from tdc.accounts.models import Commune, Organisation, Province, User
from tdc.core.models import AuditEvent


def test_units_after_the_2025_reform_load_idempotently(db):
    first = sync_administrative_units()
    second = sync_administrative_units()

    assert Province.objects.count() == 34
    assert first.communes_total == 3321
    assert (second.provinces_created, second.provinces_updated) == (0, 0)
    assert (second.communes_created, second.communes_updated) == (0, 0)
    assert Commune.objects.filter(province__name="Khánh Hòa", name="Phường Nha Trang").exists()


def test_former_provinces_map_to_their_successor(db):
    sync_administrative_units()

    assert province_by_name("tỉnh Trà Vinh").name == "Vĩnh Long"
    assert province_by_name("Thừa Thiên Huế").name == "Thành phố Huế"
    assert province_by_name("Khánh Hòa").name == "Khánh Hòa"
    assert province_by_name("Atlantis") is None


def test_the_demo_loads_once_and_a_second_run_changes_nothing(db):
    call_command("loaddemo", stdout=StringIO())
    counts = (Organisation.objects.count(), User.objects.count(), AuditEvent.objects.count())
    out = StringIO()

    call_command("loaddemo", "--print-logins", stdout=out)

    assert (
        Organisation.objects.count(),
        User.objects.count(),
        AuditEvent.objects.count(),
    ) == counts
    text = out.getvalue()
    for username in (
        "quantri",
        "canbo.tdc",
        "baocao.taichinh",
        "duyet.taichinh",
        "canbo.nhatrang",
        "doanhnghiep",
        "lanhdao.tinh",
        "baomat",
        "bo.khcn",
    ):
        assert username in text
    officer = User.objects.get(username="canbo.tdc")
    assert officer.organisation.name == "Sở Khoa học và Công nghệ"
    assert officer.check_password("tdc-demo-2026")
