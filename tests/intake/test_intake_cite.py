"""Into the record: a cleaned copy becomes evidence and a draft source; the submission ID
is in the custody chain, nothing about the source is anywhere."""

from __future__ import annotations

import gzip
import json
import zipfile
from pathlib import Path

import pytest
import sqlalchemy as sa

from lionrock.evidence import Trust, open_vault, verify_file
from lionrock.intake import CiteRefused, Sandbox, cite_document, export_bundle, open_bundle
from lionrock.settings import Settings
from lionrock.store import Store
from tests.intake.conftest import RecipientKey, Server, make_docx
from tests.intake.test_intake_app import codename_of, multipart, post


def test_cite_a_cleaned_document(
    server: Server, tmp_path: Path, recipient: RecipientKey, db_url: str
) -> None:
    docx = make_docx(tmp_path / "memo.docx")
    response = post(
        server,
        multipart(
            [("message", None, b"about the memo"), ("files", "memo.docx", docx.read_bytes())]
        ),
    )
    codename = codename_of(response.text)
    bundle = tmp_path / "b.lrb"
    export_bundle(settings=server.settings, db=server.db, out=bundle)
    offline = Settings(home=tmp_path / "offline", database_url=db_url, operator="editor-1")
    report = open_bundle(
        bundle, secret=recipient.secret, out_dir=offline.home / "opened", sandbox=Sandbox()
    )
    (sub,) = report.submissions
    cleaned = Path(sub.folder) / "cleaned" / "memo.docx"
    store = Store(db_url)
    try:
        cited = cite_document(cleaned, store=store, settings=offline, title="An internal memo")
        source = store.entity(cited.source_id)
        assert source is not None and source.schema == "Document"
        assert source.first("title") == "An internal memo"
        assert {f.review for f in source.facts} == {"draft"}
        vault = open_vault(offline, store)
        path = vault.path_of(cited.evidence_id)
        assert verify_file(path, trust=Trust(allow_unsigned=True)).ok
        with zipfile.ZipFile(path) as wacz:
            custody = json.loads(wacz.read("custody/custody.json"))
            warc = gzip.decompress(
                wacz.read(next(n for n in wacz.namelist() if n.startswith("archive/")))
            )
        assert sub.id in custody["imported"]["file"]  # the submission ID, in the custody chain
        assert sub.id.encode() in warc and cleaned.read_bytes() in warc
        assert b'"submission": "' + sub.id.encode() in warc  # the custody metadata record
        links = [r for r in vault.links() if r["evidence_id"] == cited.evidence_id]
        assert [r["source_id"] for r in links] == [cited.source_id]
        # the source's identity is nowhere: no codename word sequence, no source ID
        with store.engine.connect() as conn:
            text = " ".join(
                str(row)
                for table in ("statements", "evidence", "evidence_links")
                for row in conn.execute(sa.text(f"SELECT * FROM {table}"))
            )
        source_id = server.db.submissions()[0].source_id
        assert codename not in text and source_id not in text
        assert source_id.encode() not in warc
        with pytest.raises(CiteRefused, match="not a cleaned copy"):
            cite_document(
                Path(sub.folder) / "originals" / "memo.docx",
                store=store,
                settings=offline,
                title="x",
            )
    finally:
        store.close()
