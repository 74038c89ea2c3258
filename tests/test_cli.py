"""Acceptance: the command line's exit codes, bad inputs, atomic writes, formats and determinism.

CONTRACT §2: exit 0 success; 1 the graph has SHACL violations; 2 usage error or no input could
be read. A bad input file never stops the others: it is reported by name and reason.
Most builds run in this process (click's CliRunner, the spaCy model stays loaded); the
determinism check and ``python -m polgraph`` run in new processes.
"""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Dataset, Graph
from rdflib.compare import isomorphic

from conftest import REPO, SEED_FILES, BuiltGraph, invoke, run_polgraph

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x06\x00\x00\x00\x1f\xf3\xffa"
# Neither UTF-8 nor plausible text in a legacy encoding.
NOT_UTF8 = b"Report \xc3\x28\xa0\xa1\xe2\x28\xa1 \xff\xfd\xfc\x81\x8d\x8f\x90\x9d \xc0\xc1\xc2\xc3 end\n" * 3
BAD_FILES = {"empty.txt": b"", "image.png": PNG, "garbage.txt": NOT_UTF8}
BAD_REASONS = {"empty.txt": "empty", "image.png": "binary", "garbage.txt": "UTF-8"}

VIOLATING = """\
@prefix pg: <https://w3id.org/polgraph/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
<https://w3id.org/polgraph/id/person/nameless> a pg:Person .
<https://w3id.org/polgraph/id/country/XX> a pg:Country ; rdfs:label "Nowhere" ; pg:countryCode "xx1" .
"""


@pytest.fixture()
def bad_inputs(tmp_path: Path) -> list[Path]:
    folder = tmp_path / "bad"
    folder.mkdir()
    paths = []
    for name, data in BAD_FILES.items():
        (folder / name).write_bytes(data)
        paths.append(folder / name)
    return paths


def _error_lines(stderr: str) -> dict[str, str]:
    """``error: PATH: REASON`` lines of the build's stderr, by file name."""
    found = {}
    for line in stderr.splitlines():
        for name in BAD_FILES:
            if name in line:
                found[name] = line
    return found


def _documents(path: Path) -> int:
    g = Graph().parse(path)
    return len(list(g.query("SELECT ?d WHERE { ?d a <https://w3id.org/polgraph/ontology#Document> }")))


# --------------------------------------------------------------------------- help


