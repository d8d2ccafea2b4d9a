"""Sign-in limits: five failures lock a user name at one address (axes); many failures from
many addresses lock the user name everywhere (a spray)."""

from django.utils import translation

from tdc.accounts.tests.factories import TEST_PASSWORD

LOGIN = "/tai-khoan/dang-nhap/"


def _login(client, username, password, address):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address)


def _spray(client, username, count):
    for n in range(count):
        response = _login(client, username, "sai-mat-khau", f"10.1.{n // 200}.{n % 200}")
        assert response.status_code == 200


def test_many_addresses_spraying_one_user_lock_that_user_name(client, officer, reporter):
    _spray(client, officer.username, 20)

    response = _login(client, officer.username, TEST_PASSWORD, "10.9.9.9")

    assert response.status_code == 429
    assert "bị thử đăng nhập sai quá nhiều lần từ nhiều nơi" in response.content.decode()
    assert "_auth_user_id" not in client.session
    # Only that user name: another user signs in from the same address.
    assert _login(client, reporter.username, TEST_PASSWORD, "10.9.9.9").status_code == 302


def test_below_the_limit_the_right_password_still_works(client, officer):
    _spray(client, officer.username, 19)

    assert _login(client, officer.username, TEST_PASSWORD, "10.9.9.9").status_code == 302


def test_a_user_name_nobody_has_is_limited_too(client, db):
    """The answer must not tell which user names exist."""
    _spray(client, "khong-ton-tai", 20)

    assert _login(client, "khong-ton-tai", "bat-ky", "10.9.9.9").status_code == 429


def _null_character_errors() -> list[str]:
    """The input middleware strips NUL from requests; a form used elsewhere still refuses it."""
    from tdc.accounts.forms import OrganisationFilterForm

    form = OrganisationFilterForm(data={"q": "Sở\x00KH"})
    assert not form.is_valid()
    return [str(message) for messages in form.errors.values() for message in messages]


def test_null_characters_are_refused_in_vietnamese(db):
    with translation.override("vi"):
        assert _null_character_errors() == ["Không được chứa ký tự rỗng (NUL)."]


def test_null_characters_are_refused_in_english_for_english_users(db):
    with translation.override("en"):
        assert _null_character_errors() == ["Null characters are not allowed."]


def test_a_pasted_null_character_never_reaches_the_login_form(client, officer):
    response = _login(client, officer.username.replace("", "\x00")[1:-1], TEST_PASSWORD, "10.0.0.1")

    assert response.status_code == 302
