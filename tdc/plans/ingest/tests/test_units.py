"""Unit names: splitting, canonical keys, collective names, matching to known organisations."""

from __future__ import annotations

import pytest

from tdc.plans.ingest.matching import (
    DEFAULT_THRESHOLD,
    UnitCandidate,
    UnitMatch,
    match_unit,
    unit_similarity,
)
from tdc.plans.ingest.units import canonical_unit_key, is_collective_unit, split_units


@pytest.mark.parametrize(
    ("text", "units"),
    [
        ("Sở Tài chính; Sở Y tế", ["Sở Tài chính", "Sở Y tế"]),
        ("Bộ KHCN, Ủy ban TCĐLCL Quốc gia", ["Bộ KHCN", "Ủy ban TCĐLCL Quốc gia"]),
        ("Sở, ban, ngành", ["Sở, ban, ngành"]),
        ("UBND các xã, phường, đặc khu", ["UBND các xã, phường, đặc khu"]),
        ("các cơ quan, đơn vị liên quan", ["các cơ quan, đơn vị liên quan"]),
        ("các tổ chức, cá nhân liên quan", ["các tổ chức, cá nhân liên quan"]),
        (
            "Các cơ quan và đơn vị có liên quan, các doanh nghiệp",
            ["Các cơ quan và đơn vị có liên quan", "các doanh nghiệp"],
        ),
        (
            "Các Sở: Khoa học và Công nghệ, Xây dựng, Y tế",
            ["Sở Khoa học và Công nghệ", "Sở Xây dựng", "Sở Y tế"],
        ),
        (
            "Sở Văn hóa, Thể thao và Du lịch, Sở Y tế",
            ["Sở Văn hóa, Thể thao và Du lịch", "Sở Y tế"],
        ),
        ("Sở Lao động - Thương binh và Xã hội", ["Sở Lao động - Thương binh và Xã hội"]),
        (
            "các doanh nghiệp  Ủy ban TCDLCL Quốc gia",
            ["các doanh nghiệp", "Ủy ban TCDLCL Quốc gia"],
        ),
        ("Sở Nội vụ, Trường Đại học Trà Vinh", ["Sở Nội vụ", "Trường Đại học Trà Vinh"]),
        (
            "UBND tỉnh (qua Sở Tài chính, Sở Xây dựng)",
            ["UBND tỉnh (qua Sở Tài chính, Sở Xây dựng)"],
        ),
        ("Sở Công Thương\nSở Xây dựng", ["Sở Công Thương", "Sở Xây dựng"]),
        ("- Sở Tư pháp;", ["Sở Tư pháp"]),
        # "và" splits only where another body starts.
        (
            "Công an tỉnh và UBND các xã, phường, đặc khu",
            ["Công an tỉnh", "UBND các xã, phường, đặc khu"],
        ),
        ("Sở Khoa học và Công nghệ và Sở Y tế", ["Sở Khoa học và Công nghệ", "Sở Y tế"]),
        ("Sở Nông nghiệp và PTNT", ["Sở Nông nghiệp và PTNT"]),
        ("Sở Giáo dục và Đào tạo", ["Sở Giáo dục và Đào tạo"]),
        ("Sở Công Thương và các doanh nghiệp", ["Sở Công Thương", "các doanh nghiệp"]),
        ("các cơ quan và các đơn vị liên quan", ["các cơ quan và các đơn vị liên quan"]),
        (
            "Ban Quản lý Khu kinh tế và các khu công nghiệp",
            ["Ban Quản lý Khu kinh tế và các khu công nghiệp"],
        ),
        (
            "Các sở, ban, ngành và UBND các huyện, thị xã, thành phố",
            ["Các sở, ban, ngành", "UBND các huyện, thị xã, thành phố"],
        ),
        ("Hội Nông dân và Hội Liên hiệp Phụ nữ", ["Hội Nông dân", "Hội Liên hiệp Phụ nữ"]),
        ("", []),
    ],
)
def test_split_units(text: str, units: list[str]):
    assert split_units(text) == units


@pytest.mark.parametrize(
    "name",
    [
        "Sở KH&CN",
        "Sở KHCN",
        "Sở Khoa học và Công nghệ",
        "Sở Khoa học và Công nghệ tỉnh Khánh Hòa",
        "sở khoa học & công nghệ",
        "SỞ KHOA HỌC VÀ CÔNG NGHỆ",
    ],
)
def test_spellings_of_one_department_share_a_key(name: str):
    assert canonical_unit_key(name) == "so khoa hoc va cong nghe"


