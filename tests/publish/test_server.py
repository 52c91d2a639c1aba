"""The reader over real HTTP (uvicorn as `handscroll serve` runs it): error pages and slow clients."""

from __future__ import annotations

import logging
import socket
import time
from urllib.parse import urlsplit

import httpx2 as httpx
import pytest

from factories import make_feature
from handscroll.config import Settings
from handscroll.model import Paragraph
from handscroll.publish.render import Renderer
from handscroll.publish.server import (
    KEEP_ALIVE_SECONDS,
    MAX_CONNECTIONS,
    MAX_HEAD_BYTES,
    HeadTimeoutProtocol,
    server_config,
)
from handscroll.publish.web import content_security_policy, create_app
from publish.builders import fill_library
from publish.live import serve


@pytest.fixture
def reader_app(tmp_path, library_file: str):
    fill_library(library_file, [make_feature(title="A part", slug="a-part", blocks=(Paragraph(text="x"),))])
    settings = Settings(db=library_file, media_dir=tmp_path / "media")
    (tmp_path / "media").mkdir()
    return create_app(library_file, settings, cache_dir=tmp_path / "cache")


def test_the_500_page_carries_the_security_headers(reader_app, monkeypatch, caplog) -> None:
    def explode(*args: object, **kwargs: object) -> str:
        raise RuntimeError("secret detail")

    monkeypatch.setattr(Renderer, "render", explode)
    monkeypatch.setattr(Renderer, "render_utf8", explode)  # what the reader's pages use
    caplog.set_level(logging.CRITICAL, logger="uvicorn.error")  # the failure is logged, as it should be
    with serve(reader_app) as url:
        response = httpx.get(f"{url}/features/a-part", timeout=10)
    assert response.status_code == 500
    assert "Something went wrong" in response.text and "secret detail" not in response.text
    assert response.headers["content-security-policy"] == content_security_policy(Settings())
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["x-frame-options"] == "DENY"
    assert response.headers["referrer-policy"] == "strict-origin-when-cross-origin"


def test_a_client_sending_its_request_head_slowly_is_cut_off(reader_app, monkeypatch) -> None:
    monkeypatch.setattr(HeadTimeoutProtocol, "head_timeout", 0.5)
    with serve(reader_app) as url:
        address = urlsplit(url)
        with socket.create_connection((address.hostname, address.port), timeout=5) as sock:
            sock.sendall(b"GET / HTTP/1.1\r\nHost: localhost\r\n")
            started = time.monotonic()
            closed = False
            while time.monotonic() - started < 4:
                try:
                    sock.sendall(b"X")  # one byte of a header at a time: never a whole head
                    sock.settimeout(0.2)
                    closed = sock.recv(1024) == b""
                except TimeoutError:
                    continue
                except OSError:
                    closed = True
                if closed:
                    break
        assert closed, "the server kept a connection open whose head never ended"
        assert time.monotonic() - started < 3
        # A client that sends its head promptly is served as before, on a connection of its own.
        assert httpx.get(f"{url}/features/a-part", timeout=10).status_code == 200


def test_serve_sets_timeouts_and_limits(reader_app) -> None:
    config = server_config(reader_app, "127.0.0.1", 0)
    assert config.http is HeadTimeoutProtocol
    assert config.timeout_keep_alive == KEEP_ALIVE_SECONDS
    assert config.h11_max_incomplete_event_size == MAX_HEAD_BYTES
    assert config.limit_concurrency == MAX_CONNECTIONS
