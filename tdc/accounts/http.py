"""Request and user types for views and the API (as healthchecks keeps them in accounts)."""

from __future__ import annotations

from typing import TypeAlias

from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest

from tdc.accounts.models import User

AnyUser: TypeAlias = User | AnonymousUser
"""Whoever is asking: a logged-in user or an anonymous visitor."""


class AuthenticatedHttpRequest(HttpRequest):
    user: User
