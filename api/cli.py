"""The ``pmo`` command: serve, migrate, create tokens, load the demo, print the schema."""

from __future__ import annotations

import asyncio
import os
import sys
from dataclasses import replace

import click

from api.config import Settings
from domain.access.tokens import TokenError, count_tokens, create_token
from domain.base.authz import Role
from domain.base.db import Database, DatabaseURLError
from domain.base.ids import BadGlobalId, expect_global_id
from migrations.runner import current_revision, head_revision, upgrade


def _settings(database_url: str | None) -> Settings:
    settings = Settings.from_env()
    if database_url:
        settings = replace(settings, database_url=database_url)
        # Workers started by uvicorn read the environment, not our arguments.
        os.environ["PMO_DATABASE_URL"] = database_url
    return settings


def _fail(message: str) -> None:
    click.echo(f"error: {message}", err=True)
    sys.exit(2)


database_option = click.option(
    "--database-url",
    envvar="PMO_DATABASE_URL",
    default=None,
    help="sqlite:///PATH or postgresql://USER@HOST:PORT/DB (default: sqlite:///pmo.db).",
)


@click.group()
def main() -> None:
    """PMO engine: portfolios, projects, CPM scheduling, leveling and governance over GraphQL."""


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=int)
@click.option("--reload", is_flag=True, help="Restart on code changes (development).")
@click.option("--workers", default=1, show_default=True, type=int, help="Worker processes (use PostgreSQL for >1).")
@click.option("--demo", is_flag=True, help="Load the demo portfolio first if the database has none.")
@database_option
def serve(host: str, port: int, reload: bool, workers: int, demo: bool, database_url: str | None) -> None:
    """Serve /graphql and /healthz (migrating the database first)."""
    import uvicorn

    settings = _settings(database_url)
    tokens = asyncio.run(_prepare(settings, demo))
    if tokens == 0:
        click.echo("No API token yet. Create one in another shell with:\n  pmo token create --role admin --name you\n")
    click.echo(f"GraphQL at http://{host}:{port}/graphql  (database: {settings.database_url})")
    uvicorn.run("api.app:create_app", factory=True, host=host, port=port, reload=reload, workers=workers)


async def _prepare(settings: Settings, demo: bool) -> int:
    from api.demo import load_demo
    from api.runtime import Runtime

    runtime = await Runtime.start(settings)
    try:
        if demo:
            await load_demo(runtime, only_if_empty=True)
        async with runtime.db.reader() as session:
            return await count_tokens(session)
    finally:
        await runtime.stop()


@main.group()
def db() -> None:
    """Database schema migrations."""


@db.command("upgrade")
@click.option("--revision", default="head", show_default=True)
@database_option
def db_upgrade(revision: str, database_url: str | None) -> None:
    """Migrate the database to the newest schema (or to --revision)."""
    settings = _settings(database_url)

    async def run() -> str | None:
        database = Database.connect(settings.database_url)
        try:
            await upgrade(database, revision)
            return await current_revision(database)
        finally:
            await database.dispose()

    click.echo(f"database at revision {asyncio.run(run())} (head {head_revision()})")


@main.group()
def token() -> None:
    """API tokens."""


@token.command("create")
@click.option("--role", required=True, type=click.Choice([r.name.lower() for r in Role]))
@click.option("--name", required=True, help="The user the token belongs to (created if new).")
@click.option("--portfolio", default=None, help="Grant the role for this portfolio only (its ID).")
@database_option
def token_create(role: str, name: str, portfolio: str | None, database_url: str | None) -> None:
    """Create a token and print only the token on stdout."""
    settings = _settings(database_url)
    portfolio_id: int | None = None
    if portfolio is not None:
        try:
            portfolio_id = (
                int(portfolio) if portfolio.isdigit() else expect_global_id(portfolio, "Portfolio", "--portfolio")
            )
        except BadGlobalId as exc:
            _fail(str(exc))

    async def run() -> str:
        database = Database.connect(settings.database_url)
        try:
            await upgrade(database)
            async with database.transaction() as session:
                return await create_token(session, name=name, role=Role.parse(role), portfolio_id=portfolio_id)
        finally:
            await database.dispose()

    try:
        click.echo(asyncio.run(run()))
    except (TokenError, DatabaseURLError) as exc:
        _fail(str(exc))


@main.command()
@database_option
def demo(database_url: str | None) -> None:
    """Load a demo portfolio (projects, tasks, dependencies, resources, risks)."""
    from api.demo import load_demo
    from api.runtime import Runtime

    settings = _settings(database_url)

    async def run() -> str:
        runtime = await Runtime.start(settings)
        try:
            return await load_demo(runtime, only_if_empty=False)
        finally:
            await runtime.stop()

    click.echo(f"demo portfolio loaded: {asyncio.run(run())}")


@main.command()
def schema() -> None:
    """Print the GraphQL schema (SDL); CI checks it against schema.graphql."""
    from api.schema import build_schema

    click.echo(build_schema(Settings()).as_str())


if __name__ == "__main__":
    main()
