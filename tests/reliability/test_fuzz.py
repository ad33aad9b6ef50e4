"""Fuzzing every importer with mutated real files (issue #18 item 3): truncation, byte
flips, invalid UTF-8, huge fields, wrong column counts, duplicate lines (IDs), deep
nesting, YAML bombs and NUL bytes.

Properties: no traceback (only a LoadError escapes), the error names the file and a line
or byte offset, a refused record load leaves the store exactly as it was, an archive
import sets bad items aside and imports the rest, and memory stays bounded. `make test`
tries FUZZ_EXAMPLES per importer; `make soak` sets LIONROCK_SOAK_FUZZ.
"""

from __future__ import annotations

import csv
import gc
import hashlib
import io
import os
import re
import resource
import shutil
import signal
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lionrock import Defaults, LoadError, Store, export_store, load_paths
from lionrock.library import import_archive
from lionrock.sanctions.lists import import_list
from tests.conftest import SHARED, SOURCE_YAML
from tests.reliability.crash import tally
from tests.reliability.test_bombs import LAUGHS

EXAMPLES = int(os.environ.get("LIONROCK_SOAK_FUZZ", "12"))
#: no input may exhaust time: one attempt's bound in CPU seconds (of this process), far above
#: what a slow machine takes (a few seconds), so that a loop without end fails with its input
#: instead of stalling the suite (a wait without end is pytest-timeout's, see pyproject)
ATTEMPT_SECONDS = float(os.environ.get("LIONROCK_FUZZ_ATTEMPT_SECONDS", "120"))
ROOT = Path(__file__).resolve().parents[2]
NEWS = SHARED / "news"
WARC = SHARED / "warc"
#: how many inputs were tried and how many broke a property, for docs/reliability.md
TALLY: dict[str, list[int]] = {}

PEOPLE = (
    SOURCE_YAML
    + "entities:\n"
    + "".join(
        f"  - id: lr-person-{n}\n    schema: Person\n    source: src-test\n"
        f"    properties:\n      name: 測試人物{n}\n      notes: Note {n}\n"
        for n in range(20)
    )
)


def _digest(store: Store) -> str:
    total = hashlib.sha256()
    with store.read() as conn:
        for row in conn.exec_driver_sql("SELECT id, review, value FROM statements ORDER BY id"):
            total.update(repr(tuple(row)).encode())
    return total.hexdigest()


def _first_lines(path: Path, count: int) -> bytes:
    with open(path, "rb") as fh:
        return b"".join(line for _, line in zip(range(count), fh, strict=False))


def _uk_folder(target: Path, subjects: int = 60) -> Path:
    """A small, consistent UK list folder: the first subjects and their rows."""
    source = SHARED / "sanctions" / "gb-uk-sanctions-list-2026"
    target.mkdir(parents=True, exist_ok=True)
    keep: set[str] = set()
    for name in (
        "subjects.csv",
        "subject_names.csv",
        "subject_identifiers.csv",
        "subject_dobs.csv",
    ):
        with open(source / name, encoding="utf-8-sig", newline="") as fh:
            rows = list(csv.reader(fh))
        column = rows[0].index("unique_id")
        body = (
            rows[1 : subjects + 1]
            if name == "subjects.csv"
            else [r for r in rows[1:] if r[column] in keep]
        )
        if name == "subjects.csv":
            keep = {r[column] for r in body}
        with open(target / name, "w", encoding="utf-8", newline="") as out:
            csv.writer(out).writerows([rows[0], *body])
    return target


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """One small real input per importer."""
    folder = tmp_path_factory.mktemp("fuzz-inputs")
    people = folder / "people.yaml"
    people.write_text(PEOPLE, encoding="utf-8")
    store = Store("sqlite://")
    load_paths(store, [people], defaults=Defaults(review="published"))
    for fmt, name in (("statements", "statements.csv"), ("ftm", "entities.ftm.json")):
        out = io.StringIO()
        export_store(store, out, format=fmt, base_url="https://example.org")
        (folder / name).write_text(out.getvalue(), encoding="utf-8")
    store.close()
    (folder / "ofac.csv").write_bytes(
        _first_lines(SHARED / "sanctions" / "us-ofac-sdn-2024-05-03.csv", 150)
    )
    import tarfile

    with tarfile.open(NEWS / "hkcnews-2020-06-to-2021-08.tar.xz", "r|xz") as archive:
        for member in archive:
            if member.isfile() and member.name.endswith(".md"):
                handle = archive.extractfile(member)
                assert handle is not None
                (folder / "article.md").write_bytes(handle.read())
                break
    return {
        "yaml": people,
        "statements": folder / "statements.csv",
        "ftm": folder / "entities.ftm.json",
        "ofac": folder / "ofac.csv",
        "uk": _uk_folder(folder / "uk") / "subject_names.csv",
        "opensanctions-csv": ROOT / "tests" / "sanctions" / "fixtures" / "targets.simple.csv",
        "opensanctions-ftm": ROOT / "tests" / "sanctions" / "fixtures" / "entities.ftm.json",
        "hkcnews": folder / "article.md",
        "markdown": folder / "article.md",
        "appledaily": NEWS / "appledaily-samples" / "article_detail.json",
        "html": NEWS / "appledaily-samples" / "plain.html",
        "warc": WARC / "warcio-test" / "example.warc",
    }


