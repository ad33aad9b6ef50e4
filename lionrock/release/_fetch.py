"""Bounded fetching from a site copy: a folder (`file:` URLs) or an HTTP(S) mirror.

Mirrors are hostile: every read has a timeout and a size cap, and only http, https and
file URLs are followed.
"""

from __future__ import annotations

import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

from tuf.api import exceptions
from tuf.ngclient import FetcherInterface

USER_AGENT = "lionrock-verify"
DEFAULT_TIMEOUT = 10.0
BLOCK = 1 << 16


class _NoRedirectToOtherSchemes(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):  # type: ignore[no-untyped-def]
        if urllib.parse.urlsplit(newurl).scheme not in ("http", "https"):
            return None
        return super().redirect_request(req, fp, code, msg, headers, newurl)


_OPENER = urllib.request.build_opener(_NoRedirectToOtherSchemes())


def folder_url(path: Path) -> str:
    """A `file:` URL for a folder, ending in a slash. Example: `folder_url(Path("site"))`."""
    return path.resolve().as_uri().rstrip("/") + "/"


class Fetcher(FetcherInterface):
    """Reads `file:`, `http:` and `https:` URLs with a timeout per request.

    A missing file or an HTTP error becomes `DownloadHTTPError` with its status (404 for
    a missing file), which TUF and `lionrock verify` report by file name.
    """

    def __init__(self, *, timeout: float = DEFAULT_TIMEOUT) -> None:
        self.timeout = timeout

    def _fetch(self, url: str) -> Iterator[bytes]:
        parts = urllib.parse.urlsplit(url)
        if parts.scheme == "file":
            return self._fetch_file(Path(urllib.request.url2pathname(parts.path)))
        if parts.scheme not in ("http", "https"):
            raise exceptions.DownloadError(f"unsupported URL scheme {parts.scheme!r}")
        request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
        try:
            response = _OPENER.open(request, timeout=self.timeout)
        except urllib.error.HTTPError as exc:
            raise exceptions.DownloadHTTPError(str(exc.reason), exc.code) from exc
        except (urllib.error.URLError, OSError) as exc:
            raise exceptions.DownloadError(f"unreachable: {exc}") from exc
        return self._chunks(response)

    def _chunks(self, response: object) -> Iterator[bytes]:
        with response:  # type: ignore[attr-defined]
            while block := response.read(BLOCK):  # type: ignore[attr-defined]
                yield block

    def _fetch_file(self, path: Path) -> Iterator[bytes]:
        if path.is_symlink() or not path.is_file():
            raise exceptions.DownloadHTTPError("not found", 404)
        return self._read_file(path)

    def _read_file(self, path: Path) -> Iterator[bytes]:
        with path.open("rb") as f:
            while block := f.read(BLOCK):
                yield block

    def get(self, url: str, *, max_length: int) -> bytes:
        """The whole body of `url`, refused beyond `max_length` bytes."""
        return self.download_bytes(url, max_length)
