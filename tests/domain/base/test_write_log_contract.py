"""The write log relies on one private SQLAlchemy attribute; an upgrade that drops it must fail
here, in CI, rather than in a server."""

from __future__ import annotations

from sqlalchemy.orm import Session


def test_session_still_has_the_flushing_flag() -> None:
    session = Session()
    try:
        assert session._flushing is False
    finally:
        session.close()
