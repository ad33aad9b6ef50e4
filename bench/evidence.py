"""Capture rate: 1,000 local pages (English and Chinese HTML, two images each) captured
into WACZ by `lionrock.evidence.capture`, against the anchor: warcio's `capture_http`
(with `requests`) fetching the same pages and images, then `wacz create` (py-wacz, run
in-process) packaging them, in the same run.

Ours writes one WACZ per page (the evidence unit), each with its custody record, stored by
content hash and indexed in a SQLite store. The target row compares ours without the
per-page extras (Ed25519 signature, RFC 3161 timestamp from a local TSA) with the anchor;
the extras are measured in a second run and reported separately, per page.

Target: ours ≥ 1.0× the anchor's pages/s.

Example:
    PYTHONPATH=. .venv/bin/python bench/evidence.py --pages 1000
"""

from __future__ import annotations

import argparse
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from _report import Row, append_run

from lionrock.evidence import CaptureOptions, Signing, Target, capture
from lionrock.evidence._setup import open_signing, open_vault
from lionrock.settings import Settings
from lionrock.store import Store
from tests.evidence.local_tsa import LocalTSA

TARGET = 1.0
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489"
    "0000000d49444154789c6360f8cfc0f01f0005000201a7e5a1a70000000049454e44ae426082"
)
ZH = "香港國家安全法實施後，法院審理的案件與新聞報道。這是合成的基準測試文字。"
EN = "Synthetic benchmark text about court hearings, news reports and archived sources."


def make_site(root: Path, pages: int) -> list[str]:
    """Write the pages and images; return the page paths."""
    (root / "img").mkdir(parents=True)
    (root / "img" / "logo.png").write_bytes(PNG)
    paths = []
    for n in range(pages):
        lang, text = ("zh-Hant", ZH) if n % 2 else ("en", EN)
        (root / "img" / f"p{n}.png").write_bytes(PNG + n.to_bytes(4, "big"))
        body = "".join(f"<p>{text} {n}-{k}</p>" for k in range(20))
        html = (f"<!doctype html><html lang='{lang}'><head><meta charset='utf-8'>"
                f"<title>Page {n}</title></head><body><img src='/img/logo.png'>"
                f"<h1>{text[:12]}</h1>{body}<img src='/img/p{n}.png'></body></html>")  # fmt: skip
        (root / f"page{n}.html").write_text(html, encoding="utf-8")
        paths.append(f"/page{n}.html")
    return paths


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_for(base: str) -> None:
    for _ in range(100):
        try:
            urllib.request.urlopen(base + "/img/logo.png", timeout=1).read()
            return
        except OSError:
            time.sleep(0.1)
    raise SystemExit(f"the test site at {base} did not start")


def anchor(base: str, paths: list[str], work: Path) -> float:
    """warcio capture_http + requests, then `wacz create`; return seconds."""
    import requests
    from wacz.main import main as wacz_main
    from warcio.capture_http import capture_http

    warc = work / "anchor.warc.gz"
    start = time.perf_counter()
    with capture_http(str(warc)), requests.Session() as session:
        for n, path in enumerate(paths):
            session.get(base + path)
            session.get(base + "/img/logo.png")
            session.get(base + f"/img/p{n}.png")
    code = wacz_main(["create", "-o", str(work / "anchor.wacz"), str(warc), "--detect-pages"])
    elapsed = time.perf_counter() - start
    assert code in (0, None), "wacz create failed"
    return elapsed


def ours(base: str, paths: list[str], work: Path, signing: Signing | None,
         settings: Settings, workers: int) -> float:  # fmt: skip
    store = Store(f"sqlite:///{work / 'lionrock.db'}")
    vault = open_vault(settings, store)
    options = CaptureOptions(concurrency=workers, per_host=workers, delay=0.0, timeout=30)
    targets = [Target(base + p) for p in paths]
    start = time.perf_counter()
    results = capture(targets=targets, vault=vault, signing=signing or Signing(),
                      operator="bench", options=options)  # fmt: skip
    elapsed = time.perf_counter() - start
    bad = [r for r in results if r.outcome != "ok" or r.requisites != 2]
    assert not bad, bad[:3]
    store.close()
    return elapsed


