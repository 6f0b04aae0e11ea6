"""Opaque global IDs (``base64("Type:id")``), shared by the API and the audit log.

Event subjects carry the same IDs that ``node(id:)`` accepts, so a client can follow them.
"""

from __future__ import annotations

import base64
import binascii
from functools import lru_cache


class BadGlobalId(ValueError):
    pass


@lru_cache(maxsize=1 << 17)
def to_global_id(type_name: str, pk: int) -> str:
    # Cached: governance snapshots name every task and link of a project on every change.
    return base64.urlsafe_b64encode(f"{type_name}:{pk}".encode()).decode().rstrip("=")


def from_global_id(global_id: str) -> tuple[str, int]:
    padded = global_id + "=" * (-len(global_id) % 4)
    try:
        raw = base64.urlsafe_b64decode(padded.encode()).decode()
        type_name, _, pk = raw.partition(":")
        if not type_name or not pk.isdigit():
            raise ValueError
        return type_name, int(pk)
    except (ValueError, binascii.Error, UnicodeDecodeError):
        raise BadGlobalId(f"{global_id!r} is not an ID issued by this server") from None


def expect_global_id(global_id: str, type_name: str, field: str) -> int:
    """The primary key inside ``global_id`` if it names a ``type_name``; otherwise BadGlobalId."""
    kind, pk = from_global_id(global_id)
    if kind != type_name:
        raise BadGlobalId(f"{field} must be the ID of a {type_name}, got one of a {kind}")
    return pk
