"""`akhbar serve`: a web page and an HTTP API over the pipeline (the ``serve`` extra).

Nothing here is imported by the core. ``uploads`` and ``batch`` turn a request into articles and a report,
``jobs`` runs long requests in the background with progress, ``views`` lays a report out for the templates,
``app`` wires the routers, limits and security headers together.
"""
