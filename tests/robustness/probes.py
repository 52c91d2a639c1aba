"""Hostile URLs, sent raw over a socket so nothing normalises them first.

Path traversal, SQL and FTS syntax, NUL and other controls, overlong parts
and malformed percent-encoding, in every path parameter and query parameter
of the reader. The reader may answer 4xx, never 500, and never with a file
from outside its folders.
"""

from __future__ import annotations

import itertools
import random
import socket
from collections import Counter
from dataclasses import dataclass, field
from urllib.parse import urlsplit

ROUTES = (
    "/features/{}", "/features/{}/", "/series/{}", "/series/{}/timeline", "/media/{}/medium.webp",
    "/media/site_x_1/{}.webp", "/iiif/{}/manifest.json", "/api/features/{}", "/api/features/{}/enrichment",
    "/static/{}", "/{}",
)  # fmt: skip
"""Every route with a path parameter (and the catch-all), `{}` marking the hostile part."""

QUERIES = (
    "/api/features?series={}", "/api/features?cursor={}", "/api/features?limit={}",
    "/api/timeline?series={}", "/api/glossary?series={}", "/api/search?q={}", "/search?q={}",
    "/search?q=a&series={}", "/search?q=a&from={}", "/search?q=a&to={}", "/api/search?q=a&page={}",
    "/?sort={}", "/timeline?series={}",
)  # fmt: skip
"""Every query parameter the reader reads."""

PAYLOADS = (
    "..", "../..", "..%2f..%2fetc%2fpasswd", "%2e%2e%2f%2e%2e%2fetc%2fpasswd", "....//....//etc/passwd",
    "..%5c..%5cwindows", "%252e%252e%252f", "/etc/passwd", "%2fetc%2fpasswd", "..;/", "%00", "a%00b",
    "%00..%2f", "%01", "%0d%0aSet-Cookie:%20x=1", "%7f", "%ff", "%c0%ae%c0%ae%2f", "%ed%a0%80", "%e2%80%ae",
    "%", "%%", "%zz", "%4", "%%34%31", "'", "''", "'%20OR%20'1'='1", "1;DROP%20TABLE%20features;--",
    "1%20UNION%20SELECT%20*%20FROM%20features", "%22", "%5c", "*", "a*", "%22unclosed", "NEAR(a%20b)",
    "a%20AND", "OR", "-a", "%5e", "a:b", "title:x", "(", ")", "%7b%7d", "%5b%5d", "%3cscript%3e", "-1",
    "0", "99999999999999999999999", "1e9", "NaN", "%20", "+", "%2b", "a" * 5000, "%41" * 3000,
    "%e4%b8%ad%e5%9c%8b", "%e4%b8", "%ef%bb%bf", "%c2%85", "%e2%80%a8", "~", "$", "%24%7b7*7%7d",
    "{{7*7}}", "con", "nul", ".git%2fconfig", ".env", "favicon.svg%00.css", "handscroll.css%3f",
)  # fmt: skip
"""What goes into the hostile part: percent-encoded as a client would send it (or malformed on purpose)."""


def hostile_urls() -> list[str]:
    """Every route and query parameter with every payload."""
    return [t.format(p) for t, p in itertools.product(ROUTES + QUERIES, PAYLOADS)]


def request_raw(base: str, target: str, *, timeout: float = 30) -> tuple[int, dict[str, str], bytes]:
    """Send `GET target` byte for byte and return the status, headers (lower-cased) and body."""
    address = urlsplit(base)
    with socket.create_connection((address.hostname, address.port), timeout=timeout) as sock:
        sock.sendall(
            f"GET {target} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n".encode("latin-1")
        )
        chunks = []
        while chunk := sock.recv(65536):
            chunks.append(chunk)
    head, _, body = b"".join(chunks).partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    headers = {k.strip().lower(): v.strip() for k, _, v in (line.partition(":") for line in lines[1:])}
    return status, headers, body


ESCAPES = (b"root:x:0:0", b"[core]", b"DATABASE", b"Traceback", b"sqlalchemy", b"psycopg")
"""Bytes that must never come back: system files, the repository, tracebacks, driver errors."""


@dataclass
class ProbeTally:
    """Probes sent, answers by status, and every 5xx or escape with its URL."""

    tried: int = 0
    statuses: Counter[int] = field(default_factory=Counter)
    failures: list[str] = field(default_factory=list)

    def add(self, base: str, target: str) -> None:
        self.tried += 1
        try:
            status, _, body = request_raw(base, target)
        except (OSError, ValueError, IndexError) as exc:
            self.failures.append(f"no answer ({type(exc).__name__}) to {target[:100]}")
            return
        self.statuses[status] += 1
        if status >= 500:
            self.failures.append(f"HTTP {status} for {target[:100]}")
        leaked = [marker.decode() for marker in ESCAPES if marker in body]
        if leaked:
            self.failures.append(f"{', '.join(leaked)} in the answer to {target[:100]}")


def probe(base: str, *, limit: int | None = None, seed: int = 10) -> ProbeTally:
    """Send the hostile URLs (all, or a random `limit` of them) to the reader at `base`."""
    urls = hostile_urls()
    if limit is not None and limit < len(urls):
        urls = random.Random(seed).sample(urls, limit)
    tally = ProbeTally()
    for target in urls:
        tally.add(base, target)
    return tally
