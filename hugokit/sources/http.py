"""Fetching from the services: timeouts, bounded concurrency, retries that honour Retry-After,
a User-Agent that says who is asking, and an on-disk cache with an expiry.

A response is cached only after its service's parser has read it, so garbage or an HTML error
page is never served again; within the expiry a rerun asks no one (and works offline).
"""
from __future__ import annotations

import json
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING, Callable, TypeVar
from urllib.parse import urlencode

from hugokit import __version__
from hugokit.sources import SERVICES, ServiceError, Settings, env_name, unreadable

if TYPE_CHECKING:
    import httpx

T = TypeVar("T")
# (status, body, content type) -> value; raises ServiceError for anything but the documented answers,
# which is how a status that stayed an error after the retries is reported (with the service's words).
Parse = Callable[[int, str, str], T]
RETRIED = {429, 500, 502, 503, 504}
MAX_WAIT = 120.0  # a Retry-After longer than this is reported instead of waited for
MAX_ANSWER_BYTES = 20 * 2**20
TOTAL_TIMEOUTS = 3  # a whole answer may take this many times the timeout of one read
CACHE_FORMAT = 1


def user_agent(contact: str) -> str:
    who = f"mailto:{contact}" if contact else "no contact address configured"
    return f"hugokit/{__version__} (publication-list tool; {who})"


class Client:
    def __init__(self, settings: Settings, cache_folder: Path | None) -> None:
        import httpx  # only the online commands pay for it

        self.settings = settings
        self.cache_folder = None if cache_folder is None else cache_folder / "http"
        self._httpx = httpx
        self._client = httpx.Client(timeout=settings.timeout, follow_redirects=True,
                                    headers={"User-Agent": user_agent(settings.contact)})
        self._limits = {key: threading.Semaphore(s.concurrency) for key, s in SERVICES.items()}
        self.asked = 0      # requests that went out
        self.cached = 0     # answers served from the cache

    def close(self) -> None:
        self._client.close()

    def url(self, service: str, path: str, params: dict[str, str] | None = None) -> str:
        query = f"?{urlencode(params)}" if params else ""
        return f"{self.settings.url(service)}/{path.lstrip('/')}{query}"

    def get(self, service: str, path: str, params: dict[str, str] | None, parse: Parse[T]) -> T:
        url = self.url(service, path, params)
        hit = _cache_read(self._cache_path(url), url, self.settings.cache_days)
        if hit is not None:
            try:
                value = read(service, parse, *hit)
                self.cached += 1
                return value
            except ServiceError:
                pass  # an entry from an older hugokit that no longer reads: ask again
        with self._limits[service]:
            status, body, kind = self._fetch(service, url)
        value = read(service, parse, status, body, kind)
        _cache_write(self._cache_path(url), url, status, body, kind)
        return value

    def _cache_path(self, url: str) -> Path | None:
        if self.cache_folder is None:
            return None
        from hashlib import sha256

        return self.cache_folder / f"{sha256(url.encode()).hexdigest()[:40]}.json"

    def get_many(self, service: str, requests: list[tuple[str, dict[str, str] | None]], parse: Parse[T]) -> list[T]:
        """Each (path, params), concurrently up to the service's limit; results in order."""
        if len(requests) <= 1:
            return [self.get(service, path, params, parse) for path, params in requests]
        from concurrent.futures import ThreadPoolExecutor

        with ThreadPoolExecutor(max_workers=SERVICES[service].concurrency) as pool:
            futures = [pool.submit(self.get, service, path, params, parse) for path, params in requests]
            try:
                return [future.result() for future in futures]
            except BaseException:
                for future in futures:
                    future.cancel()
                raise

    def _fetch(self, service: str, url: str) -> tuple[int, str, str]:
        name = SERVICES[service].name
        httpx = self._httpx
        params = {"mailto": self.settings.contact} if service == "crossref" and self.settings.contact else None
        for attempt in range(self.settings.retries + 1):
            last = attempt == self.settings.retries
            try:
                self.asked += 1
                with self._client.stream("GET", url, params=params) as response:
                    body = _bounded_body(response, name, url, TOTAL_TIMEOUTS * self.settings.timeout)
            except httpx.TimeoutException:
                if last:
                    raise ServiceError(name, f"did not answer within {self.settings.timeout:g} s ({url})",
                                       f"try again later, or raise `timeout:` under `services:` in hugokit.yaml "
                                       f"({env_name('timeout')})") from None
                time.sleep(_backoff(attempt))
                continue
            except (httpx.HTTPError, httpx.InvalidURL) as exc:  # DNS, refused connection, TLS, a broken answer
                if last:
                    raise ServiceError(name, f"cannot be reached at {self.settings.url(service)} ({_reason(exc)})",
                                       f"check the network connection (only `hugokit add` and `hugokit refresh` need "
                                       f"it), or point `services: {service}:` in hugokit.yaml or "
                                       f"{env_name(service)} at a reachable mirror") from None
                time.sleep(_backoff(attempt))
                continue
            if response.status_code in RETRIED and not last:
                wait = _retry_after(response.headers.get("Retry-After"))
                if wait is not None and wait > MAX_WAIT:
                    raise ServiceError(name, f"asks to wait {wait:.0f} s before it answers again (HTTP "
                                       f"{response.status_code})", "try again later")
                time.sleep(_backoff(attempt) if wait is None else wait)
                continue
            return response.status_code, body, response.headers.get("Content-Type", "")
        raise AssertionError("unreachable")  # the loop returns or raises on its last attempt


