"""Acceptance: the wheel ships the ontology, the topic scheme and the shapes, and works installed.

The wheel is built from this checkout, installed without dependencies into a target folder, and
run with that folder first on PYTHONPATH (spaCy, rdflib and the model come from this
environment), from a folder outside the source tree.
"""
from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from rdflib import Graph

from conftest import REPO, SEED_FILES

pytestmark = pytest.mark.slow

RESOURCES = ("polgraph/_resources/ontology/polgraph.ttl", "polgraph/_resources/ontology/topics.ttl",
             "polgraph/_resources/shapes/polgraph.shapes.ttl",
             # polgraph serve: the query page, the vendored YASGUI with its licence, the example queries
             "polgraph/serve/static/index.html", "polgraph/serve/static/page.js",
             "polgraph/serve/static/yasgui/yasgui.min.js", "polgraph/serve/static/yasgui/LICENSE.txt",
             "polgraph/serve/static/yasgui/VERSION", "polgraph/queries/cq1_people_posts.rq")


def _run(args: list[str], **kwargs: object) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(args, capture_output=True, text=True, timeout=600, check=False, **kwargs)  # type: ignore[call-overload]
    assert done.returncode == 0, f"{' '.join(args)} exited {done.returncode}\n{done.stdout}\n{done.stderr}"
    return done  # type: ignore[no-any-return]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    if importlib.util.find_spec("build") is not None:
        # the build backend from this environment when it is here, else an isolated one from the index
        isolation = ["--no-isolation"] if importlib.util.find_spec("hatchling") is not None else []
        _run([sys.executable, "-m", "build", "--wheel", *isolation, "--outdir", str(out), str(REPO)])
    else:
        _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-w", str(out), str(REPO)])
    (found,) = sorted(out.glob("polgraph-*.whl"))
    return found


@pytest.fixture(scope="module")
def installed(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("site")
    _run([sys.executable, "-m", "pip", "install", "--no-deps", "--no-index", "--target", str(target),
          "--quiet", str(wheel)])
    return target


def _env(target: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(target), *filter(None, [env.get("PYTHONPATH")])])
    return env


def test_wheel_holds_the_resources(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    missing = [r for r in RESOURCES if r not in names]
    assert not missing, f"{wheel.name} lacks {missing}"
    assert "polgraph/py.typed" in names and "polgraph/cli.py" in names


def test_installed_package_finds_its_own_resources(installed: Path, tmp_path: Path) -> None:
    probe = (
        "import json, polgraph, polgraph.resources as r; "
        "print(json.dumps({'package': polgraph.__file__, 'ontology': str(r.ontology_path()), "
        "'topics': str(r.topics_path()), 'shapes': str(r.shapes_path())}))"
    )
    done = _run([sys.executable, "-c", probe], cwd=tmp_path, env=_env(installed))
    paths = {k: Path(v).resolve() for k, v in json.loads(done.stdout).items()}
    root = installed.resolve()
    for name, path in paths.items():
        assert path.is_relative_to(root), f"{name} comes from {path}, not from the installed package in {root}"
        assert path.is_file(), f"{name}: {path} does not exist"
    assert not any(p.is_relative_to(REPO / "src") for p in paths.values())
    for name in ("ontology", "topics", "shapes"):
        assert len(Graph().parse(paths[name], format="turtle")) > 0


def test_installed_package_builds_the_seeds(installed: Path, tmp_path: Path) -> None:
    script = installed / "bin" / "polgraph"
    command = [str(script)] if script.is_file() else [sys.executable, "-m", "polgraph"]
    out = tmp_path / "x.ttl"
    done = subprocess.run([*command, "build", str(REPO / "data"), "-o", str(out)], cwd=tmp_path,
                          env=_env(installed), capture_output=True, text=True, timeout=600, check=False)
    assert done.returncode == 0, done.stderr
    g = Graph().parse(out, format="turtle")
    docs = list(g.query("SELECT ?d WHERE { ?d a <https://w3id.org/polgraph/ontology#Document> }"))
    assert len(docs) == len(SEED_FILES)
    assert "conforms" in out.with_name("x.validation.txt").read_text(encoding="utf-8")
