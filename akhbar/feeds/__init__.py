"""Outlet feeds over the network (extra ``live``): the only network code of akhbar.

``config`` reads FEEDS.toml, ``fetch`` makes one bounded GET, ``politeness`` takes turns per host,
``session`` adds robots.txt and retries, ``parse`` turns fetched bytes into entries and
:class:`~akhbar.ingest.RawDocument`\\ s. The poll loop that uses them is :mod:`akhbar.watch`.
"""
