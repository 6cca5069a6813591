import pytest

from bot.errors import ConfigurationError
from bot.settings import load_settings


def test_defaults_run_without_any_account() -> None:
    settings = load_settings(_env_file=None)
    assert settings.whatsapp_provider == "sandbox"
    assert settings.is_sqlite
    assert settings.default_region == "SN"
    assert settings.default_language == "fr"


def test_meta_without_app_secret_refuses_to_start() -> None:
    with pytest.raises(ConfigurationError) as excinfo:
        load_settings(
            _env_file=None,
            whatsapp_provider="meta",
            whatsapp_verify_token="v",
            whatsapp_api_token="t",
            whatsapp_phone_number_id="1",
        )
    assert "WHATSAPP_APP_SECRET" in str(excinfo.value)
    assert "WHATSAPP_VERIFY_TOKEN" not in str(excinfo.value)


def test_twilio_needs_its_credentials() -> None:
    with pytest.raises(ConfigurationError) as excinfo:
        load_settings(_env_file=None, whatsapp_provider="twilio")
    for name in ("TWILIO_AUTH_TOKEN", "TWILIO_ACCOUNT_SID", "TWILIO_WHATSAPP_FROM"):
        assert name in str(excinfo.value)


@pytest.mark.parametrize("url", ["not a url", "mysql://u@h/db", "postgresql://u@h:notaport/db"])
def test_malformed_database_url_names_the_variable(url: str) -> None:
    with pytest.raises(ConfigurationError, match="DATABASE_URL"):
        load_settings(_env_file=None, database_url=url)


@pytest.mark.parametrize(
    "url",
    ["postgres://user:pw@db.example:5432/shop", "postgresql://user:pw@db.example:5432/shop"],
)
def test_hosting_platform_urls_use_psycopg3(url: str) -> None:
    settings = load_settings(_env_file=None, database_url=url)
    assert settings.database_url == "postgresql+psycopg://user:pw@db.example:5432/shop"
    assert not settings.is_sqlite


def test_secrets_never_show_in_repr_or_str() -> None:
    settings = load_settings(
        _env_file=None,
        whatsapp_provider="meta",
        whatsapp_app_secret="app-secret-value",
        whatsapp_verify_token="verify-value",
        whatsapp_api_token="EAAtoken-value",
        whatsapp_phone_number_id="106540352249871",
        admin_token="admin-value-0123456789abcdef0123456789",
        database_url="postgresql://user:db-password@h/db",
    )
    shown = repr(settings) + str(settings)
    for secret in (
        "app-secret-value",
        "verify-value",
        "EAAtoken-value",
        "admin-value-0123456789abcdef0123456789",
        "db-password",
    ):
        assert secret not in shown
    assert settings.secret("whatsapp_app_secret") == "app-secret-value"


def test_environment_variables_use_the_old_guide_names(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WHATSAPP_API_URL", "https://graph.facebook.com/v21.0/")
    monkeypatch.setenv("TWILIO_WHATSAPP_FROM", "whatsapp:+14155238886")
    monkeypatch.setenv("WHATSAPP_ENABLED", "False")
    settings = load_settings(_env_file=None)
    assert settings.whatsapp_api_url == "https://graph.facebook.com/v21.0"
    assert settings.twilio_whatsapp_from == "whatsapp:+14155238886"
    assert settings.whatsapp_enabled is False


def test_rate_limit_is_bounded_by_metas_highest_tier() -> None:
    with pytest.raises(ConfigurationError, match="OUTBOX_RATE_PER_SECOND"):
        load_settings(_env_file=None, outbox_rate_per_second=5000)


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("public_base_url", "bot.example.sn"),
        ("whatsapp_api_url", "graph.facebook.com/v21.0"),
        ("twilio_api_url", "ftp://api.twilio.com"),
        ("log_level", "verbose"),
    ],
)
def test_malformed_urls_and_log_levels_refuse_to_start(name: str, value: str) -> None:
    with pytest.raises(ConfigurationError, match=name.upper()):
        load_settings(_env_file=None, **{name: value})


def test_urls_and_log_levels_are_normalised() -> None:
    settings = load_settings(
        _env_file=None, public_base_url=" https://bot.example.sn/ ", log_level="warning"
    )
    assert (settings.public_base_url, settings.log_level) == ("https://bot.example.sn", "WARNING")


def test_credentials_left_with_the_sandbox_provider_are_warned_about() -> None:
    """An old deployment's .env has Twilio credentials but no WHATSAPP_PROVIDER."""
    old = load_settings(_env_file=None, twilio_account_sid="AC1", twilio_auth_token="secret")
    [warning] = old.startup_warnings()
    assert "TWILIO_AUTH_TOKEN" in warning and "TWILIO_ACCOUNT_SID" in warning
    assert "secret" not in warning
    assert load_settings(_env_file=None).startup_warnings() == []


@pytest.mark.parametrize("token", ["7", "x" * 31, "  " + "y" * 20 + "  "])
def test_short_admin_tokens_refuse_to_start(token: str) -> None:
    with pytest.raises(ConfigurationError, match="ADMIN_TOKEN.*stockbot token"):
        load_settings(_env_file=None, admin_token=token)


def test_admin_token_of_32_characters_is_accepted_and_blank_means_unset() -> None:
    token = "z" * 32
    assert load_settings(_env_file=None, admin_token=token).secret("admin_token") == token
    assert load_settings(_env_file=None, admin_token="  ").admin_token is None


DURATIONS = [
    "inbound_lease_seconds",
    "outbox_pair_interval_seconds",
    "outbox_max_age_hours",
    "outbox_lease_seconds",
    "outbox_status_grace_seconds",
    "conversation_timeout_minutes",
    "alert_renotify_hours",
]
UNUSABLE = [(name, value) for name in DURATIONS for value in ("inf", "nan", "1e300")]


@pytest.mark.parametrize(
    ("name", "value"), [*UNUSABLE, ("server_body_min_bytes_per_second", "inf")]
)
def test_a_number_no_date_or_wait_can_be_made_of_refuses_to_start(name: str, value: str) -> None:
    """`OUTBOX_MAX_AGE_HOURS=inf` once started, then every claim of the worker and every
    message of `stockbot chat` raised OverflowError."""
    with pytest.raises(ConfigurationError, match=name.upper()):
        load_settings(_env_file=None, **{name: value})


def test_durations_as_the_readme_gives_them_are_accepted() -> None:
    settings = load_settings(
        _env_file=None,
        outbox_max_age_hours="48",
        conversation_timeout_minutes="120",
        alert_renotify_hours="72",
        inbound_lease_seconds="30",
    )
    assert settings.outbox_max_age_hours == 48


def test_bounds_of_settings_are_said_in_french_by_default() -> None:
    from bot.settings_messages import configuration_message

    with pytest.raises(ConfigurationError) as excinfo:
        load_settings(
            _env_file=None,
            outbox_max_age_hours="inf",
            raw_events_retention_days="3000000",
            outbox_max_attempts="beaucoup",
        )
    french = configuration_message(str(excinfo.value), "fr")
    assert "OUTBOX_MAX_AGE_HOURS: un nombre fini est attendu" in french
    assert "RAW_EVENTS_RETENTION_DAYS: au plus 36500 est attendu" in french
    assert "OUTBOX_MAX_ATTEMPTS: un nombre entier est attendu" in french
    assert "Input should" not in french
    assert "Input should be a finite number" in configuration_message(str(excinfo.value), "en")
