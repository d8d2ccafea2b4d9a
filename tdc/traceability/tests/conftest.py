import pytest
from django.core.cache import cache

from tdc.accounts.models import Organisation, Role
from tdc.accounts.tests.factories import OrganisationFactory, UserFactory


@pytest.fixture
def other_business(province) -> Organisation:
    return OrganisationFactory(
        name="Hợp tác xã Nông nghiệp Cam Thành", kind=Organisation.Kind.BUSINESS, province=province
    )


@pytest.fixture
def other_business_user(other_business):
    return UserFactory(
        username="doanhnghiep.khac", organisation=other_business, roles=[Role.BUSINESS_USER]
    )


@pytest.fixture(autouse=True)
def _fresh_public_pages():
    """The resolver caches its page data for 30 seconds: no test sees another's."""
    from tdc.traceability.services.capture import _scans

    cache.clear()
    _scans.clear()
    yield
    cache.clear()
    _scans.clear()
