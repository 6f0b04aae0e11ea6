"""Connection arguments shared by every list that can grow."""

from __future__ import annotations

from api.context import Info
from api.relay import page_request
from domain.base.paging import PageRequest


def page_args(info: Info, first: int | None, after: str | None, last: int | None, before: str | None) -> PageRequest:
    settings = info.context.settings
    return page_request(first, after, last, before, default=settings.default_page_size, maximum=settings.max_page_size)
