"""How plan records name themselves (admin lists, pickers, messages): never cut inside a word."""

from tdc.plans.models import Indicator, Plan, Synthesis, Target, TaskGroup

LONG = (
    "Tăng cường công tác tuyên truyền, phổ biến, nâng cao nhận thức về tiêu chuẩn, đo lường, "
    "chất lượng cho các cơ quan, tổ chức, doanh nghiệp và người dân trên địa bàn tỉnh Khánh Hòa"
)


def _whole_words(name: str) -> None:
    assert name.endswith("…")
    assert LONG.startswith(name.removesuffix("…"))
    assert not LONG[len(name) - 1].isalnum()  # what follows the kept text starts no word part


def test_long_names_are_shortened_between_words():
    _whole_words(str(Indicator(name=LONG)))
    _whole_words(str(Synthesis(subject=LONG)))
    _whole_words(str(Target(text=LONG)))
    group = str(TaskGroup(number="1", title=LONG))
    assert group.startswith("1. ")
    _whole_words(group.removeprefix("1. "))
    plan = str(Plan(title=LONG + " " + LONG))
    assert plan.endswith("…")
    assert (LONG + " " + LONG).startswith(plan.removesuffix("…"))
