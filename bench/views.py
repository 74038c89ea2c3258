"""Benchmark polgraph's view pages in headless Chromium: page size, time to first draw, time to stable.

Usage (from the repository root)::

    .venv/bin/python bench/views.py                 # 500 and 5000 nodes, writes bench/views.md
    .venv/bin/python bench/views.py --sizes 500 --runs 1 --no-write

For each size a synthetic graph (polgraph.views.synthetic) is drawn as an overview page
three ways: as drawn by default (physics in the browser up to PHYSICS_LIMIT nodes, a
precomputed layout above it, clusters above --max-nodes), with every node drawn
(``max_nodes=None``), and clustered. Each page is opened from file:// in Debian's Chromium
(playwright, network off); the page itself records ``performance.now()`` at its first
``afterDrawing`` event and when it is stable (physics stopped, or drawn without physics).
Times are the median of ``--runs`` fresh browser contexts.
"""
from __future__ import annotations

import argparse
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from polgraph.views import DEFAULT_MAX_NODES, PHYSICS_LIMIT, render_view
from polgraph.views.synthetic import make_synthetic_graph

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
WAIT_JS = """async () => {
  const t0 = Date.now();
  while (!window.polgraphStable && Date.now() - t0 < 300000) { await new Promise(r => setTimeout(r, 20)); }
  await new Promise(r => setTimeout(r, 100));
  return {times: window.polgraphTimes, stable: !!window.polgraphStable,
          nodes: network.body.data.nodes.length, edges: network.body.data.edges.length,
          physics: network.physics.options.enabled};
}"""
CLICK_JS = """() => { const t = performance.now(); window.polgraph.focus(network.body.data.nodes.getIds()[0]);
  return performance.now() - t; }"""


def measure(browser: Any, page: Path) -> dict[str, Any]:
    context = browser.new_context(offline=True, viewport={"width": 1400, "height": 900})
    blocked: list[str] = []
    context.route("**/*", lambda r: r.continue_() if r.request.url.startswith(("file:", "data:"))
                  else (blocked.append(r.request.url), r.abort()))
    tab = context.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda e: errors.append(str(e)))
    tab.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    start = time.perf_counter()
    tab.goto(page.as_uri(), wait_until="load")
    loaded = time.perf_counter() - start
    state = tab.evaluate(WAIT_JS)
    state["focus_ms"] = tab.evaluate(CLICK_JS)
    state["load_s"] = loaded
    state["errors"] = errors + blocked
    context.close()
    return state


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[500, 5000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--no-write", action="store_true", help="print only; leave bench/views.md")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    rows = []
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        for size in args.sizes:
            graph = make_synthetic_graph(size)
            variants: list[tuple[str, dict[str, Any]]] = [("all nodes", {"max_nodes": None})]
            if size > DEFAULT_MAX_NODES:
                variants.append((f"default (clusters above {DEFAULT_MAX_NODES})", {}))
            for name, options in variants:
                out = Path(tmp) / f"overview-{size}-{len(rows)}.html"
                t0 = time.perf_counter()
                summary = render_view(graph, out, **options)
                build_s = time.perf_counter() - t0
                runs = [measure(browser, out) for _ in range(args.runs)]
                errors = sorted({e for r in runs for e in r["errors"]})
                row = {
                    "size": size, "variant": name, "nodes": summary.nodes, "edges": summary.edges,
                    "mb": summary.bytes / 1e6, "build_s": build_s,
                    "physics": "browser, then off" if summary.nodes <= PHYSICS_LIMIT
                    and "default" not in name else "off (precomputed layout)",
                    "first_ms": statistics.median(r["times"]["firstDraw"] for r in runs),
                    "stable_ms": statistics.median(r["times"]["stable"] for r in runs),
                    "focus_ms": statistics.median(r["focus_ms"] for r in runs),
                    "stable": all(r["stable"] for r in runs), "errors": errors,
                }
                rows.append(row)
                print(row, flush=True)
        browser.close()
    table = render(rows, args.runs)
    print(table)
    if not args.no_write:
        path = Path(__file__).with_name("views.md")
        path.write_text(HEADER + table + FOOTER, encoding="utf-8")
        print(f"written {path}")
    return 0 if all(r["stable"] and not r["errors"] for r in rows) else 1


def render(rows: list[dict[str, Any]], runs: int) -> str:
    lines = [
        f"Measured {time.strftime('%Y-%m-%d')} on {platform.machine()}, Python "
        f"{platform.python_version()}, {Path(CHROMIUM).name} headless via playwright; "
        f"median of {runs} fresh contexts.", "",
        "| graph | page draws | nodes | edges | page size | Python build | physics "
        "| first draw | stable | focus a node |",
        "|---|---|---:|---:|---:|---:|---|---:|---:|---:|",
    ]
    for r in rows:
        lines.append(
            f"| {r['size']:,} nodes | {r['variant']} | {r['nodes']:,} | {r['edges']:,} | "
            f"{r['mb']:.1f} MB | {r['build_s']:.1f} s | {r['physics']} | "
            f"{r['first_ms'] / 1000:.2f} s | {r['stable_ms'] / 1000:.2f} s | {r['focus_ms']:.0f} ms |")
    return "\n".join(lines) + "\n"


HEADER = """# View pages: size and speed in headless Chromium

Produced by `bench/views.py` (re-run it to refresh this file; it is a measurement, not a
test). Graphs are synthetic (`polgraph.views.synthetic.make_synthetic_graph`): people with
posts in countries, meetings with 2–4 attendees from neighbouring countries, places,
topics, positions; about 2.3 drawn edges per node, like the dev corpus. The page is the
overview (`polgraph view GRAPH -o OUT`).

* **first draw**: `performance.now()` (ms since navigation start) at vis-network's first
  `afterDrawing` event.
* **stable**: the first frame drawn after physics has stabilised and been switched off, or,
  for pages with a precomputed layout, the first frame (there is no physics to wait for).
* **Python build**: `render_view` from the rdflib graph to the written page, including
  the precomputed layout above """ + str(PHYSICS_LIMIT) + """ nodes.
* **focus a node**: `window.polgraph.focus(id)` (select, centre, fill the details panel).

"""

FOOTER = """
Notes

* Up to """ + str(PHYSICS_LIMIT) + """ nodes the browser lays the graph out (forceAtlas2, 200–400
  stabilisation iterations, drawn once stable), then physics is switched off.
* Above that the layout is computed in Python (`polgraph.views.layout`: seeded label-propagation
  communities, one dense `spring_layout` per block of ≤120 nodes, blocks placed by a layout of
  the community graph; numpy only, no scipy), and the page draws it at once with physics off,
  straight edges, edges hidden while dragging/zooming and labels hidden when zoomed out.
* Above `--max-nodes` (default """ + str(DEFAULT_MAX_NODES) + """) the view is drawn as clusters of
  at most 60 nodes (hexagons named after their most connected member; the search box still
  finds every member and focuses its cluster), with a precomputed layout.
  `--max-nodes 0` draws every node.
* Page size is dominated by the inline vis-network script and CSS (~0.7 MB) and, for big
  graphs, by the details-panel records (every node's posts, meetings, counterparts, quotes).
"""

if __name__ == "__main__":
    sys.exit(main())
