"""One settings class, read from ``CALFCOACH_*`` environment variables."""

from __future__ import annotations

from pathlib import Path

from platformdirs import user_data_path
from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict


def default_database_url() -> str:
    """An SQLite file in the user's data folder (created on first use)."""
    folder = user_data_path("calfcoach", appauthor=False)
    return f"sqlite:///{Path(folder) / 'calfcoach.sqlite3'}"


class Settings(BaseSettings):
    """Everything the web app, the API and the stored-data commands can be told."""

    model_config = SettingsConfigDict(env_prefix="CALFCOACH_", extra="ignore")

    database_url: str = Field(
        default_factory=default_database_url,
        description="SQLAlchemy URL; postgresql+psycopg://... selects PostgreSQL.",
    )
    secret_key: SecretStr | None = Field(
        default=None,
        description="Signs session cookies. Unset: a random key per process (sign-ins end "
        "when the server restarts).",
    )
    cookie_secure: bool = Field(
        default=False, description="Send the session cookie over HTTPS only (set behind TLS)."
    )
    session_days: int = Field(default=14, ge=1, le=365, description="How long a sign-in lasts.")
    login_attempts: int = Field(
        default=5, ge=1, le=100, description="Failed sign-ins per email allowed in the window."
    )
    login_window_minutes: int = Field(
        default=15, ge=1, le=1440, description="The window that login_attempts counts over."
    )
