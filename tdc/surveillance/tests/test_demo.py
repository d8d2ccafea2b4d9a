import io

from tdc.surveillance import demo
from tdc.surveillance.models import ConsumerWarning, Establishment, InspectionPlan, Sample


def test_the_demo_loads_once_and_tells_a_whole_story(officer, second_officer, business):
    out = io.StringIO()

    demo.load(out)
    demo.load(out)  # idempotent: `make run` loads it every time

    assert out.getvalue().count("surveillance:") == 1
    assert Establishment.objects.count() == 7
    assert Sample.objects.filter(verdict=Sample.Verdict.NON_CONFORMING).count() == 4
    warning = ConsumerWarning.objects.get()
    assert (warning.status, warning.gtin) == (ConsumerWarning.Status.PUBLISHED, "08934567000048")
    assert InspectionPlan.objects.get().status == InspectionPlan.Status.APPROVED
    assert Establishment.objects.filter(score__isnull=True).count() == 0


def test_the_demo_needs_its_province_and_officers(db):
    out = io.StringIO()
    demo.load(out)
    assert out.getvalue() == ""