def _bounded_body(response: httpx.Response, name: str, url: str, seconds: float) -> str:
    """The answer's text, read up to MAX_ANSWER_BYTES and for seconds at most (an answer is a few
    kilobytes: more is not what the API documents and must not fill the memory, and a server
    that sends a byte now and then is never caught by the timeout of each read alone)."""
    body, deadline = bytearray(), time.monotonic() + seconds
    for chunk in response.iter_bytes():
        body += chunk
        if len(body) > MAX_ANSWER_BYTES:
            raise ServiceError(name, f"answered more than {MAX_ANSWER_BYTES // 2**20} MB ({url})",
                               "the service or a proxy in between is misbehaving: try again later")
        if time.monotonic() > deadline:
            raise ServiceError(name, f"did not finish its answer within {seconds:g} s ({url})",
                               "try again later, or raise `timeout:` under `services:` in hugokit.yaml")
    return body.decode(response.encoding or "utf-8", "replace")


def read(service: str, parse: Parse[T], status: int, body: str, kind: str) -> T:
    """The parser's value; whatever in an answer trips the parser is reported as an unreadable
    answer, never a traceback (the answer comes from outside)."""
    try:
        return parse(status, body, kind)
    except ServiceError:
        raise
    except (TypeError, ValueError, KeyError, AttributeError, IndexError, RecursionError):
        raise unreadable(SERVICES[service].name, status, body, kind, "the answer its API documents") from None


def _backoff(attempt: int) -> float:
    return min(2.0 ** attempt, 30.0)


def _retry_after(value: str | None) -> float | None:
    """Seconds to wait: Retry-After is a number of seconds or an HTTP date."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    from email.utils import parsedate_to_datetime

    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, float(when.timestamp()) - time.time())


def _reason(exc: Exception) -> str:
    text = str(exc) or type(exc).__name__
    return text.splitlines()[0][:200]


def _cache_read(path: Path | None, url: str, days: float) -> tuple[int, str, str] | None:
    if path is None or days <= 0:
        return None
    try:
        entry = json.loads(path.read_text(encoding="utf-8"))
        if entry["format"] != CACHE_FORMAT or entry["url"] != url or time.time() - entry["fetched"] > days * 86400:
            return None
        return int(entry["status"]), str(entry["body"]), str(entry["type"])
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _cache_write(path: Path | None, url: str, status: int, body: str, kind: str) -> None:
    if path is None:
        return
    from hugokit.writeback import atomic_write

    entry = {"format": CACHE_FORMAT, "url": url, "fetched": time.time(), "status": status, "type": kind, "body": body}
    try:
        atomic_write(path, json.dumps(entry), durable=False)  # (ASCII: a lone surrogate escaped)
    except OSError:
        pass  # an unwritable cache only costs a rerun its offline answers
