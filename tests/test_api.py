"""The notebook API: ``polgraph.build``, ``open_store``, ``query``, ``view``."""
from __future__ import annotations

import datetime
from pathlib import Path

import pandas as pd
import pytest
from rdflib import Graph

import polgraph
from conftest import DATA
from polgraph.errors import QueryError
from test_results import QUERIES, TOY, make_store

CQ2 = QUERIES / "cq2_attendance.rq"


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_store(tmp_path_factory.mktemp("api") / "store")


def test_query_gives_the_same_frame_from_every_kind_of_source(store: Path) -> None:
    expected = polgraph.query(TOY, CQ2)
    assert isinstance(expected, pd.DataFrame)
    assert list(expected.columns) == ["name", "meeting", "meetingName", "date", "place"]
    assert expected.loc[0, "date"] == datetime.date(2019, 2, 7)
    with polgraph.open_store(store) as opened:
        from_open_store = polgraph.query(opened, CQ2)
    for got in (polgraph.query(Graph().parse(TOY), CQ2), polgraph.query([TOY], CQ2),
                polgraph.query(store, CQ2), from_open_store):
        pd.testing.assert_frame_equal(got, expected)


def test_query_rows_ask_and_refusals(store: Path) -> None:
    rows = polgraph.query(store, CQ2.read_text(encoding="utf-8"), frame=False)
    assert rows == [{"name": "Boštjan Poklukar", "meeting": rows[0]["meeting"],
                     "meetingName": "Informal meeting of the Justice and Home Affairs Council",
                     "date": datetime.date(2019, 2, 7), "place": "Bucharest"}]
    count = polgraph.query(TOY, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", frame=False)
    assert isinstance(count[0]["n"], int)
    assert polgraph.query(store, "ASK { ?s ?p ?o }") is True
    with pytest.raises(QueryError, match="SELECT and ASK"):
        polgraph.query(TOY, "CONSTRUCT WHERE { ?s ?p ?o }")


def test_view_writes_a_page(tmp_path: Path, store: Path) -> None:
    summary = polgraph.view(store, tmp_path / "stance.html", topic="migration")
    assert summary.nodes > 0 and (tmp_path / "stance.html").stat().st_size > 10_000


def test_the_api_names_survive_importing_their_submodules() -> None:
    import polgraph.build
    import polgraph.query
    import polgraph.view
    from polgraph.query import run_query

    assert callable(run_query)
    assert polgraph.query is polgraph.api.query and polgraph.build is polgraph.api.build
    assert polgraph.view is polgraph.api.view
    assert polgraph.__all__ == sorted(polgraph.__all__)
    assert {"build", "open_store", "query", "view"} <= set(polgraph.__all__)


@pytest.mark.slow
def test_build_reads_extracts_and_validates() -> None:
    result = polgraph.build([DATA])
    assert len(result.documents) == 2 and not result.failures
    assert result.report is not None and result.report.conforms
    people = polgraph.query(result.graph, QUERIES / "cq1_people_posts.rq")
    assert "Boštjan Poklukar" in set(people["name"])
