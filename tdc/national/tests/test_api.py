"""The national view through the API: the Ministry's and the administrator's (403 for every
other persona, 401 without a token), the same figures and matches as the pages on the seeds."""

from __future__ import annotations

import io

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import translation
from docx import Document

from tdc.accounts.services import issue_api_token
from tdc.core.text import fold
from tdc.exchange.tests.factories import login
from tdc.national.comparison import group_label
from tdc.national.tests.factories import load_seed_plans
from tdc.plans.tests.factories import make_plan

pytestmark = pytest.mark.django_db

ALLOWED = {"ministry_viewer", "admin_user"}
PERSONAS = [
    "officer", "reporter", "approver", "other_reporter", "commune_officer", "business_user",
    "leader", "custodian", "ministry_viewer", "admin_user", "other_province_officer",
]  # fmt: skip


def _api(user) -> Client:
    _token, key = issue_api_token(user, name="test")
    return Client(HTTP_AUTHORIZATION=f"Bearer {key}")


def test_every_route_is_the_ministrys_and_the_administrators(request, dost):
    plan = make_plan(dost, [{"number": "1.1", "content": "Tuyên truyền Chỉ thị 38"}])
    urls = [
        "/api/v1/national/provinces",
        f"/api/v1/national/provinces/{plan.province_id}",
        "/api/v1/national/plans/coverage",
        f"/api/v1/national/tasks/{plan.tasks.get().pk}",
    ]
    for url in urls:
        assert Client().get(url).status_code == 401, url
        for persona in PERSONAS:
            got = _api(request.getfixturevalue(persona)).get(url).status_code
            assert got == (200 if persona in ALLOWED else 403), (url, persona)


def test_the_ministry_reads_the_coverage_and_a_tasks_counterparts(ministry_viewer):
    load_seed_plans()
    api = _api(ministry_viewer)

    coverage = api.get("/api/v1/national/plans/coverage").json()
    provinces = [p["province"] for p in coverage["provinces"]]
    groups = {g["key"]: g for g in coverage["groups"]}
    traceability = next(t for t in coverage["topics"] if t["key"] == "traceability")
    first = next(ids[0] for ids in traceability["task_ids"] if ids)
    similar = api.get(f"/api/v1/national/tasks/{first}").json()
    two = api.get(
        "/api/v1/national/plans/coverage", {"province": [p["province_id"] for p in
                                                          coverage["provinces"][:2]]}
    ).json()  # fmt: skip

    assert sorted(provinces) == ["Hưng Yên", "Khánh Hòa", "Thành phố Huế", "Vĩnh Long"]
    assert list(groups) == [
        "awareness", "policy", "people", "budget", "inspection", "integration",
    ]  # fmt: skip
    assert groups["awareness"]["label"] == "Tuyên truyền, nâng cao nhận thức"
    assert all(len(g["counts"]) == 4 and sum(g["counts"]) > 0 for g in groups.values())
    assert "truy xuat" in fold(similar["content"])
    assert all(s["task"]["province_id"] != similar["province_id"] for s in similar["similar"])
    assert len(two["provinces"]) == 2
    assert api.get("/api/v1/national/tasks/99999999").status_code == 404
    assert api.get("/api/v1/national/provinces/99999").status_code == 404
    assert api.get("/api/v1/national/provinces", {"year": 1900}).status_code == 422


def test_the_group_and_topic_labels_are_translated_and_the_synthesis_stays_vietnamese(
    client, ministry_viewer
):
    with translation.override("en"):
        english = [group_label(k) for k in ("awareness", "policy", "integration")]
    assert english == [
        "Communication and awareness", "State management and policy", "International integration",
    ]  # fmt: skip
    assert group_label("awareness") == "Tuyên truyền, nâng cao nhận thức"
    load_seed_plans()
    login(client, ministry_viewer)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"  # the language the user chose
    page = client.get(reverse("national:plans")).content.decode()
    docx = client.get(reverse("national:synthesis_docx")).content
    text = "\n".join(p.text for p in Document(io.BytesIO(docx)).paragraphs)

    assert "Communication and awareness" in page
    assert "Local technical regulations" in page
    assert "Tuyên truyền, nâng cao nhận thức" in text  # an official document: Vietnamese
    assert "Communication and awareness" not in text
