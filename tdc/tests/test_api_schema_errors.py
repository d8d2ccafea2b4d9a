"""The API answers ill-formed input in Vietnamese: where, pydantic's type, and why."""

import pytest

from tdc.accounts.services import issue_api_token


@pytest.mark.django_db
def test_the_api_answers_ill_formed_input_in_vietnamese(client, officer):
    _token, key = issue_api_token(officer, name="test")
    headers = {"HTTP_AUTHORIZATION": f"Bearer {key}"}

    response = client.get("/api/v1/organisations/?limit=abc", **headers)

    assert response.status_code == 422
    assert response.json() == {
        "detail": [
            {"loc": ["query", "limit"], "type": "int_parsing", "msg": "Phải là một số nguyên."}
        ]
    }
