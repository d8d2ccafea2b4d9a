"""The one permission rule, for every role: what each may see and change, and what it may not."""

import pytest

from tdc.accounts.models import Organisation
from tdc.accounts.permissions import can_change, can_view, restrict, scope_for
from tdc.accounts.tests.factories import OrganisationFactory, UserFactory

# For each persona: may it (view, change) a record owned by
#   own = its own organisation, peer = another organisation of the same province,
#   far = an organisation of another province.
EXPECTED = {
    "admin_user": {"own": (True, True), "peer": (True, True), "far": (True, True)},
    "officer": {"own": (True, True), "peer": (True, True), "far": (False, False)},
    "reporter": {"own": (True, True), "peer": (False, False), "far": (False, False)},
    "approver": {"own": (True, True), "peer": (False, False), "far": (False, False)},
    "commune_officer": {"own": (True, True), "peer": (False, False), "far": (False, False)},
    "business_user": {"own": (True, True), "peer": (False, False), "far": (False, False)},
    "leader": {"own": (True, False), "peer": (True, False), "far": (False, False)},
    "custodian": {"own": (True, True), "peer": (False, False), "far": (False, False)},
    "ministry_viewer": {"own": (True, False), "peer": (True, False), "far": (True, False)},
}


@pytest.mark.parametrize("persona", sorted(EXPECTED))
def test_every_role_sees_and_changes_exactly_its_reach(request, persona, province, other_province):
    user = request.getfixturevalue(persona)
    own = user.organisation
    peer = OrganisationFactory(name="Sở Xây dựng", province=province)
    far = OrganisationFactory(name="Sở Xây dựng", province=other_province)

    for label, org in {"own": own, "peer": peer, "far": far}.items():
        expected_view, expected_change = EXPECTED[persona][label]
        ids = {"organisation_id": org.pk, "province_id": org.province_id}
        assert can_view(user, **ids) is expected_view, (persona, label, "view")
        assert can_change(user, **ids) is expected_change, (persona, label, "change")


@pytest.mark.parametrize("persona", sorted(EXPECTED))
def test_restrict_gives_the_same_answer_as_sql(request, persona, province, other_province):
    user = request.getfixturevalue(persona)
    peer = OrganisationFactory(name="Sở Xây dựng", province=province)
    far = OrganisationFactory(name="Sở Xây dựng", province=other_province)
    candidates = Organisation.objects.filter(pk__in=[user.organisation.pk, peer.pk, far.pk])

    for action, index in (("view", 0), ("change", 1)):
        visible = set(
            restrict(
                candidates, user, action=action, organisation_field="pk", province_field="province"
            ).values_list("pk", flat=True)
        )
        expected = {
            org.pk
            for label, org in {"own": user.organisation, "peer": peer, "far": far}.items()
            if EXPECTED[persona][label][index]
        }
        assert visible == expected, (persona, action)


def test_a_user_without_roles_or_organisation_reaches_nothing(province, agency):
    nobody = UserFactory(organisation=agency, roles=[])
    orphan = UserFactory(organisation=None, roles=["tdc_officer"])

    for user in (nobody, orphan):
        assert can_view(user, organisation_id=agency.pk, province_id=province.pk) is False
        assert restrict(Organisation.objects.all(), user).count() == 0


def test_an_inactive_user_reaches_nothing(officer, agency, province):
    officer.is_active = False
    officer.save()

    assert scope_for(officer).reach == 0
    assert can_view(officer, organisation_id=agency.pk, province_id=province.pk) is False
