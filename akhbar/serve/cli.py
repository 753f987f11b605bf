"""`akhbar serve`: the web page and the HTTP API on uvicorn (needs the ``serve`` extra)."""

from __future__ import annotations

import errno
import importlib.util
import os
import shutil
import socket
import tempfile
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape

from akhbar.config import ConfigError, load_config

err = Console(stderr=True, soft_wrap=True)
LOOPBACK = frozenset({"127.0.0.1", "::1", "localhost"})


def serve(  # noqa: PLR0917 - typer maps each parameter to an option
    host: Annotated[str, typer.Option(help="Address to listen on. Anything but loopback opens it to the network.")]
    = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on.")] = 8000,
    db: Annotated[Path | None, typer.Option("--db", help="The story store of `akhbar stories` to browse.")] = None,
    workers: Annotated[int, typer.Option(min=1, max=64, help="Server processes: one per core serves the most "
                                                         "requests at once.")] = 1,
    config_file: Annotated[Path | None, typer.Option("--config", help="A TOML file overriding the defaults.")] = None,
    watch: Annotated[Path | None, typer.Option("--watch", metavar="FEEDS.toml", help="Also poll these feeds into "
                                               "the --db store (as `akhbar watch`), in the same command.")] = None,
) -> None:
    """Serve the web page (paste or drop articles, read the cited summary) and the HTTP API (docs at /docs);
    with --db, the store's stories and their Atom feed; with --watch, the feeds polled into that store."""
    missing = [name for name in ("fastapi", "uvicorn", "multipart", "jinja2", "swagger_ui_bundle")
               if importlib.util.find_spec(name) is None]
    if missing:
        err.print(f"[red]error:[/red] `akhbar serve` needs the serve extra ({', '.join(missing)} missing): "
                  "pip install 'akhbar\\[serve]'")
        raise typer.Exit(2)
    try:
        load_config(config_file)  # fail here, once, rather than in every worker
    except ConfigError as error:
        err.print(f"[red]error:[/red] {escape(str(error))}")
        raise typer.Exit(2) from None
    if watch is not None and db is None:
        err.print("[red]error:[/red] --watch needs --db FILE: the store the feeds are read into")
        raise typer.Exit(2)
    feeds = _load_feeds(watch) if watch is not None else None
    if db is not None:
        _check_store(db, create=feeds is not None)
    if host not in LOOPBACK:
        err.print(f"[yellow]warning:[/yellow] listening on {escape(host)}: other machines can reach this server")
    busy = _port_problem(host, port)
    if busy:
        err.print(f"[red]error:[/red] cannot listen on {escape(host)}:{port}: {escape(busy)}; "
                  "choose another with --port")
        raise typer.Exit(2)
    import uvicorn

    from akhbar.serve.app import ENV_CONFIG, ENV_DB, ENV_JOBS

    jobs = tempfile.mkdtemp(prefix="akhbar-jobs-")
    os.environ[ENV_JOBS] = jobs
    for key, value in ((ENV_CONFIG, config_file), (ENV_DB, db)):
        if value is not None:
            os.environ[key] = str(value.resolve())
    watcher = None
    if feeds is not None and db is not None:
        from akhbar.serve.watching import BackgroundWatcher

        watcher = BackgroundWatcher(feeds, db, config_file, report=_say)
        watcher.start()
        err.print(f"watching {len(feeds.feeds)} feeds into {escape(str(db))}")
    err.print(f"akhbar serve: listening on {url_of(host, port)}  (Ctrl+C stops it)")
    try:
        uvicorn.run("akhbar.serve.app:app_from_env", factory=True, host=host, port=port, workers=workers,
                    log_level="warning", server_header=False)
    finally:
        if watcher is not None:
            err.print("stopping the watcher: finishing the requests in flight")
            watcher.stop()
        shutil.rmtree(jobs, ignore_errors=True)


def _say(kind: str, url: str, message: str) -> None:
    if kind in {"skipped", "entry-skipped"}:  # the page shows the stories; the terminal names what failed
        err.print(f"[yellow]{kind}[/yellow] {escape(url)}: {escape(message)}")


def _load_feeds(path: Path) -> Any:
    if importlib.util.find_spec("httpx") is None or importlib.util.find_spec("feedparser") is None:
        err.print("[red]error:[/red] --watch needs the live extra: pip install 'akhbar\\[live]'")
        raise typer.Exit(2)
    from akhbar.feeds.config import FeedsConfigError, load_feeds

    try:
        return load_feeds(path)
    except FeedsConfigError as error:
        err.print(f"[red]error:[/red] {escape(str(error))}")
        raise typer.Exit(2) from None


def url_of(host: str, port: int) -> str:
    shown = "127.0.0.1" if host in {"0.0.0.0", ""} else host  # the address shown, not bound
    return f"http://[{shown}]:{port}/" if ":" in shown else f"http://{shown}:{port}/"


def _port_problem(host: str, port: int) -> str | None:
    """Why ``host:port`` cannot be listened on (in use, not this machine's address), or None: asked before
    uvicorn, which would log a traceback-like error and exit 1."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except socket.gaierror as error:
        return f"unknown address ({error.strerror})"
    family, kind, proto, _name, address = infos[0]
    with socket.socket(family, kind, proto) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as uvicorn binds: TIME_WAIT is no conflict
        try:
            probe.bind(address)
        except OSError as error:
            if error.errno == errno.EADDRINUSE:
                return "the port is already in use (another server is running there)"
            return error.strerror or str(error)
    return None


def _check_store(db: Path, *, create: bool) -> None:
    """A store the page can read (a version-1 file is upgraded here, once, by a writer); with --watch the
    watcher makes a missing one."""
    from akhbar.store import Store, StoreError

    if not db.is_file() and not create:
        err.print(f"[red]error:[/red] {escape(str(db))}: no such story store (make one with `akhbar stories --db`)")
        raise typer.Exit(2)
    try:
        with Store(db) as store:
            count = store.story_count()
    except StoreError as error:
        err.print(f"[red]error:[/red] {escape(str(error))}")
        raise typer.Exit(2) from None
    err.print(f"{count} stories in {escape(str(db))}")


def register(app: typer.Typer) -> None:
    app.command("serve")(serve)
