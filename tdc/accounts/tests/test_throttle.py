"""Sign-in limits: five failures lock a user name at one address (axes); many failures from
many addresses lock the user name everywhere (a spray)."""

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


def test_null_characters_are_refused_in_vietnamese(client, db):
    response = _login(client, "can\x00bo", "mat-khau", "10.0.0.1")

    assert "Không được chứa ký tự rỗng (NUL)." in response.content.decode()


def test_null_characters_are_refused_in_english_for_english_users(client, db):
    client.cookies["django_language"] = "en"

    response = _login(client, "can\x00bo", "mat-khau", "10.0.0.1")

    assert "Null characters are not allowed." in response.content.decode()
