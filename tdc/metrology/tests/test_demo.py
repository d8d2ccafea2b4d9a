import io

import pytest

from tdc.accounts import demo as accounts_demo
from tdc.accounts.models import Organisation
from tdc.metrology import demo

pytestmark = pytest.mark.django_db


def test_the_demo_owners_addresses_spell_their_names_without_accents():
    out = io.StringIO()
    accounts_demo.load(out)
    demo.load(out)
    created_here = [name for name, _ in demo.OWNERS if not name.endswith("Biển Xanh")]
    emails = set(Organisation.objects.filter(name__in=created_here).values_list("email", flat=True))
    assert emails == {
        "taxi.nha.trang@demo.tdc.localhost",
        "cho.dam@demo.tdc.localhost",
        "cap.thoat.nuoc.khanh.hoa@demo.tdc.localhost",
    }