@st.composite
def mutated(draw: st.DrawFn, raw: bytes) -> bytes:
    """`raw` after one to three of the mutations the module docstring lists."""
    data = bytearray(raw)
    for _ in range(draw(st.integers(1, 3))):
        kind = draw(st.sampled_from(MUTATIONS))
        at = draw(st.integers(0, max(len(data) - 1, 0)))
        if kind == "truncate":
            del data[at:]
        elif kind == "flip":
            if data:
                data[at] ^= draw(st.integers(1, 255))
        elif kind == "invalid-utf8":
            data[at:at] = draw(st.sampled_from([b"\xff", b"\xc3(", b"\xed\xa0\x80", b"\xe6\x97"]))
        elif kind == "huge-field":
            data[at:at] = b"x" * draw(st.sampled_from([70_000, 1_000_000, 5_000_000]))
        elif kind == "syntax":
            data[at:at] = draw(
                st.sampled_from([b",", b'"', b"\n", b"{", b"[", b":", b"---\n", b"\t"])
            )
        elif kind == "duplicate-line":
            lines = bytes(data).splitlines(keepends=True)
            if lines:
                pick = draw(st.integers(0, len(lines) - 1))
                lines.insert(pick, lines[pick])
                data = bytearray(b"".join(lines))
        elif kind == "deep-nesting":
            depth = draw(st.sampled_from([1_000, 100_000]))
            data[at:at] = b"[" * depth + b"]" * depth
        elif kind == "yaml-bomb":
            line_start = data.rfind(b"\n", 0, at) + 1
            data[line_start:line_start] = LAUGHS.encode() + b"\n"
        elif kind == "nul":
            data[at:at] = b"\x00" * draw(st.integers(1, 3))
    return bytes(data)


MUTATIONS = [
    "truncate",
    "flip",
    "invalid-utf8",
    "huge-field",
    "syntax",
    "duplicate-line",
    "deep-nesting",
    "yaml-bomb",
    "nul",
]
LOCATED = re.compile(r":\d+|byte \d+|line \d+")


def _record_load(kind: str) -> Callable[[Store, Path], object]:
    def load(store: Store, path: Path) -> object:
        return load_paths(store, [str(path)])

    def sanction(store: Store, path: Path) -> object:
        name = {"ofac": "us-ofac-sdn", "uk": "gb-uk"}.get(kind, "opensanctions")
        target = str(path.parent) if kind == "uk" else str(path)
        return import_list(store, path=target, list_name=name, snapshot_date="2026-04-16")

    return load if kind in ("yaml", "statements", "ftm") else sanction


RECORD_KINDS = ["yaml", "statements", "ftm", "ofac", "uk", "opensanctions-csv", "opensanctions-ftm"]
ARCHIVE_KINDS = ["hkcnews", "markdown", "appledaily", "html", "warc"]


def _copy_input(source: Path, tmp: Path, kind: str, raw: bytes) -> Path:
    if kind == "uk":
        folder = tmp / "uk"
        shutil.rmtree(folder, ignore_errors=True)
        shutil.copytree(source.parent, folder)
        target = folder / source.name
    else:
        target = tmp / source.name
    target.write_bytes(raw)
    return target


class _Expired(BaseException):
    """Raised by the alarm; a BaseException, so an importer's `except Exception` (which
    sets a bad item aside) cannot swallow it."""


