"""Configuration comes from the environment only, with production-safe defaults."""

import runpy
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

SETTINGS = str(Path(__file__).resolve().parents[2] / "settings.py")


def load(monkeypatch, **env):
    for name in ("DATABASE_URL", "DEBUG", "ALLOWED_HOSTS", "SECRET_KEY", "SECRET_KEY_FILE"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(SETTINGS)


def test_sqlite_is_the_default(monkeypatch):
    settings = load(monkeypatch, SECRET_KEY="s")

    database = settings["DATABASES"]["default"]
    assert database["ENGINE"] == "django.db.backends.sqlite3"
    assert database["NAME"].endswith("var/tdc.sqlite3")
    assert "journal_mode=WAL" in database["OPTIONS"]["init_command"]


def test_postgresql_from_database_url_keeps_connections_open(monkeypatch):
    settings = load(
        monkeypatch, SECRET_KEY="s", DATABASE_URL="postgres://tdc:pw@db.internal:5433/tdc_prod"
    )

    database = settings["DATABASES"]["default"]
    assert database["ENGINE"] == "django.db.backends.postgresql"
    assert (database["HOST"], database["PORT"], database["NAME"]) == (
        "db.internal",
        5433,
        "tdc_prod",
    )
    assert database["USER"] == "tdc"
    assert database["CONN_MAX_AGE"] == 600
    assert database["CONN_HEALTH_CHECKS"] is True


def test_production_defaults_are_safe(monkeypatch):
    settings = load(monkeypatch, SECRET_KEY="s")

    assert settings["DEBUG"] is False
    assert settings["ALLOWED_HOSTS"] == []
    assert settings["SESSION_COOKIE_SECURE"] is True
    assert settings["CSRF_COOKIE_SECURE"] is True
    assert settings["SECURE_HSTS_SECONDS"] == 31536000
    assert settings["PASSWORD_HASHERS"][0].endswith("Argon2PasswordHasher")
    policy = settings["CONTENT_SECURITY_POLICY"]["DIRECTIVES"]
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]


def test_development_relaxes_only_what_a_laptop_needs(monkeypatch):
    settings = load(monkeypatch, SECRET_KEY="s", DEBUG="true")

    assert settings["DEBUG"] is True
    assert settings["ALLOWED_HOSTS"] == ["127.0.0.1", "localhost"]
    assert settings["SESSION_COOKIE_SECURE"] is False


def test_a_secret_key_is_required(monkeypatch):
    with pytest.raises(ImproperlyConfigured):
        load(monkeypatch)


def test_the_secret_key_can_come_from_a_file(monkeypatch, tmp_path):
    secret = tmp_path / "secret"
    secret.write_text("from-a-file\n")

    settings = load(monkeypatch, SECRET_KEY_FILE=str(secret))

    assert settings["SECRET_KEY"] == "from-a-file"


def test_booleans_are_strict(monkeypatch):
    with pytest.raises(ImproperlyConfigured):
        load(monkeypatch, SECRET_KEY="s", DEBUG="yes please")


def test_e_mail_settings_come_from_the_environment(monkeypatch):
    settings = load(
        monkeypatch,
        SECRET_KEY="s",
        EMAIL_HOST="smtp.khanhhoa.gov.vn",
        EMAIL_PORT="587",
        EMAIL_USE_TLS="true",
    )

    assert (settings["EMAIL_HOST"], settings["EMAIL_PORT"], settings["EMAIL_USE_TLS"]) == (
        "smtp.khanhhoa.gov.vn",
        587,
        True,
    )


def test_forwarded_headers_are_ignored_unless_proxies_are_declared(monkeypatch):
    monkeypatch.delenv("TRUSTED_PROXY_COUNT", raising=False)
    assert load(monkeypatch, SECRET_KEY="s")["TRUSTED_PROXY_COUNT"] == 0
    assert load(monkeypatch, SECRET_KEY="s", TRUSTED_PROXY_COUNT="1")["TRUSTED_PROXY_COUNT"] == 1
    with pytest.raises(ImproperlyConfigured, match="TRUSTED_PROXY_COUNT"):
        load(monkeypatch, SECRET_KEY="s", TRUSTED_PROXY_COUNT="-1")


def test_every_api_list_and_login_lockout_use_the_platform_helpers(monkeypatch):
    settings = load(monkeypatch, SECRET_KEY="s")

    assert settings["AXES_CLIENT_IP_CALLABLE"] == "tdc.core.clients.client_address"
    assert settings["NINJA_PAGINATION_CLASS"] == (
        "tdc.core.pagination.BoundedLimitOffsetPagination"
    )
    assert settings["LOGGING"]["handlers"]["mail_admins"]["class"] == (
        "tdc.core.error_mail.ThrottledAdminEmailHandler"
    )
