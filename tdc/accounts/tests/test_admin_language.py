import pytest

pytestmark = pytest.mark.django_db


def test_the_admin_pages_skip_link_reads_vietnamese(client, admin_user):
    from django.contrib.auth import get_user_model

    staff = get_user_model().objects.get(pk=admin_user.pk)
    staff.is_staff = True
    staff.is_superuser = True
    staff.save()
    client.force_login(staff)
    html = client.get("/quan-tri/login/", follow=True).content.decode()
    assert "Chuyển đến nội dung chính" in html
    assert "Skip to main content" not in html
