"""Real triple stores on loopback for the tests: Oxigraph server (PyPI ``oxigraph``) and Virtuoso 7.

Each is started in a scratch folder on free ports of 127.0.0.1 and stopped by the caller.
Missing software skips the test that asks, saying what to install.
"""
from __future__ import annotations

import re
import shutil
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest

from polgraph.remote import Endpoint

VIRTUOSO_INI = Path("/etc/virtuoso-opensource-7/virtuoso.ini")
MERGED = "https://w3id.org/polgraph/id/graph/merged"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class RunningStore:
    """A store process and how polgraph reaches it."""

    name: str
    endpoint: Endpoint
    process: subprocess.Popen[bytes]
    log: Path

    def cli_options(self) -> list[str]:
        options = ["--endpoint", self.endpoint.query, "--update-endpoint", self.endpoint.update,
                   "--merged-graph", self.endpoint.merged_graph]
        if self.endpoint.graph_store:
            options += ["--graph-store", self.endpoint.graph_store]
        return options

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


SPARQL_PROBE = {"params": {"query": "ASK {}"}, "headers": {"Accept": "application/sparql-results+json"}}


def wait_until_answering(url: str, process: subprocess.Popen[Any], log: Path, *, seconds: float = 60,
                         probe: dict[str, Any] | None = None) -> None:
    """Poll ``url`` (with ``probe``'s params and headers) until it answers 200; fail with the server's log
    when the process exits or the time is up."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"{url}: the server exited {process.returncode}:\n"
                                 f"{log.read_text(errors='replace')[-3000:]}")
        try:
            if httpx.get(url, timeout=5, **(probe or {})).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.1)
    process.kill()
    raise AssertionError(f"{url} did not answer within {seconds:.0f} s:\n{log.read_text(errors='replace')[-3000:]}")


def start_oxigraph(folder: Path) -> RunningStore:
    """``oxigraph serve`` (the PyPI package's server) on a fresh on-disk store."""
    binary = Path(sys.executable).parent / "oxigraph"
    if not binary.is_file():
        found = shutil.which("oxigraph")
        if not found:
            pytest.skip("the Oxigraph server is not installed: pip install 'oxigraph>=0.5'")
        binary = Path(found)
    port = free_port()
    log = folder / "oxigraph.log"
    process = subprocess.Popen([str(binary), "serve", "--location", str(folder / "data"), "--bind",
                                f"127.0.0.1:{port}"], stdout=log.open("wb"), stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    wait_until_answering(base + "/query", process, log, probe=SPARQL_PROBE)
    endpoint = Endpoint(query=base + "/query", update=base + "/update", graph_store=base + "/store")
    return RunningStore("oxigraph", endpoint, process, log)


def start_virtuoso(folder: Path) -> RunningStore:
    """Virtuoso 7 (Debian ``virtuoso-opensource``) with its database in ``folder``.

    The anonymous SPARQL user is allowed to update and to write through the Graph Store
    Protocol (``/sparql-graph-crud``): on loopback only, for the test.
    """
    binary = shutil.which("virtuoso-t")
    isql = shutil.which("isql-vt")
    if not binary or not isql or not VIRTUOSO_INI.is_file():
        pytest.skip("Virtuoso is not installed: apt-get install virtuoso-opensource")
    sql_port, http_port = free_port(), free_port()
    ini = VIRTUOSO_INI.read_text(encoding="utf-8")
    ini = ini.replace("/var/lib/virtuoso-opensource-7/db/", f"{folder}/")
    ini = re.sub(r"(?m)^ServerPort\s*=\s*1111", f"ServerPort = 127.0.0.1:{sql_port}", ini)
    ini = re.sub(r"(?m)^ServerPort\s*=\s*8890", f"ServerPort = 127.0.0.1:{http_port}", ini)
    ini = re.sub(r"(?m)^DirsAllowed\s*=.*$", f"DirsAllowed = ., {folder}, /usr/share/virtuoso-opensource-7/vad", ini)
    config = folder / "virtuoso.ini"
    config.write_text(ini, encoding="utf-8")
    log = folder / "virtuoso.out"
    process = subprocess.Popen([binary, "+foreground", "+configfile", str(config)], cwd=folder,
                               stdout=log.open("wb"), stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{http_port}"
    wait_until_answering(base + "/sparql", process, log, seconds=120, probe=SPARQL_PROBE)
    grants = ('grant SPARQL_UPDATE to "SPARQL"; '
              "DB.DBA.RDF_DEFAULT_USER_PERMS_SET ('nobody', 7); ")
    done = subprocess.run([isql, f"127.0.0.1:{sql_port}", "dba", "dba", f"exec={grants}"],
                          capture_output=True, text=True, timeout=60, check=False)
    if done.returncode != 0 or "Error" in done.stdout:
        process.kill()
        raise AssertionError(f"isql could not grant updates: {done.stdout}\n{done.stderr}")
    endpoint = Endpoint(query=base + "/sparql", update=base + "/sparql", graph_store=base + "/sparql-graph-crud",
                        merged_graph=MERGED)
    return RunningStore("virtuoso", endpoint, process, log)
