"""Make the README's screenshots of `polgraph view` from the sample documents in data/.

Usage (from the repository root)::

    .venv/bin/python docs/img/screenshots.py

Builds data/ with ``polgraph build``, draws the overview, an ego network and a stance map
with ``polgraph view``, opens each page from file:// in headless Chromium (playwright,
network off), waits until the page is stable, clicks a node or a stance edge so the
details panel is filled, and writes docs/img/{overview,ego-network,stance-map}.png.
"""
from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
OUT = Path(__file__).resolve().parent
POLGRAPH = str(Path(sys.executable).with_name("polgraph"))
CHROMIUM = "/usr/bin/chromium"
WAIT_JS = """async () => {
  const t0 = Date.now();
  while (!window.polgraphStable && Date.now() - t0 < 60000) { await new Promise(r => setTimeout(r, 50)); }
  return !!window.polgraphStable; }"""
NODE_JS = """(label) => {
  const id = network.body.data.nodes.getIds().find(i => network.body.data.nodes.get(i).label === label);
  const p = network.canvasToDOM(network.getPositions([id])[id]);
  const r = document.querySelector('#mynetwork canvas').getBoundingClientRect();
  return {x: r.left + p.x, y: r.top + p.y}; }"""
EDGE_JS = """(verbs) => {
  const ids = network.body.data.edges.getIds();
  const id = verbs.map(v => ids.find(i => network.body.data.edges.get(i).label === v)).find(i => i);
  const p = network.canvasToDOM(network.body.edges[id].edgeType.getPoint(0.5));
  const r = document.querySelector('#mynetwork canvas').getBoundingClientRect();
  return {x: r.left + p.x, y: r.top + p.y}; }"""

SHOTS = [
    # (file, view options, what to click: ("node", label) or ("edge", edge labels by preference))
    ("overview.png", [], ("node", "Boštjan Poklukar")),
    ("ego-network.png", ["--person", "Boštjan Poklukar"], ("node", "Boštjan Poklukar")),
    ("stance-map.png", ["--topic", "migration"], ("edge", ["opposes", "supports"])),
]


def main() -> int:
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        graph = Path(tmp) / "seeds.ttl"
        subprocess.run([POLGRAPH, "build", str(REPO / "data"), "-o", str(graph)], check=True)
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True,
                                         args=["--no-sandbox", "--disable-gpu"])
            for name, options, (what, target) in SHOTS:
                page = Path(tmp) / name.replace(".png", ".html")
                subprocess.run([POLGRAPH, "view", str(graph), "-o", str(page), *options], check=True)
                context = browser.new_context(offline=True, viewport={"width": 1500, "height": 900},
                                              device_scale_factor=1)
                context.route("**/*", lambda r: r.continue_() if r.request.url.startswith(
                    ("file:", "data:")) else r.abort())
                tab = context.new_page()
                tab.goto(page.as_uri(), wait_until="load")
                if not tab.evaluate(WAIT_JS):
                    raise SystemExit(f"{page} did not settle")
                point = tab.evaluate(NODE_JS if what == "node" else EDGE_JS, target)
                tab.mouse.click(point["x"], point["y"])
                corner = tab.evaluate("() => { const r = document.querySelector('#mynetwork canvas')"
                                      ".getBoundingClientRect(); return {x: r.left + 3, y: r.bottom - 3}; }")
                tab.mouse.move(corner["x"], corner["y"])  # away from nodes: hide the tooltip
                tab.wait_for_timeout(400)
                tab.screenshot(path=str(OUT / name))
                print(f"written {OUT / name}")
                context.close()
            browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
