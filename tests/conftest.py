"""Shared fixtures: the repository, the shared spec folder, running the CLI, the seeds' graph.

The seeds' graph is built once per session by the real command line, in its own process::

    polgraph build data/ -o <tmp>/graph.ttl

Tests that use it load the spaCy model (in that process) and are marked ``slow``.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from rdflib import Graph

from polgraph.cli import cli
from polgraph.resources import topics_path

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "data"
SEED_FILES = tuple(sorted(p for p in DATA.iterdir() if p.suffix == ".txt")) if DATA.is_dir() else ()


def shared_dir() -> Path:
    """The read-only ``shared`` folder (spec, gold): ``$POLGRAPH_SHARED`` or beside the repository."""
    env = os.environ.get("POLGRAPH_SHARED")
    return Path(env) if env else REPO.parent / "shared"


def require_shared(relative: str) -> Path:
    """``shared_dir() / relative``; when it is missing the test skips, saying why, but fails in CI.

    CI (``$CI`` set, as .ci/run and hosted runners do) must run every test: a missing shared
    folder there is a broken checkout, not a reason to test less.
    """
    path = shared_dir() / relative
    if not path.exists():
        message = (f"{path} is missing: put shared/ beside the repository (found relative to the checkout) "
                   "or set POLGRAPH_SHARED")
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return path


@pytest.fixture(scope="session")
def shared() -> Path:
    """The shared folder; tests that need it skip, saying why, when it is missing (fail in CI)."""
    require_shared("spec/competency")
    return shared_dir()


def polgraph_command() -> list[str]:
    """The installed ``polgraph`` console script of this interpreter, else ``python -m polgraph``."""
    script = Path(sys.executable).parent / "polgraph"
    if script.is_file():
        return [str(script)]
    found = shutil.which("polgraph")
    return [found] if found else [sys.executable, "-m", "polgraph"]


def run_polgraph(args: Sequence[str | os.PathLike[str]], *, cwd: Path = REPO,
                 env: Mapping[str, str] | None = None, timeout: float = 600) -> subprocess.CompletedProcess[str]:
    """Run the command line in a new process and capture its output as text."""
    full_env = dict(os.environ)
    full_env.update(env or {})
    return subprocess.run([*polgraph_command(), *map(str, args)], cwd=cwd, env=full_env,
                          capture_output=True, text=True, timeout=timeout, check=False)


def extract(text: str) -> Any:
    """The extraction of one made-up release (real English pipeline)."""
    from polgraph.extract.pipeline import extract_documents
    from polgraph.reading import read_text_document

    return next(extract_documents([read_text_document(text, source="case.txt")]))


def person(ex: Any, name: str) -> int:
    """Index of the person called ``name`` in an extraction; fails listing who is there."""
    matches = [i for i, p in enumerate(ex.persons) if p.name == name]
    assert matches, f"{name!r} not among {[p.label for p in ex.persons]}"
    return matches[0]


def invoke(args: Sequence[str | os.PathLike[str]]) -> Result:
    """Run the command line in this process (click's CliRunner; the spaCy model stays loaded).

    ``result.stdout`` and ``result.stderr`` are kept apart, as a terminal would show them.
    """
    return CliRunner().invoke(cli, [str(a) for a in args], prog_name="polgraph", catch_exceptions=False)


@dataclass(frozen=True)
class BuiltGraph:
    """The outcome of ``polgraph build data/ -o <tmp>/graph.ttl``."""

    path: Path
    report: Path
    stdout: str
    stderr: str


@pytest.fixture(scope="session")
def topics_graph() -> Graph:
    """The topic scheme file, parsed once."""
    g = Graph()
    g.parse(topics_path(), format="turtle")
    return g


@pytest.fixture(scope="session")
def seeds_graph(tmp_path_factory: pytest.TempPathFactory) -> BuiltGraph:
    """The two seed documents in data/, built once per session by the CLI in its own process."""
    if len(SEED_FILES) != 2:
        pytest.fail(f"data/ should hold the two seed documents, found {[p.name for p in SEED_FILES]}")
    out = tmp_path_factory.mktemp("seeds") / "graph.ttl"
    done = run_polgraph(["build", "data/", "-o", out])
    if done.returncode != 0 or not out.is_file():
        pytest.fail(f"`polgraph build data/ -o {out}` exited {done.returncode}\n"
                    f"stdout:\n{done.stdout}\nstderr:\n{done.stderr}")
    return BuiltGraph(out, out.with_name("graph.validation.txt"), done.stdout, done.stderr)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Debian's Chromium, driven by playwright, for the whole session; skipped when either is missing."""
    from test_view import CHROMIUM, LAUNCH_ARGS, _require_browser

    sync_playwright = _require_browser()
    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS, headless=True)
        yield chromium
        chromium.close()
