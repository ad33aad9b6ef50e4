"""Intake fixtures: a recipient key (made once: Argon2id at 256 MiB takes a second), an
intake server's settings over each database backend, and the test documents the issue
names: a JPEG with GPS EXIF and a DOCX with an author (generated here, with exiftool)."""

from __future__ import annotations

import subprocess
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from nacl.public import PrivateKey
from PIL import Image
from starlette.testclient import TestClient

from lionrock.intake import IntakeDB, add_recipient, create_intake_app, load_secret_key, write_key
from lionrock.settings import IntakeSettings

PASSPHRASE = "lion rock intake test passphrase"
AUTHOR = "CHAN Tai Man 陳大文"
GPS = {"lat": "22.2855", "lon": "114.1577"}


@dataclass
class RecipientKey:
    path: Path
    public_path: Path
    secret: PrivateKey


@pytest.fixture(scope="session")
def recipient(tmp_path_factory: pytest.TempPathFactory) -> RecipientKey:
    folder = tmp_path_factory.mktemp("keys")
    path = folder / "desk-1.key"
    write_key(path, passphrase=PASSPHRASE, label="desk-1")
    secret = load_secret_key(path, passphrase=PASSPHRASE)
    return RecipientKey(path, folder / "desk-1.key.pub", secret)


@pytest.fixture(scope="session")
def other_key(tmp_path_factory: pytest.TempPathFactory) -> RecipientKey:
    folder = tmp_path_factory.mktemp("other-keys")
    path = folder / "other.key"
    write_key(path, passphrase=PASSPHRASE, label="other")
    return RecipientKey(
        path, folder / "other.key.pub", load_secret_key(path, passphrase=PASSPHRASE)
    )


def make_settings(home: Path, recipient: RecipientKey | None, **options: object) -> IntakeSettings:
    settings = IntakeSettings(home=home, **options)  # type: ignore[arg-type]
    if recipient is not None:
        from lionrock.intake import parse_recipient

        add_recipient(settings.recipients_file, parse_recipient(recipient.public_path.read_text()))
    return settings


@dataclass
class Server:
    settings: IntakeSettings
    db: IntakeDB
    client: TestClient

    def fresh_client(self) -> TestClient:
        app = create_intake_app(self.settings, db=self.db)
        return TestClient(app, base_url="http://testserver", follow_redirects=False)


@pytest.fixture
def server(tmp_path: Path, db_url: str, recipient: RecipientKey) -> Iterator[Server]:
    """An intake server (in-process) over each database backend."""
    settings = make_settings(tmp_path / "intake", recipient, database_url=db_url)
    db = IntakeDB(settings.database_url)
    app = create_intake_app(settings, db=db)
    client = TestClient(app, base_url="http://testserver", follow_redirects=False)
    yield Server(settings, db, client)
    db.close()


def make_jpeg(path: Path) -> Path:
    """A small JPEG with GPS coordinates (Hong Kong Island) and an artist in its EXIF."""
    Image.new("RGB", (64, 48), (200, 30, 30)).save(path, quality=90)
    subprocess.run(
        [
            "exiftool",
            "-q",
            "-overwrite_original",
            f"-GPSLatitude={GPS['lat']}",
            "-GPSLatitudeRef=N",
            f"-GPSLongitude={GPS['lon']}",
            "-GPSLongitudeRef=E",
            f"-Artist={AUTHOR}",
            str(path),
        ],
        check=True,
    )
    return path


OOXML = "http://schemas.openxmlformats.org"
PACKAGE = f"{OOXML}/package/2006"
DOC_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
CORE_TYPE = "application/vnd.openxmlformats-package.core-properties+xml"
RELS_TYPE = "application/vnd.openxmlformats-package.relationships+xml"
XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'


def make_docx(path: Path) -> Path:
    """A minimal DOCX whose core properties name an author and a last editor."""
    office_doc = f"{OOXML}/officeDocument/2006/relationships/officeDocument"
    core_rel = f"{PACKAGE}/relationships/metadata/core-properties"
    parts = {
        "[Content_Types].xml": f'{XML}<Types xmlns="{PACKAGE}/content-types">'
        f'<Default Extension="rels" ContentType="{RELS_TYPE}"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        f'<Override PartName="/word/document.xml" ContentType="{DOC_TYPE}"/>'
        f'<Override PartName="/docProps/core.xml" ContentType="{CORE_TYPE}"/></Types>',
        "_rels/.rels": f'{XML}<Relationships xmlns="{PACKAGE}/relationships">'
        f'<Relationship Id="rId1" Type="{office_doc}" Target="word/document.xml"/>'
        f'<Relationship Id="rId2" Type="{core_rel}" Target="docProps/core.xml"/>'
        "</Relationships>",
        "word/document.xml": f'{XML}<w:document xmlns:w="{OOXML}/wordprocessingml/2006/main">'
        "<w:body><w:p><w:r><w:t>Internal memo 內部備忘錄</w:t></w:r></w:p></w:body></w:document>",
        "docProps/core.xml": f"{XML}<cp:coreProperties "
        f'xmlns:cp="{PACKAGE}/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f"<dc:creator>{AUTHOR}</dc:creator><cp:lastModifiedBy>{AUTHOR}</cp:lastModifiedBy>"
        '<dcterms:created xsi:type="dcterms:W3CDTF">2024-01-02T03:04:05Z</dcterms:created>'
        "</cp:coreProperties>",
    }
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in parts.items():
            archive.writestr(name, text)
    return path


def exiftool(path: Path) -> str:
    """Everything exiftool reads in a file (all groups, duplicates too)."""
    done = subprocess.run(
        ["exiftool", "-a", "-G1", "-u", str(path)], capture_output=True, text=True, check=True
    )
    return done.stdout


@dataclass
class LiveServer:
    """`lionrock intake serve` in a process of its own, its output in a log file."""

    url: str
    port: int
    settings: IntakeSettings
    log: Path
    process: subprocess.Popen[bytes]

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_live(settings: IntakeSettings, log: Path, *, log_level: str = "trace") -> LiveServer:
    """Start the intake server as an operator would, and wait for its port."""
    import os
    import socket
    import sys
    import time

    from tests.conftest import ROOT

    port = free_port()
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "LIONROCK_INTAKE_DIR": str(settings.home),
        "LIONROCK_INTAKE_DATABASE_URL": settings.database_url,
        "LIONROCK_INTAKE_MAX_BYTES": str(settings.max_bytes),
    }
    with open(log, "wb") as out:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "lionrock.cli",
                "intake",
                "serve",
                "--port",
                str(port),
                "--log-level",
                log_level,
            ],
            stdout=out,
            stderr=subprocess.STDOUT,
            env=env,
            cwd=ROOT,
        )
    for _ in range(300):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            break
        except OSError:
            if process.poll() is not None:
                raise RuntimeError(log.read_text()) from None
            time.sleep(0.05)
    return LiveServer(f"http://127.0.0.1:{port}", port, settings, log, process)


def database_text(url: str) -> bytes:
    """Every row of every intake table, as text, plus (for SQLite) the raw database files."""
    import sqlalchemy as sa

    from lionrock.intake._db import metadata

    engine = sa.create_engine(url)
    chunks: list[bytes] = []
    with engine.connect() as conn:
        for table in metadata.sorted_tables:
            for row in conn.execute(sa.select(table)):
                chunks.append(repr(tuple(row)).encode())
    engine.dispose()
    database = sa.engine.make_url(url).database
    if url.startswith("sqlite") and database:
        for path in Path(database).parent.glob(Path(database).name + "*"):
            chunks.append(path.read_bytes())
    return b"\n".join(chunks)
