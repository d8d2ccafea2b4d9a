"""Plans compared across provinces: the Directive's six task groups, and tasks matched by
meaning — Vietnamese text folded (accents, "đ", case, punctuation) and common wording
dropped, then compared with rapidfuzz's token-set ratio, which tolerates the word order and
the extra words each province adds around the same duty.

Pure functions over plain values, so the rules are tested on their own and on the seeds.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.translation import gettext, gettext_noop
from rapidfuzz import fuzz

from tdc.core.text import fold

# The six task groups of Directive 38-CT/TW (its part II), with the folded words that name
# each in a plan's group heading or, failing that, in the task itself.
GROUPS: list[tuple[str, str, tuple[str, ...]]] = [
    ("awareness", gettext_noop("Tuyên truyền, nâng cao nhận thức"), ("tuyen truyen", "nhan thuc", "quan triet", "pho bien")),
    ("policy", gettext_noop("Quản lý nhà nước, hoàn thiện chính sách"), ("quan ly nha nuoc", "chinh sach", "phap luat", "van ban quan ly", "quy dinh")),
    ("people", gettext_noop("Phát triển nguồn nhân lực"), ("nhan luc", "dao tao", "boi duong")),
    ("budget", gettext_noop("Ngân sách, đầu tư"), ("dau tu", "ngan sach", "nguon luc")),
    ("inspection", gettext_noop("Thanh tra, kiểm tra, giám sát"), ("thanh tra", "kiem tra", "giam sat")),
    ("integration", gettext_noop("Hội nhập quốc tế"), ("hoi nhap", "hop tac", "quoc te")),
]  # fmt: skip
GROUP_LABELS = {key: label for key, label, _words in GROUPS}  # Vietnamese: see group_label


def group_label(key: str) -> str:
    """A group's label in the language of the request (the msgid is the Vietnamese one)."""
    return gettext(GROUP_LABELS[key])


# Questions the Ministry asks of every province's plan.
TOPICS: list[tuple[str, str, str]] = [
    ("local-regulation", gettext_noop("Xây dựng quy chuẩn kỹ thuật địa phương"), r"quy chuan (ky thuat )?(dia phuong|cua tinh)"),
    ("traceability", gettext_noop("Truy xuất nguồn gốc"), r"truy xuat"),
    ("barcodes", gettext_noop("Mã số, mã vạch"), r"ma so,? ma vach"),
    ("digital", gettext_noop("Chuyển đổi số"), r"chuyen doi so"),
    ("survey", gettext_noop("Khảo sát chất lượng sản phẩm, hàng hóa"), r"khao sat chat luong"),
    ("measurement-standards", gettext_noop("Chuẩn đo lường của địa phương"), r"(he thong|phat trien|hoan thien) chuan do luong|chuan do luong (cua )?(tinh|dia phuong)"),
    ("awards", gettext_noop("Tôn vinh, khen thưởng"), r"ton vinh|khen thuong|giai thuong"),
    ("business-dialogue", gettext_noop("Đối thoại với doanh nghiệp"), r"doi thoai"),
    ("tbt", gettext_noop("Hàng rào kỹ thuật trong thương mại (TBT)"), r"\btbt\b|hang rao ky thuat"),
]  # fmt: skip

# Words every plan uses, which say nothing about what a task is.
_COMMON_WORDS = """
    tieu chuan do luong chat luong tdc tren dia ban tinh cac va cua trong cho de voi ve theo
    tang cuong tiep tuc day manh thuc hien trien khai to chuc nang cao hieu qua cong tac hoat
    dong linh vuc nham dam bao co quan don vi so khoa hoc nghe ubnd
"""
_COMMON = frozenset(_COMMON_WORDS.split())
MATCH_THRESHOLD = 72


def folded_words(text: str) -> str:
    words = re.findall(r"[a-z0-9]+", fold(text))
    return " ".join(w for w in words if w not in _COMMON)


def _score(words: str, keywords: Sequence[str]) -> int:
    return sum(words.count(k) for k in keywords)


def classify(group_title: str, content: str) -> str:
    """The Directive group of a task: by its plan's heading when that names one, else by the
    task's own words (first group on a tie), else "policy" (what a plan's residue usually is)."""
    for text in (group_title, content):
        folded = " ".join(re.findall(r"[a-z0-9]+", fold(text)))
        scores = [(_score(folded, words), -i, key) for i, (key, _l, words) in enumerate(GROUPS)]
        best = max(scores)
        if best[0] > 0:
            return best[2]
    return "policy"


def topic_matches(pattern: str, content: str) -> bool:
    return re.search(pattern, " ".join(re.findall(r"[a-z0-9]+", fold(content)))) is not None


def query_matches(query: str, content: str) -> bool:
    """A free question ("quy chuan dia phuong"): its folded words in order, each within two
    words of the previous one, so "quy chuẩn địa phương" finds "quy chuẩn kỹ thuật địa
    phương" but not a task that merely uses the four words apart."""
    words = re.findall(r"[a-z0-9]+", fold(query))
    if not words:
        return False
    text = " ".join(re.findall(r"[a-z0-9]+", fold(content)))
    gap = r"(?: [a-z0-9]+){0,2} "
    pattern = r"\b" + gap.join(re.escape(w) for w in words) + r"\b"
    return re.search(pattern, text) is not None


@dataclass(frozen=True)
class TaskText:
    id: int
    plan_id: int
    province_id: int
    province: str
    number: str
    content: str
    group: str  # a key of GROUPS
    words: str  # folded, common wording dropped
    topics: frozenset[str] = frozenset()  # keys of TOPICS the task names


def similarity(a: TaskText, b: TaskText) -> int:
    """0–100: the mean of the token-set ratio (one wording inside the other) and the
    token-sort ratio (the whole wordings alike), which keeps a long task that merely contains
    a short one's words from matching it; +5 under the same Directive group, +20 when both name
    a key topic (a local technical regulation, traceability, …)."""
    score = (fuzz.token_set_ratio(a.words, b.words) + fuzz.token_sort_ratio(a.words, b.words)) / 2
    if a.group == b.group:
        score += 5  # the same duty is usually under the same heading
    if a.topics & b.topics:
        score += 20  # both name the same key topic, however worded
    return round(min(100.0, score))


def topics_of(content: str) -> frozenset[str]:
    return frozenset(key for key, _label, pattern in TOPICS if topic_matches(pattern, content))


def similar_tasks(
    task: TaskText, others: Sequence[TaskText], *, per_province: int = 2
) -> list[tuple[TaskText, int]]:
    """The tasks of *other* provinces closest in meaning to `task`, best first."""
    scored = [
        (other, similarity(task, other))
        for other in others
        if other.province_id != task.province_id
    ]
    scored = [pair for pair in scored if pair[1] >= MATCH_THRESHOLD]
    scored.sort(key=lambda pair: (-pair[1], pair[0].province, pair[0].id))
    kept: list[tuple[TaskText, int]] = []
    count: dict[int, int] = {}
    for other, score in scored:
        if count.get(other.province_id, 0) < per_province:
            kept.append((other, score))
            count[other.province_id] = count.get(other.province_id, 0) + 1
    return kept
