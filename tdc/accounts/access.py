"""The door to organisations: 404 for 'missing' and 'not yours' alike."""

from __future__ import annotations

from typing import Any

from django.shortcuts import get_object_or_404

from tdc.accounts.models import Organisation
from tdc.accounts.queries import organisations_visible_to


def get_organisation_for_user(user: Any, pk: int) -> Organisation:
    return get_object_or_404(organisations_visible_to(user), pk=pk)
