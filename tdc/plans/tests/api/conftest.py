"""Fixtures of the plans API: a one-task plan of Khánh Hòa, assigned, on 1 October 2026."""

import datetime as dt

import pytest

from tdc.plans.services.assignments import assign_plan
from tdc.plans.tests.factories import HANOI, make_plan


@pytest.fixture
def before_the_deadline(time_machine):
    time_machine.move_to(dt.datetime(2026, 10, 1, 9, tzinfo=HANOI), tick=False)


@pytest.fixture
def plan(before_the_deadline, dost, agency, other_agency):
    plan = make_plan(
        dost,
        [
            {
                "number": "1.1",
                "content": "Quán triệt Chỉ thị",
                "leads": [agency],
                "partners": [other_agency],
            }
        ],
    )
    assign_plan(plan)
    return plan