@pytest.mark.parametrize(
    ("short", "long"),
    [
        ("UBND tỉnh", "Ủy ban nhân dân tỉnh"),
        ("Sở TT-TT", "Sở Thông tin và Truyền thông"),
        ("Sở GD&ĐT", "Sở Giáo dục và Đào tạo"),
        ("Sở NN&PTNT", "Sở Nông nghiệp và Phát triển nông thôn"),
        ("Sở LĐTB&XH", "Sở Lao động - Thương binh và Xã hội"),
        ("Sở VH-TT&DL", "Sở Văn hóa, Thể thao và Du lịch"),
        ("Sở TN&MT", "Sở Tài nguyên và Môi trường"),
        ("Sở KH&ĐT", "Sở Kế hoạch và Đầu tư"),
        ("Uỷ ban nhân dân thành phố Huế", "Ủy ban nhân dân thành phố"),
    ],
)
def test_abbreviations_expand(short: str, long: str):
    assert canonical_unit_key(short) == canonical_unit_key(long)


def test_different_bodies_keep_different_keys():
    assert canonical_unit_key("Sở Y tế") != canonical_unit_key("Sở Tài chính")
    assert canonical_unit_key("Sở Khoa học và Công nghệ") != canonical_unit_key(
        "Bộ Khoa học và Công nghệ"
    )
    assert canonical_unit_key("UBND huyện Cam Lâm") != canonical_unit_key("UBND tỉnh")


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("UBND các xã, phường, đặc khu", "all_communes"),
        ("UBND xã, phường, thị trấn", "all_communes"),
        ("Ủy ban nhân dân cấp xã", "all_communes"),
        ("UBND các huyện, thị xã, thành phố", "all_districts"),
        ("UBND huyện, thị xã, thành phố", "all_districts"),
        ("Chủ tịch UBND các quận, huyện, thị xã", "all_districts"),
        ("Sở, ban, ngành", "all_departments"),
        ("Các sở, ban, ngành tỉnh", "all_departments"),
        ("Sở, ban ngành liên quan", "all_departments"),
        ("các cơ quan, đơn vị có liên quan", "related_agencies"),
        ("Các cơ quan và đơn vị có liên quan", "related_agencies"),
        ("các doanh nghiệp", "enterprises"),
        ("các tổ chức, cá nhân liên quan", "organisations_individuals"),
        ("các cơ quan Trung ương", "central_agencies"),
        ("các tổ chức chính trị - xã hội", "socio_political_organisations"),
        ("Sở Y tế", None),
        ("UBND Phường Nha Trang", None),
        ("UBND huyện Cam Lâm", None),
        ("Công ty TNHH Xăng dầu Biển Xanh", None),
        ("Doanh nghiệp tư nhân An Phú", None),
    ],
)
def test_is_collective_unit(name: str, kind: str | None):
    assert is_collective_unit(name) == kind


CANDIDATES = [
    UnitCandidate(id=1, name="Sở Khoa học và Công nghệ", aliases=("Sở KH&CN", "Sở KHCN")),
    UnitCandidate(id=2, name="Sở Tài chính"),
    UnitCandidate(id=3, name="Sở Y tế"),
    UnitCandidate(id=4, name="UBND Phường Nha Trang"),
    UnitCandidate(id=5, name="Bộ Khoa học và Công nghệ"),
    UnitCandidate(id=6, name="UBND các xã, phường, đặc khu"),
]


@pytest.mark.parametrize(
    ("name", "expected_id"),
    [
        ("Sở Khoa học và Công nghệ", 1),
        ("Sở KH&CN", 1),
        ("Sở Khoa học và Công nghệ tỉnh Khánh Hòa", 1),
        ("Sở Tài chánh", 2),
        ("Sở Y Tế", 3),
        ("UBND phường Nha Trang", 4),
        ("Bộ KHCN", 5),
        ("UBND các xã, phường", 6),
        ("Sở Nội vụ", None),
        ("Sở Xây dựng", None),
        ("Báo Khánh Hòa", None),
    ],
)
def test_match_unit(name: str, expected_id: int | None):
    match = match_unit(name, CANDIDATES)
    assert isinstance(match, UnitMatch)
    assert match.candidate_id == expected_id
    assert 0.0 <= match.score <= 1.0
    if expected_id is None:
        assert match.score < DEFAULT_THRESHOLD
    else:
        assert match.score >= DEFAULT_THRESHOLD


def test_match_unit_proposes_a_readable_name():
    match = match_unit("Sở VH-TT&DL", [])
    assert match == UnitMatch(
        candidate_id=None, score=0.0, proposed_name="Sở Văn hóa, Thể thao và Du lịch"
    )
    assert match_unit("Đề nghị  UBND các huyện", []).proposed_name == "UBND các huyện"


def test_a_department_never_matches_the_ministry_of_the_same_name():
    assert unit_similarity("Sở Khoa học và Công nghệ", "Bộ Khoa học và Công nghệ") <= 0.5
    assert match_unit("Sở Khoa học và Công nghệ", [CANDIDATES[4]]).candidate_id is None


def test_threshold_is_a_parameter():
    assert match_unit("Sở Tài chánh", CANDIDATES, threshold=0.99).candidate_id is None
