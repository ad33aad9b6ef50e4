"""Export and open: byte-identical originals, cleaned copies, and each failure (a wrong
key or passphrase, an altered or cut bundle, a cut upload) a clear error that loses
nothing received."""

from __future__ import annotations

import json
import os
import tarfile
from pathlib import Path

import pytest

from lionrock.intake import (
    BundleError,
    KeyFileError,
    Sandbox,
    Sealer,
    export_bundle,
    load_secret_key,
    open_bundle,
)
from lionrock.intake._bundle import purge_exported
from lionrock.intake._format import CHUNK
from tests.intake.conftest import AUTHOR, RecipientKey, Server, exiftool, make_docx, make_jpeg
from tests.intake.test_intake_app import multipart, post


def _submit(server: Server, tmp_path: Path) -> dict[str, bytes]:
    jpeg, docx = make_jpeg(tmp_path / "photo.jpg"), make_docx(tmp_path / "memo 備忘.docx")
    files = {"photo.jpg": jpeg.read_bytes(), "memo 備忘.docx": docx.read_bytes()}
    body = multipart(
        [
            ("message", None, "消息 message".encode()),
            *[("files", name, data) for name, data in files.items()],
        ]
    )
    assert post(server, body).status_code == 200
    return files


def _open(bundle: Path, key: RecipientKey, out: Path, **options: object):  # type: ignore[no-untyped-def]
    return open_bundle(
        bundle,
        secret=key.secret,
        out_dir=out,
        sandbox=Sandbox(),
        trust_file=out.parent / "server-key.txt",
        **options,
    )  # type: ignore[arg-type]


def test_export_then_open_offline(server: Server, tmp_path: Path, recipient: RecipientKey) -> None:
    files = _submit(server, tmp_path)
    bundle = tmp_path / "usb" / "intake.lrb"
    report = export_bundle(settings=server.settings, db=server.db, out=bundle)
    assert report.submissions == 1 and report.items == 3
    raw = bundle.read_bytes()
    assert b"photo.jpg" not in raw and "消息".encode() not in raw and AUTHOR.encode() not in raw
    with tarfile.open(bundle) as tar:
        assert all(m.mtime == 0 for m in tar.getmembers())
    with pytest.raises(BundleError, match="nothing to export"):
        export_bundle(settings=server.settings, db=server.db, out=tmp_path / "again.lrb")

    opened = _open(bundle, recipient, tmp_path / "offline" / "opened")
    assert opened.problems == [] and opened.notes  # the server key is now trusted
    (sub,) = opened.submissions
    folder = Path(sub.folder)
    assert (folder / "message.txt").read_text() == "消息 message"
    for name, data in files.items():
        assert (folder / "originals" / name).read_bytes() == data  # byte-identical
    photo = exiftool(folder / "cleaned" / "photo.jpg")
    memo = exiftool(folder / "cleaned" / "memo 備忘.docx")
    assert "GPS" not in photo and "CHAN" not in photo
    assert "CHAN" not in memo and "Creator" not in memo
    assert "GPS Latitude" in exiftool(folder / "originals" / "photo.jpg")  # the original keeps it
    receipt = json.loads((folder / "receipt.json").read_text())
    removed = {i["name"]: i["removed"] for i in receipt["items"] if i["kind"] == "file"}
    assert "GPSLatitude" in removed["photo.jpg"]
    assert any("dc:creator" in key for key in removed["memo 備忘.docx"])
    assert "metadata removed" in (folder / "report.txt").read_text()
    # opening again leaves a good folder alone
    assert _open(bundle, recipient, tmp_path / "offline" / "opened").submissions[0].skipped
    # and the server can now let the exported submission go
    assert purge_exported(settings=server.settings, db=server.db) == 1
    assert server.db.submissions() == []


def test_a_wrong_key_or_passphrase(
    server: Server, tmp_path: Path, recipient: RecipientKey, other_key: RecipientKey
) -> None:
    _submit(server, tmp_path)
    bundle = tmp_path / "b.lrb"
    export_bundle(settings=server.settings, db=server.db, out=bundle)
    out = tmp_path / "opened"
    with pytest.raises(BundleError, match="not one of the bundle's recipients"):
        _open(bundle, other_key, out)
    assert not any(out.iterdir())
    with pytest.raises(KeyFileError, match="wrong passphrase"):
        load_secret_key(recipient.path, passphrase="not the passphrase at all")
    assert _open(bundle, recipient, out).problems == []  # the right key still opens it all


