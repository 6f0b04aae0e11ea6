"""Settings, read from the environment (``PMO_*``); the CLI's flags override them."""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from domain.base.db import DEFAULT_DATABASE_URL


def _flag(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _int(name: str, default: int) -> int:
    value = os.environ.get(name)
    if value is None:
        return default
    try:
        return int(value)
    except ValueError:
        raise SystemExit(f"{name} must be a whole number, got {value!r}") from None


def _float(name: str, default: float) -> float:
    value = os.environ.get(name)
    if value is None:
        return default
    try:
        return float(value)
    except ValueError:
        raise SystemExit(f"{name} must be a number, got {value!r}") from None


@dataclass(frozen=True)
class Settings:
    database_url: str = DEFAULT_DATABASE_URL
    graphiql: bool = True
    introspection: bool = True
    max_depth: int = 12
    max_aliases: int = 30
    max_tokens: int = 5_000
    max_page_size: int = 100
    default_page_size: int = 20
    disabled_plugins: frozenset[str] = field(default_factory=frozenset)
    event_poll_seconds: float = 0.5

    @classmethod
    def from_env(cls) -> Settings:
        disabled = os.environ.get("PMO_DISABLED_PLUGINS", "")
        return cls(
            database_url=os.environ.get("PMO_DATABASE_URL", DEFAULT_DATABASE_URL),
            graphiql=_flag("PMO_GRAPHIQL", True),
            introspection=_flag("PMO_INTROSPECTION", True),
            max_depth=_int("PMO_MAX_DEPTH", 12),
            max_aliases=_int("PMO_MAX_ALIASES", 30),
            max_tokens=_int("PMO_MAX_TOKENS", 5_000),
            disabled_plugins=frozenset(p.strip() for p in disabled.split(",") if p.strip()),
            event_poll_seconds=_float("PMO_EVENT_POLL_SECONDS", 0.5),
        )
