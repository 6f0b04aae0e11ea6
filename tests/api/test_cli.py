"""The ``pmo`` command, run as a user would."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from domain.base.ids import expect_global_id


def _pmo(*args: str, database_url: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PMO_DATABASE_URL": database_url}
    return subprocess.run(
        [sys.executable, "-m", "api.cli", *args], capture_output=True, text=True, env=env, timeout=120
    )


def test_token_create_prints_only_the_token_and_migrates_first(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'fresh.db'}"
    result = _pmo("token", "create", "--role", "admin", "--name", "alice", database_url=url)
    assert result.returncode == 0, result.stderr
    assert result.stdout.count("\n") == 1
    assert result.stdout.startswith("pmo_")
    assert (tmp_path / "fresh.db").exists()


def test_token_create_refuses_bad_arguments(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'x.db'}"
    bad_role = _pmo("token", "create", "--role", "god", "--name", "x", database_url=url)
    assert bad_role.returncode == 2
    assert "god" in bad_role.stderr
    no_portfolio = _pmo("token", "create", "--role", "pmo", "--name", "x", "--portfolio", "42", database_url=url)
    assert no_portfolio.returncode == 2
    assert "no portfolio with ID 42" in no_portfolio.stderr
    bad_url = _pmo("token", "create", "--role", "pmo", "--name", "x", database_url="mysql://nope")
    assert bad_url.returncode == 2
    assert "PMO_DATABASE_URL" in bad_url.stderr


@pytest.mark.slow
def test_demo_persists_across_a_restart(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'demo.db'}"
    demo = _pmo("demo", database_url=url)
    assert demo.returncode == 0, demo.stderr
    portfolio_id = demo.stdout.strip().rsplit(" ", 1)[-1]
    assert expect_global_id(portfolio_id, "Portfolio", "id") == 1
    upgrade = _pmo("db", "upgrade", database_url=url)
    assert "at revision" in upgrade.stdout
    token = _pmo("token", "create", "--role", "viewer", "--name", "v", database_url=url).stdout.strip()
    script = f"""
import asyncio, httpx
from api.app import create_app
from api.config import Settings
from api.runtime import Runtime

async def main():
    runtime = await Runtime.start(Settings(database_url={url!r}))
    app = create_app(runtime.settings, runtime=runtime)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t") as c:
        query = "{{ portfolios {{ nodes {{ projects {{ totalCount nodes {{ key finishDate }} }} }} }} }}"
        r = await c.post("/graphql", json={{"query": query}}, headers={{"Authorization": "Bearer {token}"}})
        print(r.json())
    await runtime.stop()
asyncio.run(main())
"""
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "'totalCount': 3" in result.stdout
    assert "'key': 'CRM', 'finishDate': '2026-" in result.stdout


def test_schema_command_prints_sdl() -> None:
    result = subprocess.run([sys.executable, "-m", "api.cli", "schema"], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0
    assert "type Query" in result.stdout
    assert "createPortfolio(input: CreatePortfolioInput!): PortfolioPayload!" in result.stdout