def test_an_altered_bundle(server: Server, tmp_path: Path, recipient: RecipientKey) -> None:
    files = _submit(server, tmp_path)
    bundle = tmp_path / "b.lrb"
    export_bundle(settings=server.settings, db=server.db, out=bundle)
    original = bundle.read_bytes()
    with tarfile.open(bundle) as tar:
        members = {m.name: m for m in tar.getmembers()}
    # one byte of one item: that item is reported, every other item is opened
    item = next(m for name, m in members.items() if name.startswith("items/"))
    altered = bytearray(original)
    altered[item.offset_data + 200] ^= 0x01
    bundle.write_bytes(bytes(altered))
    out = tmp_path / "opened"
    report = _open(bundle, recipient, out)
    (problem,) = report.problems
    assert item.name in problem and "not opened" in problem
    folder = Path(report.submissions[0].folder)
    opened = (
        sorted(p.name for p in (folder / "originals").iterdir())
        if (folder / "originals").exists()
        else []
    )
    assert len(opened) + (folder / "message.txt").exists() == 2
    # the good copy: only what failed is opened again, the earlier attempt kept beside it
    bundle.write_bytes(original)
    again = _open(bundle, recipient, out)
    assert again.problems == []
    for name, data in files.items():
        assert (folder / "originals" / name).read_bytes() == data
    assert (out / f"{report.submissions[0].id}.earlier-1").is_dir()
    # the manifest altered: nothing opens, and the error says why
    manifest = members["manifest.lrx"]
    altered = bytearray(original)
    altered[manifest.offset_data + 10] ^= 0x01
    bundle.write_bytes(bytes(altered))
    with pytest.raises(BundleError, match="signature does not match"):
        _open(bundle, recipient, tmp_path / "o2")
    # a bundle cut short (a USB copy that stopped)
    bundle.write_bytes(original[: len(original) // 2])
    report = _open(bundle, recipient, tmp_path / "o3")
    assert report.problems and all("not opened" in p for p in report.problems)


def test_another_server_key_is_refused(
    server: Server, tmp_path: Path, recipient: RecipientKey
) -> None:
    _submit(server, tmp_path)
    bundle = tmp_path / "b.lrb"
    export_bundle(settings=server.settings, db=server.db, out=bundle)
    trust = tmp_path / "trust.txt"
    trust.write_text("c29tZSBvdGhlciBzZXJ2ZXIga2V5IGZvciB0ZXN0cyE=\n")
    with pytest.raises(BundleError, match="this machine trusts"):
        open_bundle(
            bundle, secret=recipient.secret, out_dir=tmp_path / "o", sandbox=None, trust_file=trust
        )


def test_a_cut_upload_is_opened_as_far_as_it_came(
    server: Server, tmp_path: Path, recipient: RecipientKey
) -> None:
    body = multipart(
        [("message", None, b"kept whole"), ("files", "two.bin", b"0123456789" * 9000)], close=False
    )
    assert post(server, body[:-30000]).status_code == 200
    bundle = tmp_path / "b.lrb"
    export_bundle(settings=server.settings, db=server.db, out=bundle)
    report = open_bundle(bundle, secret=recipient.secret, out_dir=tmp_path / "o", sandbox=None)
    (sub,) = report.submissions
    assert sub.status == "interrupted" and report.problems == []
    folder = Path(sub.folder)
    assert (folder / "message.txt").read_text() == "kept whole"
    partial = (folder / "originals" / "two.bin.partial").read_bytes()
    assert 0 < len(partial) < 90000 and (b"0123456789" * 9000).startswith(partial)
    assert "INCOMPLETE" in (folder / "report.txt").read_text()


def test_an_upload_the_server_never_finished(
    server: Server, tmp_path: Path, recipient: RecipientKey
) -> None:
    """The server was killed mid-upload: sealed chunks on disk, no row. Export adopts the
    folder; open recovers every chunk that was sealed."""
    folder = server.settings.home / "submissions" / ("ab" * 16)
    folder.mkdir(parents=True)
    content = os.urandom(5 * CHUNK)
    sealer = Sealer(
        recipients=[bytes(recipient.secret.public_key)],
        meta={"kind": "file", "name": "evidence.mp4", "index": 1},
    )
    (folder / ("cd" * 16 + ".lrx")).write_bytes(sealer.header + sealer.feed(content))
    bundle = tmp_path / "b.lrb"
    export_bundle(settings=server.settings, db=server.db, out=bundle)
    (sub,) = server.db.submissions()
    assert sub.status == "interrupted" and sub.source_id == ""
    report = open_bundle(bundle, secret=recipient.secret, out_dir=tmp_path / "o", sandbox=None)
    (opened,) = report.submissions
    (item,) = opened.items
    assert item.cut_short and item.name == "evidence.mp4"
    recovered = (Path(opened.folder) / item.path).read_bytes()
    assert len(recovered) >= 3 * CHUNK and content.startswith(recovered)
    assert "server stopped" in (Path(opened.folder) / "report.txt").read_text()
