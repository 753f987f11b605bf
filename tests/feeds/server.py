"""A feed server on loopback for the tests: routes set by the test, each with its faults (a slow
answer, a body dripped byte by byte, an error status for the first requests, a redirect, no
Content-Length), conditional GET (ETag / Last-Modified -> 304), and a log of every request.

Bound to 127.0.0.1 only, on a free port; every wait in it ends when the server closes, and each
connection has a socket timeout, so a test can never hang on it.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Self


@dataclass
class Route:
    body: bytes = b""
    status: int = 200
    content_type: str = "application/rss+xml; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds before the status line
    drip: float = 0.0  # seconds between bytes of the body (sent without Content-Length)
    etag: str | None = None
    last_modified: str | None = None
    fail_first: int = 0  # the first N requests get fail_status with fail_headers
    fail_status: int = 429
    fail_headers: dict[str, str] = field(default_factory=dict)
    location: str | None = None  # a redirect (status 301/302) to this path or URL
    chunked: bool = False  # no Content-Length: the size is known only by reading
    served: int = 0


@dataclass(frozen=True)
class Request:
    at: float
    path: str
    headers: dict[str, str]


class FeedServer:
    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.requests: list[Request] = []
        self.closing = threading.Event()
        self._lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            timeout = 10  # a connection left open is closed after this

            def log_message(self, format: str, *args: object) -> None:
                pass

            def do_GET(self) -> None:
                server._answer(self)

        self._http = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._http.daemon_threads = True
        self._thread = threading.Thread(target=self._http.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
        self._thread.start()

    @property
    def base(self) -> str:
        host, port = self._http.server_address[:2]
        return f"http://{host!s}:{port}"

    def url(self, path: str) -> str:
        return self.base + path

    def set(self, path: str, route: Route | None = None, **fields: object) -> Route:
        route = route or Route(**fields)  # type: ignore[arg-type]
        with self._lock:
            self.routes[path] = route
        return route

    def hits(self, path: str) -> list[Request]:
        with self._lock:
            return [r for r in self.requests if r.path == path]

    def close(self) -> None:
        self.closing.set()
        self._http.shutdown()
        self._http.server_close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _answer(self, handler: BaseHTTPRequestHandler) -> None:
        path = handler.path
        with self._lock:
            self.requests.append(Request(time.monotonic(), path, {k.lower(): v for k, v in handler.headers.items()}))
            route = self.routes.get(path)
            if route is not None:
                route.served += 1
        if route is None:
            self._send(handler, 404, b"not found", "text/plain", {})
            return
        if route.delay and self.closing.wait(route.delay):
            return
        if route.served <= route.fail_first:
            self._send(handler, route.fail_status, b"slow down", "text/plain", route.fail_headers)
            return
        if route.location is not None:
            self._send(handler, route.status if route.status in (301, 302, 307, 308) else 302, b"", "text/plain",
                       {"Location": route.location})
            return
        headers = dict(route.headers)
        if route.etag:
            headers["ETag"] = route.etag
        if route.last_modified:
            headers["Last-Modified"] = route.last_modified
        if (route.etag and handler.headers.get("If-None-Match") == route.etag) or (
                route.last_modified and handler.headers.get("If-Modified-Since") == route.last_modified):
            self._send(handler, 304, b"", None, headers)
            return
        if route.drip or route.chunked:
            self._stream(handler, route, headers)
            return
        self._send(handler, route.status, route.body, route.content_type, headers)

    def _send(self, handler: BaseHTTPRequestHandler, status: int, body: bytes, content_type: str | None,
              headers: dict[str, str]) -> None:
        try:
            handler.send_response(status)
            if content_type:
                handler.send_header("Content-Type", content_type)
            for key, value in headers.items():
                handler.send_header(key, value)
            if status != 304:
                handler.send_header("Content-Length", str(len(body)))
            handler.end_headers()
            if status != 304:
                handler.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (a timeout or a size limit): what the test wanted

    def _stream(self, handler: BaseHTTPRequestHandler, route: Route, headers: dict[str, str]) -> None:
        try:
            handler.send_response(route.status)
            handler.send_header("Content-Type", route.content_type)
            for key, value in headers.items():
                handler.send_header(key, value)
            handler.send_header("Connection", "close")  # the end of the body is the end of the connection
            handler.end_headers()
            step = 1 if route.drip else 64 * 1024
            for start in range(0, len(route.body), step):
                if route.drip and self.closing.wait(route.drip):
                    return
                handler.wfile.write(route.body[start:start + step])
                handler.wfile.flush()
        except (BrokenPipeError, ConnectionResetError):
            pass
        handler.close_connection = True
