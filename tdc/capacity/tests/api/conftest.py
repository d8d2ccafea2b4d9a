"""Fixtures of the capacity API tests: a token client per user, and the DoST's world."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

from tdc.accounts.services import issue_api_token

API = "/api/v1/capacity"


class ApiClient:
    """JSON calls with a user's bearer token (None: no token)."""

    def __init__(self, user: Any) -> None:
        headers = {}
        if user is not None:
            _token, key = issue_api_token(user, name="test")
            headers["HTTP_AUTHORIZATION"] = f"Bearer {key}"
        self.client = Client(raise_request_exception=False, **headers)

    def get(self, path: str, params: dict[str, Any] | None = None) -> Any:
        return self.client.get(API + path, params or {})

    def send(self, method: str, path: str, payload: dict[str, Any] | None = None) -> Any:
        return self.client.generic(
            method, API + path, data=json.dumps(payload or {}), content_type="application/json"
        )

    def post(self, path: str, payload: dict[str, Any] | None = None) -> Any:
        return self.send("POST", path, payload)

    def upload(self, path: str, name: str, content: bytes) -> Any:
        from django.core.files.uploadedfile import SimpleUploadedFile

        return self.client.post(API + path, {"file": SimpleUploadedFile(name, content)})


@pytest.fixture
def api():
    return ApiClient
