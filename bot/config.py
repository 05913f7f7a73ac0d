"""Settings from the environment: endpoints and secrets (never from sources.yaml).

Secrets are `SecretStr`, so a repr, a log line or an error shows `**********`.
"""

from __future__ import annotations

from functools import cached_property
from pathlib import Path

from pydantic import AliasChoices, Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

from store.db import DEFAULT_DATA_DIR, default_url, masked


def _env(*names: str) -> AliasChoices:
    return AliasChoices(*names)


class Settings(BaseSettings):
    model_config = SettingsConfigDict(extra="ignore", populate_by_name=True)

    database_url_raw: SecretStr | None = Field(
        default=None, validation_alias=_env("CLAIMWATCH_DATABASE_URL")
    )
    data_dir: Path = Field(default=DEFAULT_DATA_DIR, validation_alias=_env("CLAIMWATCH_DATA_DIR"))
    sources_file: Path = Field(
        default=Path("sources.yaml"), validation_alias=_env("CLAIMWATCH_SOURCES")
    )
    contact: str = Field(
        default="https://github.com/claimwatch/claimwatch",
        validation_alias=_env("CLAIMWATCH_CONTACT"),
    )
    log_level: str = Field(default="INFO", validation_alias=_env("CLAIMWATCH_LOG_LEVEL"))

    # claim extraction
    openai_api_key: SecretStr | None = Field(default=None, validation_alias=_env("OPENAI_API_KEY"))
    openai_base_url: str | None = Field(default=None, validation_alias=_env("OPENAI_BASE_URL"))
    llm_model: str | None = Field(default=None, validation_alias=_env("CLAIMWATCH_LLM_MODEL"))
    llm_daily_token_budget: int = Field(
        default=2_000_000, validation_alias=_env("CLAIMWATCH_LLM_DAILY_TOKENS")
    )

    # Discord
    discord_token: SecretStr | None = Field(default=None, validation_alias=_env("DISCORD_TOKEN"))
    discord_webhook_url: SecretStr | None = Field(
        default=None, validation_alias=_env("DISCORD_WEBHOOK_URL")
    )

    # e-mail
    smtp_host: str | None = Field(default=None, validation_alias=_env("SMTP_HOST"))
    smtp_port: int = Field(default=587, validation_alias=_env("SMTP_PORT"))
    smtp_user: str | None = Field(default=None, validation_alias=_env("SMTP_USER"))
    smtp_password: SecretStr | None = Field(default=None, validation_alias=_env("SMTP_PASSWORD"))
    smtp_security: str = Field(
        default="starttls", validation_alias=_env("SMTP_SECURITY")
    )  # starttls, tls, none
    smtp_from: str = Field(
        default="claimwatch <claimwatch@localhost>", validation_alias=_env("SMTP_FROM")
    )

    # service
    metrics_port: int | None = Field(default=None, validation_alias=_env("CLAIMWATCH_METRICS_PORT"))
    instance_id: str | None = Field(default=None, validation_alias=_env("CLAIMWATCH_INSTANCE"))

    @cached_property
    def database_url(self) -> str:
        if self.database_url_raw is not None:
            return self.database_url_raw.get_secret_value()
        return default_url(self.data_dir)

    @property
    def database_url_masked(self) -> str:
        return masked(self.database_url)

    def secret_values(self) -> list[str]:
        """Every secret in force, for the log filter that masks them."""
        values = [
            s.get_secret_value()
            for s in (
                self.openai_api_key,
                self.discord_token,
                self.discord_webhook_url,
                self.smtp_password,
            )
            if s is not None and s.get_secret_value()
        ]
        from sqlalchemy.engine import make_url

        try:
            password = make_url(self.database_url).password
        except Exception:
            password = None
        if password:
            values.append(str(password))
        return values


def load_settings() -> Settings:
    return Settings()
