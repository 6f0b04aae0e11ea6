"""Type aliases shared across the domain."""

from __future__ import annotations

from typing import Any, TypeAlias

JSONValue: TypeAlias = Any
"""A value that survives a JSON round trip (dicts, lists, str, int, float, bool, None)."""

JSONObject: TypeAlias = dict[str, Any]
EntityId: TypeAlias = int