def extras_ms(settings: Settings, pages: int) -> tuple[float, float]:
    """Per page, single-threaded: building the custody record, and signing plus
    timestamping (`digest_file` with the key and the local TSA), in milliseconds."""
    import json

    from lionrock.evidence._wacz import digest_file

    signing = open_signing(settings)
    package = json.dumps({"resources": [{"path": "x", "hash": "sha256:" + "0" * 64}] * 5})
    start = time.perf_counter()
    for n in range(pages):
        json.dumps({"collector": {"operator": "bench", "tool": "lionrock"}, "n": n,
                    "pages": [{"url": f"http://127.0.0.1/page{n}.html"}]}, indent=2)  # fmt: skip
    custody = (time.perf_counter() - start) / pages * 1000
    start = time.perf_counter()
    for n in range(pages):
        digest_file((package + str(n)).encode(), created="2026-01-01T00:00:00Z", signing=signing)
    sealed = (time.perf_counter() - start) / pages * 1000
    return custody, sealed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=1000)
    parser.add_argument("--workers", type=int, default=8)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp, LocalTSA() as tsa:
        work = Path(tmp)
        paths = make_site(work / "site", args.pages)
        # the site is served by another process, so its work does not share our GIL
        port = free_port()
        server = subprocess.Popen(
            [sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1",
             "--directory", str(work / "site")],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        base = f"http://127.0.0.1:{port}"
        wait_for(base)
        (work / "tsa.pem").write_bytes(tsa.root_pem)
        runs = {}
        plan = (("warm-up", args.workers, True), ("core", args.workers, False),
                ("core-1", 1, False), ("sealed", args.workers, True))  # fmt: skip
        for name, workers, sealed in plan:
            run_dir = work / name
            run_dir.mkdir()
            settings = Settings(home=run_dir, database_url=f"sqlite:///{run_dir}/lionrock.db",
                                tsa_url=tsa.url, tsa_ca=work / "tsa.pem")  # fmt: skip
            signing = open_signing(settings) if sealed else None
            some = paths[:50] if name == "warm-up" else paths  # the warm-up is not timed
            runs[name] = ours(base, some, run_dir, signing, settings, workers)
        extras = extras_ms(settings, min(args.pages, 200))
        (work / "anchor").mkdir()
        runs["anchor"] = anchor(base, paths, work / "anchor")
        server.terminate()
        server.wait(10)
    n = args.pages
    rate = {k: n / v for k, v in runs.items()}
    custody_ms, sealed_ms = extras
    rows = [
        Row(f"pages/s, capture + WACZ + custody ({args.workers} workers)",
            f"{rate['core']:.1f}", f"{rate['anchor']:.1f}",
            f"{rate['core'] / rate['anchor']:.2f}×", f"≥ {TARGET}×",
            rate["core"] / rate["anchor"] >= TARGET),
        Row("pages/s, capture + WACZ + custody (1 worker)", f"{rate['core-1']:.1f}",
            f"{rate['anchor']:.1f}", f"{rate['core-1'] / rate['anchor']:.2f}×", "–", None),
        Row(f"pages/s, with Ed25519 signature + RFC 3161 timestamp ({args.workers} workers)",
            f"{rate['sealed']:.1f}", f"{rate['anchor']:.1f}",
            f"{rate['sealed'] / rate['anchor']:.2f}×", "–", None),
        Row("extra per page: custody record (ms, 1 thread)", f"{custody_ms:.2f} ms", "–",
            "–", "–", None),
        Row("extra per page: Ed25519 signature + RFC 3161 timestamp (ms, 1 thread)",
            f"{sealed_ms:.1f} ms", "–", "–", "–", None),
    ]  # fmt: skip
    section = append_run(
        "evidence",
        sizes=[f"{n} pages (half English, half Chinese, ~3 KB each) with 2 images each"],
        rows=rows,
        notes=[
            "The site is served by `python -m http.server` in its own process, on 127.0.0.1.",
            "Anchor: warcio capture_http + requests (one session, sequential) then py-wacz "
            "`wacz create --detect-pages`, in-process, one WACZ for all pages.",
            "Ours: one signed-or-not WACZ per page, with custody record, stored by content "
            "hash, indexed in SQLite; per-host politeness set to the worker count, no delay.",
            "The timestamp comes from a local TSA on loopback (tests/evidence/local_tsa.py); "
            "the extras are timed directly, one thread, 200 packages.",
        ],
    )  # fmt: skip
    print(section)


if __name__ == "__main__":
    main()
