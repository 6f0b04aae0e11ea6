"""Each feature's pure core imports in a fresh interpreter without loading the database or the
web stack: it is what benchmarks and plugins call, with plain data in and out."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FORBIDDEN = ("sqlalchemy", "sqlmodel", "strawberry", "starlette", "aiosqlite", "asyncpg", "uvicorn")
CORES = sorted(f"domain.{p.parent.parent.name}.core" for p in (ROOT / "domain").glob("*/core/__init__.py"))

PROBE = """
import importlib, json, sys
importlib.import_module(sys.argv[1])
print(json.dumps(sorted({name.split(".")[0] for name in sys.modules})))
"""


def test_every_feature_with_computation_has_a_core() -> None:
    assert {"domain.planning.core", "domain.resources.core", "domain.governance.core"} <= set(CORES)


@pytest.mark.parametrize("core", CORES)
def test_core_imports_without_the_database_or_the_web(core: str) -> None:
    out = subprocess.run(
        [sys.executable, "-c", PROBE, core], cwd=ROOT, capture_output=True, text=True, check=True, timeout=120
    )
    loaded = set(json.loads(out.stdout.splitlines()[-1]))
    assert sorted(loaded & set(FORBIDDEN)) == []
