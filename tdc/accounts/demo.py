"""The demo province: Khánh Hòa's agencies named in its plans, and one demo user per role."""

from __future__ import annotations

from typing import Any

from tdc.accounts import services
from tdc.accounts.geography import sync_administrative_units
from tdc.accounts.models import Commune, Organisation, Province, Role, User

DEMO_PASSWORD = "tdc-demo-2026"  # noqa: S105  (printed by make run; demo data only)
KHANH_HOA = 56

K = Organisation.Kind

# (name, short name, aliases, kind)
KHANH_HOA_ORGANISATIONS: list[tuple[str, str, list[str], str]] = [
    (
        "UBND tỉnh Khánh Hòa",
        "UBND tỉnh",
        ["Ủy ban nhân dân tỉnh Khánh Hòa"],
        K.PROVINCIAL_COMMITTEE,
    ),
    (
        "Sở Khoa học và Công nghệ",
        "Sở KH&CN",
        ["Sở KHCN", "Sở Khoa học và Công nghệ tỉnh Khánh Hòa", "Sở KH-CN"],
        K.DOST,
    ),
    ("Sở Tài chính", "", ["Sở Tài chính tỉnh Khánh Hòa"], K.DEPARTMENT),
    ("Sở Công Thương", "Sở CT", ["Sở Công thương"], K.DEPARTMENT),
    ("Sở Y tế", "", [], K.DEPARTMENT),
    ("Sở Giáo dục và Đào tạo", "Sở GD&ĐT", ["Sở GDĐT"], K.DEPARTMENT),
    ("Sở Nội vụ", "", [], K.DEPARTMENT),
    ("Sở Nông nghiệp và Môi trường", "Sở NN&MT", ["Sở NNMT"], K.DEPARTMENT),
    ("Sở Xây dựng", "", [], K.DEPARTMENT),
    ("Sở Văn hóa, Thể thao và Du lịch", "Sở VHTTDL", ["Sở VH-TT&DL"], K.DEPARTMENT),
    ("Sở Tư pháp", "", [], K.DEPARTMENT),
    ("Công an tỉnh Khánh Hòa", "Công an tỉnh", [], K.DEPARTMENT),
    (
        "Báo và Phát thanh, Truyền hình Khánh Hòa",
        "Báo và PT-TH Khánh Hòa",
        ["Báo và Phát thanh truyền hình Khánh Hòa"],
        K.DEPARTMENT,
    ),
    ("Chi cục Quản lý thị trường tỉnh Khánh Hòa", "QLTT Khánh Hòa", [], K.DEPARTMENT),
    (
        "Trung tâm Kỹ thuật Tiêu chuẩn Đo lường Chất lượng Khánh Hòa",
        "Trung tâm Kỹ thuật TĐC",
        [],
        K.TESTING_BODY,
    ),
    ("Công ty TNHH Xăng dầu Biển Xanh", "Xăng dầu Biển Xanh", [], K.BUSINESS),
]

# What the public pages' header and footer show for the demo Department.
DEMO_DOST_CONTACTS = {
    "address": "04 Phan Chu Trinh, phường Nha Trang, tỉnh Khánh Hòa",
    "phone": "0258 3822 895",
    "email": "sokhcn@demo.tdc.localhost",
}

DEMO_COMMUNES = ["Phường Nha Trang", "Phường Cam Ranh", "Xã Vạn Ninh", "Phường Ninh Hòa"]

# username, full name, organisation name, role
DEMO_USERS: list[tuple[str, str, str, str]] = [
    ("quantri", "Nguyễn Văn Quản", "Sở Khoa học và Công nghệ", Role.SYSTEM_ADMIN),
    ("canbo.tdc", "Trần Thị Thu", "Sở Khoa học và Công nghệ", Role.TDC_OFFICER),
    # A second officer: the DoST's own reports are accepted by someone who did not write them.
    ("kiemtra.tdc", "Lê Văn Kiểm", "Sở Khoa học và Công nghệ", Role.TDC_OFFICER),
    ("baocao.taichinh", "Lê Minh Tài", "Sở Tài chính", Role.AGENCY_REPORTER),
    ("duyet.taichinh", "Phạm Quốc Duyệt", "Sở Tài chính", Role.AGENCY_APPROVER),
    ("baocao.congthuong", "Võ Thị Thương", "Sở Công Thương", Role.AGENCY_REPORTER),
    ("canbo.nhatrang", "Đặng Văn Phường", "UBND Phường Nha Trang", Role.COMMUNE_OFFICER),
    ("doanhnghiep", "Hoàng Thị Xanh", "Công ty TNHH Xăng dầu Biển Xanh", Role.BUSINESS_USER),
    ("lanhdao.tinh", "Bùi Văn Lãnh", "UBND tỉnh Khánh Hòa", Role.LEADERSHIP_VIEWER),
    ("baomat", "Ngô Thị Mật", "Sở Khoa học và Công nghệ", Role.COMPLAINT_CUSTODIAN),
    ("bo.khcn", "Đỗ Văn Bộ", "Bộ Khoa học và Công nghệ", Role.MINISTRY_VIEWER),
]


def _organisation(name: str, province: Province | None, **values: object) -> Organisation:
    existing = Organisation.objects.filter(province=province, name=name).first()
    if existing is not None:
        return existing
    return services.create_organisation(name=name, province=province, by=None, **values)  # type: ignore[arg-type]


def load(out: Any) -> None:
    sync_administrative_units()
    province = Province.objects.get(code=KHANH_HOA)
    _organisation(
        "Bộ Khoa học và Công nghệ",
        None,
        kind=K.MINISTRY,
        short_name="Bộ KH&CN",
        aliases=["Bộ KHCN"],
    )
    committee = None
    for name, short, aliases, kind in KHANH_HOA_ORGANISATIONS:
        org = _organisation(
            name, province, kind=kind, short_name=short, aliases=aliases, parent=committee
        )
        if kind == K.PROVINCIAL_COMMITTEE:
            committee = org
        if kind == K.DOST and not org.phone:
            Organisation.objects.filter(pk=org.pk).update(**DEMO_DOST_CONTACTS)
    for commune_name in DEMO_COMMUNES:
        commune = Commune.objects.filter(province=province, name=commune_name).first()
        _organisation(
            f"UBND {commune_name}",
            province,
            kind=K.COMMUNE_COMMITTEE,
            commune=commune,
            parent=committee,
        )
    for username, full_name, org_name, role in DEMO_USERS:
        if User.objects.filter(username=username).exists():
            continue
        home = None if role == Role.MINISTRY_VIEWER else province
        organisation = Organisation.objects.get(name=org_name, province=home)
        services.create_user(
            username=username,
            password=DEMO_PASSWORD,
            organisation=organisation,
            roles=[role],
            by=None,
            full_name=full_name,
            email=f"{username}@demo.tdc.localhost",
        )
    out.write(f"Demo province: {province.name}, {Organisation.objects.count()} organisations.\n")


def print_logins(out: Any) -> None:
    out.write(f"\nTài khoản demo (mật khẩu chung: {DEMO_PASSWORD})\n")
    for username, _full_name, org_name, role in DEMO_USERS:
        note = (
            "  (cài ứng dụng xác thực hai bước ở lần đăng nhập đầu tiên)"
            if role
            in (
                Role.SYSTEM_ADMIN,
                Role.COMPLAINT_CUSTODIAN,
            )
            else ""
        )
        out.write(f"  {username:<20} {Role(role).label} — {org_name}{note}\n")
