"""Settings: ``defaults.toml`` < user TOML file < ``NEWSLOOM_SECTION__KEY`` env < flags.

Stages receive a :class:`Settings` object and never read files or the
environment themselves, so a batch job and a distributed worker given the same
settings behave the same.  Values are checked once, here, against the type of
their default: an unknown key or a wrong type is a :class:`ConfigError`.
"""

from __future__ import annotations

import copy
import json
import os
import tomllib
from collections.abc import Mapping
from importlib import resources
from pathlib import Path
from typing import Any

from newsloom.errors import ConfigError

ENV_PREFIX = "NEWSLOOM_"


def _defaults() -> dict[str, dict[str, Any]]:
    text = resources.files("newsloom").joinpath("defaults.toml").read_text("utf-8")
    return tomllib.loads(text)


class Settings:
    """Effective settings, read as ``settings["lang"]["languages"]`` or ``settings.get(...)``."""

    def __init__(self, values: Mapping[str, Mapping[str, Any]] | None = None) -> None:
        self._values = _defaults()
        if values:
            self.update(values, origin="argument")

    @classmethod
    def load(
        cls,
        path: str | Path | None = None,
        env: Mapping[str, str] | None = None,
        overrides: Mapping[str, Mapping[str, Any]] | None = None,
    ) -> Settings:
        """Layer a user file, ``NEWSLOOM_*`` variables and explicit overrides on the defaults."""
        env = os.environ if env is None else env
        settings = cls()
        path = path or env.get(ENV_PREFIX + "CONFIG")
        if path:
            try:
                user = tomllib.loads(Path(path).read_text("utf-8"))
            except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
                raise ConfigError("NL203", str(path), detail=exc) from None
            settings.update(user, origin=str(path))
        for name, raw in env.items():
            if not name.startswith(ENV_PREFIX) or "__" not in name:
                continue
            section, key = name[len(ENV_PREFIX) :].lower().split("__", 1)
            settings.set(section, key, _parse_env(raw), origin=name)
        if overrides:
            settings.update(overrides, origin="flag")
        return settings

    def update(self, values: Mapping[str, Mapping[str, Any]], origin: str) -> None:
        for section, table in values.items():
            if not isinstance(table, Mapping):
                raise ConfigError("NL201", origin, key=section)
            for key, value in table.items():
                self.set(section, key, value, origin=origin)

    def set(self, section: str, key: str, value: Any, origin: str = "argument") -> None:
        name = f"{section}.{key}"
        if section not in self._values or key not in self._values[section]:
            raise ConfigError("NL201", origin, key=name)
        default = self._values[section][key]
        self._values[section][key] = _coerce(name, default, value, origin)

    def __getitem__(self, section: str) -> dict[str, Any]:
        return self._values[section]

    def get(self, section: str, key: str) -> Any:
        return self._values[section][key]

    def as_dict(self) -> dict[str, dict[str, Any]]:
        return copy.deepcopy(self._values)


def _parse_env(raw: str) -> Any:
    """Environment values are JSON when they parse as JSON, else plain strings."""
    try:
        return json.loads(raw)
    except json.JSONDecodeError:
        return raw


def _coerce(name: str, default: Any, value: Any, origin: str) -> Any:
    expected = type(default)
    if expected is float and isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    if expected is list:
        if isinstance(value, str):
            value = [v.strip() for v in value.split(",") if v.strip()]
        if not isinstance(value, list) or not all(isinstance(v, type(default[0])) for v in value):
            raise ConfigError("NL202", origin, key=name, expected="a list", value=value)
        return value
    if not isinstance(value, expected) or (expected is int and isinstance(value, bool)):
        raise ConfigError("NL202", origin, key=name, expected=expected.__name__, value=value)
    return value