@contextmanager
def _bounded(kind: str, raw: bytes) -> Iterator[None]:
    """Fail the attempt if it uses more than ATTEMPT_SECONDS of CPU, naming the input and
    keeping a copy of it for reproduction. SIGPROF, not SIGALRM: pytest-timeout's."""

    def expire(signum: int, frame: FrameType | None) -> None:
        raise _Expired

    previous = signal.signal(signal.SIGPROF, expire)
    signal.setitimer(signal.ITIMER_PROF, ATTEMPT_SECONDS)
    try:
        yield
    except _Expired:
        digest = hashlib.sha256(raw).hexdigest()[:16]
        kept = Path(os.environ.get("TMPDIR", "/tmp")) / f"lionrock-fuzz-hang-{kind}-{digest}"
        kept.write_bytes(raw)
        raise AssertionError(
            f"{kind}: one input took over {ATTEMPT_SECONDS:g} CPU s ({len(raw)} bytes, "
            f"kept at {kept})"
        ) from None
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGPROF, previous)


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _attempt_start_rss() -> float:
    """The RSS an attempt starts from: the 500 MB bound is per input. glibc keeps the heap
    an earlier 5 MB value grew (its mmap threshold rises after the first free), which is
    no leak (RSS levels off) but adds up over hundreds of attempts; and earlier refusals
    (tracebacks holding their 5 MB inputs) are cycles freed only when the collector next
    runs: free them first."""
    gc.collect()
    return _rss_mb()


@pytest.fixture
def fuzz_dir(tmp_path: Path) -> Iterator[Path]:
    yield tmp_path


@pytest.mark.parametrize("kind", RECORD_KINDS)
def test_record_loads_refuse_cleanly(kind: str, inputs: dict[str, Path], fuzz_dir: Path) -> None:
    source = inputs[kind]
    attempt = _record_load(kind)
    # on disk, not in memory: the good loads pile up in this store, and the memory bound
    # is about what one input costs, not about the data hundreds of them left behind
    store = Store(f"sqlite:///{fuzz_dir / 'fuzz-store.db'}")
    counts = TALLY.setdefault(kind, [0, 0])

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(raw=mutated(source.read_bytes()))
    def check(raw: bytes) -> None:
        counts[0] += 1
        start_rss = _attempt_start_rss()
        path = _copy_input(source, fuzz_dir, kind, raw)
        # a list snapshot is imported once per date: each attempt gets a store of its own
        target = store if kind in ("yaml", "statements", "ftm") else Store("sqlite://")
        before = _digest(target)
        try:
            with _bounded(kind, raw):
                attempt(target, path)
        except LoadError as exc:
            message = str(exc)
            assert path.name in message or path.parent.name in message, message[:500]
            assert LOCATED.search(message), message[:500]
            assert len(message) < 20_000
            assert _digest(target) == before  # a refused load writes nothing
        except Exception:
            counts[1] += 1
            raise
        finally:
            if target is not store:  # an in-memory store per attempt: free it now, or
                target.close()  # hundreds of them (with 5 MB values) count against the bound
        assert _rss_mb() - start_rss < 500

    check()
    tally(test="fuzz", importer=kind, tried=TALLY[kind][0], tracebacks=TALLY[kind][1])
    store.close()


@pytest.mark.parametrize("kind", ARCHIVE_KINDS)
def test_archive_imports_set_bad_items_aside(
    kind: str, inputs: dict[str, Path], fuzz_dir: Path
) -> None:
    source = inputs[kind]
    store = Store("sqlite://")
    counts = TALLY.setdefault(kind, [0, 0])

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(raw=mutated(source.read_bytes()))
    def check(raw: bytes) -> None:
        counts[0] += 1
        start_rss = _attempt_start_rss()
        path = _copy_input(source, fuzz_dir, kind, raw)
        try:
            with _bounded(kind, raw):
                report = import_archive(
                    store, path=str(path), format=kind, publisher="Fuzz", accessed="2026-12-06"
                )
        except Exception:
            counts[1] += 1
            raise
        for item in report.items:
            assert path.name in item["path"], item
            if item["action"] == "set aside":
                assert item["reason"]
        assert _rss_mb() - start_rss < 500

    check()
    tally(test="fuzz", importer=kind, tried=TALLY[kind][0], tracebacks=TALLY[kind][1])
    store.close()
