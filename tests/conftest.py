"""Shared fixtures: small case files written by the tests themselves."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
import textwrap

import pytest

# Tests never read or write the user's cache folder (voyages/_cache.py): each
# session, and the CLI subprocesses it starts, gets a fresh one.
if "VOYAGES_CACHE_DIR" not in os.environ:
    os.environ["VOYAGES_CACHE_DIR"] = tempfile.mkdtemp(prefix="voyages-test-cache-")
    atexit.register(shutil.rmtree, os.environ["VOYAGES_CACHE_DIR"], True)

BASE_CASE = """\
[case]
id = "t"
title = "Test case"

[[sources]]
id = "paper"
publisher = "The Paper"
published = 2025-01-05

[[vessels]]
id = "ship"
name = "Test Ship"
"""


@pytest.fixture
def empty_cache(tmp_path, monkeypatch):
    """A user cache folder of its own (``$VOYAGES_CACHE_DIR``), empty; returns a function
    that takes the ``functools.cache``-d readers of that folder to clear, before and after."""
    monkeypatch.setenv("VOYAGES_CACHE_DIR", str(tmp_path))
    cleared = []

    def clearing(*readers):
        for reader in readers:
            reader.cache_clear()
        cleared.extend(readers)
        return tmp_path

    yield clearing
    for reader in cleared:
        reader.cache_clear()


@pytest.fixture
def write_case(tmp_path):
    """Write ``BASE_CASE`` plus ``extra`` TOML to ``case.toml``; return its path."""

    def write(extra: str = "", *, base: str = BASE_CASE, name: str = "case.toml"):
        path = tmp_path / name
        path.write_text(base + "\n" + textwrap.dedent(extra), encoding="utf-8")
        return path

    return write


def event(id: str, kind: str, place: str | None, time: str | None, **fields) -> str:
    """One ``[[events]]`` table as TOML (``time`` and ``place`` given as TOML literals)."""
    lines = ["[[events]]", f'id = "{id}"', f'subject = "{fields.pop("subject", "ship")}"',
             f'kind = "{kind}"', f'source = "{fields.pop("source", "paper")}"',
             f'quote = "{fields.pop("quote", "as reported")}"']
    if place is not None:
        lines.append(f"place = {place}")
    if time is not None:
        lines.append(f"time = {time}")
    for key, value in fields.items():
        lines.append(f"{key} = {value}")
    return "\n".join(lines) + "\n\n"