def test_python_m_polgraph_help() -> None:
    done = subprocess.run([sys.executable, "-m", "polgraph", "--help"], capture_output=True, text=True,
                          cwd=REPO, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    for command in ("build", "validate", "query", "view"):
        assert command in done.stdout


@pytest.mark.parametrize("command", ["build", "validate", "query", "view"])
def test_every_command_has_help(command: str) -> None:
    result = invoke([command, "--help"])
    assert result.exit_code == 0
    assert "Example" in result.stdout and len(result.stdout.splitlines()) > 3


# --------------------------------------------------------------------------- usage errors: 2


@pytest.mark.parametrize("args", [
    [],  # no command: help, but a usage error for scripts
    ["build"],  # no input
    ["build", "data/"],  # no -o
    ["build", "data/", "-o", "x.unknown-suffix"],  # a format nobody can tell
    ["build", "data/", "-o", "x.ttl", "--format", "rdf/klingon"],
    ["frobnicate"],
    ["query", "--format", "yaml", "g.ttl", "SELECT * WHERE {}"],
    ["query", "SELECT * WHERE { ?s ?p ?o }"],  # no graph, no store
    ["validate"],
    ["view", "g.ttl"],  # no -o
], ids=lambda a: " ".join(a) or "nothing")
def test_usage_errors_exit_2(args: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "data").mkdir()
    result = invoke(args)
    assert result.exit_code == 2, result.output
    assert not (tmp_path / "x.unknown-suffix").exists() and not (tmp_path / "x.ttl").exists()


def test_missing_graph_file_exits_2(tmp_path: Path) -> None:
    for args in (["validate", tmp_path / "nope.ttl"], ["query", tmp_path / "nope.ttl", "SELECT * WHERE {?s ?p ?o}"],
                 ["view", tmp_path / "nope.ttl", "-o", tmp_path / "v.html"]):
        result = invoke(args)
        assert result.exit_code == 2, (args, result.output)
        assert "nope.ttl" in result.stderr
    assert not (tmp_path / "v.html").exists()


def test_unreadable_graph_file_exits_2(tmp_path: Path) -> None:
    broken = tmp_path / "broken.ttl"
    broken.write_text("<a> <b> .\n", encoding="utf-8")
    result = invoke(["validate", broken])
    assert result.exit_code == 2 and "broken.ttl" in result.stderr


@pytest.mark.slow
def test_nonexistent_input_exits_2(tmp_path: Path) -> None:
    out = tmp_path / "out.ttl"
    result = invoke(["build", tmp_path / "no-such-folder", "-o", out])
    assert result.exit_code == 2, result.output
    assert "no-such-folder" in result.stderr
    assert not out.exists()


@pytest.mark.slow
def test_all_inputs_bad_exits_2_and_names_each(bad_inputs: list[Path], tmp_path: Path) -> None:
    out = tmp_path / "out.ttl"
    result = invoke(["build", *bad_inputs, "-o", out])
    assert result.exit_code == 2, result.output
    lines = _error_lines(result.stderr)
    for name, reason in BAD_REASONS.items():
        assert name in lines, f"{name} not reported:\n{result.stderr}"
        assert reason.casefold() in lines[name].casefold(), lines[name]
    assert not out.exists() and not out.with_name("out.validation.txt").exists()


@pytest.mark.slow
def test_an_empty_folder_exits_2(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    result = invoke(["build", tmp_path / "empty", "-o", tmp_path / "out.ttl"])
    assert result.exit_code == 2
    assert not (tmp_path / "out.ttl").exists()


# --------------------------------------------------------------------------- bad among good: 0


@pytest.mark.slow
def test_bad_inputs_among_good_are_named_and_the_rest_built(bad_inputs: list[Path], tmp_path: Path) -> None:
    out = tmp_path / "out.ttl"
    missing = tmp_path / "missing.txt"
    result = invoke(["build", bad_inputs[0], REPO / "data", *bad_inputs[1:], missing, "-o", out])
    assert result.exit_code == 0, result.output
    lines = _error_lines(result.stderr)
    for name, reason in BAD_REASONS.items():
        assert name in lines, f"{name} not reported:\n{result.stderr}"
        assert reason.casefold() in lines[name].casefold(), lines[name]
    assert "missing.txt" in result.stderr
    assert _documents(out) == len(SEED_FILES)
    assert out.with_name("out.validation.txt").is_file()


@pytest.mark.slow
def test_bad_files_inside_a_folder_are_named(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for seed in SEED_FILES:
        shutil.copy(seed, folder / seed.name)
    (folder / "logo.txt").write_bytes(PNG)  # a folder is searched by suffix: binary in a .txt
    (folder / "blank.txt").write_bytes(b"  \n\n")
    out = tmp_path / "out.ttl"
    result = invoke(["build", folder, "-o", out])
    assert result.exit_code == 0, result.output
    assert "logo.txt" in result.stderr and "blank.txt" in result.stderr
    assert _documents(out) == len(SEED_FILES)


# --------------------------------------------------------------------------- validate: 1


def test_validate_exits_1_on_violations(tmp_path: Path) -> None:
    graph = tmp_path / "bad.ttl"
    graph.write_text(VIOLATING, encoding="utf-8")
    result = invoke(["validate", graph])
    assert result.exit_code == 1, result.output
    assert "nameless" in result.stdout and "country/XX" in result.stdout.replace("country:XX", "country/XX")


def test_validate_exits_0_on_a_conforming_graph() -> None:
    result = invoke(["validate", REPO / "tests" / "shapes" / "Full_ok.ttl"])
    assert result.exit_code == 0, result.output
    assert "conforms" in result.stdout


# --------------------------------------------------------------------------- atomic output


@pytest.mark.slow
def test_build_replaces_out_atomically_and_leaves_no_temp_files(tmp_path: Path) -> None:
    out = tmp_path / "graph.ttl"
    out.write_text("old contents\n", encoding="utf-8")
    before = out.stat().st_ino
    keep = out.open("rb")  # a reader holding the old file keeps seeing the old file
    try:
        result = invoke(["build", REPO / "data", "-o", out])
        assert result.exit_code == 0, result.output
        assert keep.read() == b"old contents\n"
    finally:
        keep.close()
    assert out.stat().st_ino != before, "OUT was rewritten in place, not replaced"
    assert out.read_text(encoding="utf-8").startswith(("@prefix", "PREFIX"))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["graph.ttl", "graph.validation.txt"]


@pytest.mark.slow
def test_failed_build_keeps_the_old_out(tmp_path: Path, bad_inputs: list[Path]) -> None:
    out = tmp_path / "graph.ttl"
    out.write_text("old contents\n", encoding="utf-8")
    result = invoke(["build", *bad_inputs, "-o", out])
    assert result.exit_code == 2
    assert out.read_text(encoding="utf-8") == "old contents\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad", "graph.ttl"]


# --------------------------------------------------------------------------- formats


def _parse(path: Path, fmt: str) -> Graph:
    ds = Dataset(default_union=True)
    ds.parse(path, format=fmt)
    g = Graph()
    for s, p, o, _ in ds.quads((None, None, None, None)):
        g.add((s, p, o))
    return g


@pytest.mark.slow
@pytest.mark.parametrize(("suffix", "rdflib_format"), [
    (".ttl", "turtle"), (".trig", "trig"), (".jsonld", "json-ld"), (".nt", "nt"),
])
def test_formats_parse_back_to_the_same_graph(suffix: str, rdflib_format: str, tmp_path: Path,
                                              seeds_graph: BuiltGraph) -> None:
    out = tmp_path / f"graph{suffix}"
    result = invoke(["build", REPO / "data", "-o", out])
    assert result.exit_code == 0, result.output
    reference = Graph().parse(seeds_graph.path, format="turtle")
    got = _parse(out, rdflib_format)
    assert len(got) == len(reference) > 0
    assert isomorphic(got, reference)


@pytest.mark.slow
def test_format_option_overrides_the_suffix(tmp_path: Path, seeds_graph: BuiltGraph) -> None:
    out = tmp_path / "graph.data"
    result = invoke(["build", REPO / "data", "-o", out, "--format", "nt"])
    assert result.exit_code == 0, result.output
    assert isomorphic(Graph().parse(out, format="nt"), Graph().parse(seeds_graph.path, format="turtle"))


# --------------------------------------------------------------------------- determinism


@pytest.mark.slow
def test_building_twice_gives_identical_turtle(tmp_path: Path, seeds_graph: BuiltGraph) -> None:
    """A second process, another hash seed, another working folder, an absolute input path."""
    out = tmp_path / "again.ttl"
    done = run_polgraph(["build", REPO / "data", "-o", out], cwd=tmp_path, env={"PYTHONHASHSEED": "12345"})
    assert done.returncode == 0, done.stderr
    assert out.read_bytes() == seeds_graph.path.read_bytes()
    assert out.with_name("again.validation.txt").read_bytes() == seeds_graph.report.read_bytes()


@pytest.mark.slow
def test_building_twice_in_one_process_is_identical(tmp_path: Path, seeds_graph: BuiltGraph) -> None:
    for name in ("one.ttl", "two.ttl"):
        assert invoke(["build", REPO / "data", "-o", tmp_path / name]).exit_code == 0
    assert (tmp_path / "one.ttl").read_bytes() == (tmp_path / "two.ttl").read_bytes() \
        == seeds_graph.path.read_bytes()


@pytest.mark.slow
def test_ingesting_a_document_twice_adds_nothing(tmp_path: Path, seeds_graph: BuiltGraph) -> None:
    """CONTRACT §1: the same input gives the same IRIs, so ingesting it twice adds nothing."""
    twice = tmp_path / "copy"
    twice.mkdir()
    for seed in SEED_FILES:
        shutil.copy(seed, twice / seed.name)
    out = tmp_path / "twice.ttl"
    assert invoke(["build", REPO / "data", twice, "-o", out]).exit_code == 0
    assert isomorphic(Graph().parse(out), Graph().parse(seeds_graph.path))
