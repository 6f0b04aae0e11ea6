"""Relay building blocks: the Node interface and cursor connections."""

from __future__ import annotations

import base64
from collections.abc import Callable
from typing import Generic, TypeVar

import strawberry
from sqlmodel import SQLModel

from api.errors import BadRequest
from domain.base.paging import Page, PageRequest

NodeT = TypeVar("NodeT")
RowT = TypeVar("RowT", bound=SQLModel)


@strawberry.interface(description="An object with a global ID, fetchable with `node(id:)`.")
class Node:
    id: strawberry.ID


@strawberry.type
class PageInfo:
    has_next_page: bool
    has_previous_page: bool
    start_cursor: str | None
    end_cursor: str | None


@strawberry.type
class Edge(Generic[NodeT]):
    cursor: str
    node: NodeT


@strawberry.type
class Connection(Generic[NodeT]):
    edges: list[Edge[NodeT]]
    nodes: list[NodeT]
    page_info: PageInfo
    total_count: int


def encode_cursor(pk: int) -> str:
    return base64.urlsafe_b64encode(f"cursor:{pk}".encode()).decode().rstrip("=")


def decode_cursor(cursor: str, arg: str) -> int:
    try:
        raw = base64.urlsafe_b64decode((cursor + "=" * (-len(cursor) % 4)).encode()).decode()
        prefix, _, pk = raw.partition(":")
        if prefix != "cursor" or not pk.isdigit():
            raise ValueError
        return int(pk)
    except ValueError:
        raise BadRequest(f"{arg} is not a cursor issued by this server") from None


def page_request(
    first: int | None, after: str | None, last: int | None, before: str | None, *, default: int, maximum: int
) -> PageRequest:
    """Check Relay arguments against the page-size limit and decode the cursors."""
    if first is not None and last is not None:
        raise BadRequest("give first or last, not both")
    for name, value in (("first", first), ("last", last)):
        if value is not None and not 0 <= value <= maximum:
            raise BadRequest(f"{name} must be between 0 and {maximum}")
    if first is None and last is None:
        first = default
    return PageRequest(
        first=first,
        after=decode_cursor(after, "after") if after else None,
        last=last,
        before=decode_cursor(before, "before") if before else None,
    )


def to_connection(page: Page[RowT], wrap: Callable[[RowT], NodeT]) -> Connection[NodeT]:
    edges = [Edge(cursor=encode_cursor(getattr(r, "id")), node=wrap(r)) for r in page.rows]  # noqa: B009
    return Connection(
        edges=edges,
        nodes=[e.node for e in edges],
        page_info=PageInfo(
            has_next_page=page.has_next,
            has_previous_page=page.has_previous,
            start_cursor=edges[0].cursor if edges else None,
            end_cursor=edges[-1].cursor if edges else None,
        ),
        total_count=page.total,
    )
