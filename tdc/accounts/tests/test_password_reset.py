"""Password reset by e-mail: Vietnamese pages and e-mail, audited, throttled."""

import re

from django.core import mail
from django.urls import reverse

from tdc.accounts.tests.factories import TEST_PASSWORD
from tdc.core.models import AuditEvent

RESET = "/tai-khoan/quen-mat-khau/"
NEW_PASSWORD = "Mat-khau-moi-rat-dai-2026"


def _ask(client, email, address="10.0.0.7"):
    return client.post(RESET, {"email": email}, REMOTE_ADDR=address)


def test_the_login_page_offers_a_password_reset(client, db):
    body = client.get(reverse("accounts:login")).content.decode()

    assert f'href="{RESET}"' in body
    page = client.get(RESET).content.decode()
    assert "Quên mật khẩu" in page
    assert "Thư điện tử của tài khoản" in page


def test_an_officer_resets_the_password_through_the_emailed_link(client, officer):
    response = _ask(client, officer.email)

    assert response.status_code == 302
    assert response.url == "/tai-khoan/quen-mat-khau/da-gui/"
    assert "Đã gửi hướng dẫn" in client.get(response.url).content.decode()
    [message] = mail.outbox
    assert message.to == [officer.email]
    assert message.subject == "Đặt lại mật khẩu tài khoản TĐC"
    assert f"Kính gửi {officer.full_name}," in message.body
    assert f"Tên đăng nhập của bạn: {officer.username}" in message.body
    link = re.search(r"http://testserver(/tai-khoan/dat-lai-mat-khau/\S+/)", message.body)
    assert link is not None

    form_page = client.get(link.group(1), follow=True)
    assert "Mật khẩu mới" in form_page.content.decode()
    done = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )

    assert done.status_code == 302
    assert done.url == "/tai-khoan/dat-lai-mat-khau/xong/"
    officer.refresh_from_db()
    assert officer.check_password(NEW_PASSWORD)
    assert not officer.check_password(TEST_PASSWORD)
    assert list(
        AuditEvent.objects.order_by("id")
        .filter(action__startswith="auth.password_reset")
        .values_list("action", "target_id")
    ) == [
        ("auth.password_reset_requested", ""),
        ("auth.password_reset_sent", str(officer.pk)),
        ("auth.password_reset_done", str(officer.pk)),
    ]
    # The link works once.
    again = client.get(link.group(1), follow=True).content.decode()
    assert "Đường dẫn đặt lại mật khẩu không hợp lệ" in again


def test_an_unknown_address_gets_the_same_answer_and_no_email(client, officer):
    response = _ask(client, "khong-co-ai@example.vn")

    assert response.status_code == 302
    assert response.url == "/tai-khoan/quen-mat-khau/da-gui/"
    assert mail.outbox == []


def test_an_account_gets_at_most_three_reset_emails_an_hour(client, officer):
    for n in range(5):
        assert _ask(client, officer.email, address=f"10.0.1.{n}").status_code == 302

    assert len(mail.outbox) == 3


def test_an_address_gets_at_most_five_reset_requests_an_hour(client, officer, reporter):
    for n in range(5):
        assert _ask(client, f"nguoi{n}@example.vn").status_code == 302

    refused = _ask(client, reporter.email)
    elsewhere = _ask(client, reporter.email, address="10.0.0.8")

    assert refused.status_code == 429
    assert "Bạn đã yêu cầu đặt lại mật khẩu quá nhiều lần." in refused.content.decode()
    assert elsewhere.status_code == 302
    assert [m.to for m in mail.outbox] == [[reporter.email]]
