"""`akhbar serve`: the web page and the HTTP API on uvicorn (needs the ``serve`` extra)."""

from __future__ import annotations

import errno
import importlib.util
import os
import shutil
import socket
import tempfile
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape

from akhbar.config import ConfigError, load_config

err = Console(stderr=True, soft_wrap=True)
LOOPBACK = frozenset({"127.0.0.1", "::1", "localhost"})


def serve(
    host: Annotated[str, typer.Option(help="Address to listen on. Anything but loopback opens it to the network.")]
    = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on.")] = 8000,
    db: Annotated[Path | None, typer.Option("--db", help="The story store of `akhbar stories` to browse.")] = None,
    workers: Annotated[int, typer.Option(min=1, max=64, help="Server processes: one per core serves the most "
                                                         "requests at once.")] = 1,
    config_file: Annotated[Path | None, typer.Option("--config", help="A TOML file overriding the defaults.")] = None,
) -> None:
    """Serve the web page (paste or drop articles, read the cited summary) and the HTTP API (docs at /docs)."""
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
    if db is not None:
        _check_store(db)
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
    err.print(f"akhbar serve: listening on {url_of(host, port)}  (Ctrl+C stops it)")
    try:
        uvicorn.run("akhbar.serve.app:app_from_env", factory=True, host=host, port=port, workers=workers,
                    log_level="warning", server_header=False)
    finally:
        shutil.rmtree(jobs, ignore_errors=True)


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


def _check_store(db: Path) -> None:
    from akhbar.store import Store, StoreError

    if not db.is_file():
        err.print(f"[red]error:[/red] {escape(str(db))}: no such story store (make one with `akhbar stories --db`)")
        raise typer.Exit(2)
    try:
        with Store(db) as store:
            count = store.counts().stories
    except StoreError as error:
        err.print(f"[red]error:[/red] {escape(str(error))}")
        raise typer.Exit(2) from None
    err.print(f"{count} stories in {escape(str(db))}")


def register(app: typer.Typer) -> None:
    app.command("serve")(serve)
