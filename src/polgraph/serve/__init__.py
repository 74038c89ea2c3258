"""``polgraph serve``: a read-only SPARQL 1.1 Protocol endpoint over a store or graph files.

The parts::

    app.py      the ASGI application (Starlette): routes, content negotiation, refusals,
                CORS, the access log, the query page
    engine.py   the query workers: processes that each hold the store (or the graph files)
                open and stream answers back through a pipe; a query over the time limit
                is stopped by ending its worker, which is then replaced
    static/     the offline query page, with YASGUI vendored (static/yasgui/VERSION, LICENSE.txt)

This package's ``__init__`` imports nothing, so the worker processes start without
loading Starlette. ``docs/serve.md`` says why polgraph runs its own small server over
pyoxigraph rather than the ``oxigraph`` server, with the latencies measured.
"""
