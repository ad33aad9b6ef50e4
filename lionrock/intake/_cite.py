"""From an opened submission into the record, on the offline machine (issue #15 §7).

`cite_document` turns one cleaned copy into:

1. a WARC 1.1 file (`intake-<submission>-<name>.warc.gz`, written beside the cleaned copy):
   a `resource` record holding the cleaned bytes under `urn:lionrock:intake:<submission>:
   <sha256>`, and a `metadata` record of its custody: the submission ID, the day received,
   the SHA-256 of the original and of the cleaned copy, and the metadata mat2 removed;
2. evidence, through the evidence stage's own import (`lionrock evidence import`: verified,
   packaged into a WACZ whose custody names that WARC and its hash, signed, timestamped);
3. a source Document (review state `draft`) that facts can cite, linked to that evidence.

The submission ID rides in the custody chain (the WARC's name, its records, the WACZ's
custody record). Nothing about the source does: the bundle never held any.

Example:
    cited = cite_document(Path("opened/3f2a.../cleaned/memo.docx"), store=store,
                          settings=settings, title="Internal memo on ...")
"""

from __future__ import annotations

import io
import json
import re
from dataclasses import dataclass
from pathlib import Path

from warcio.warcwriter import WARCWriter

from lionrock.errors import LionRockError, Location
from lionrock.evidence import default_operator, import_archive, open_evidence
from lionrock.intake._open import _sha256
from lionrock.settings import Settings
from lionrock.sources import Defaults, Record, load_records
from lionrock.store import Store

SOFTWARE = "Lion Rock intake"
#: who the record names as the source's publisher: the channel, since the author is secret
DEFAULT_PUBLISHER = "Confidential source (Lion Rock intake)"


class CiteRefused(LionRockError):
    """The file is not a cleaned copy inside an opened submission, or the record refused
    the new source."""


@dataclass
class Cited:
    source_id: str
    evidence_id: str
    warc: Path
    urn: str


def _receipt(cleaned: Path) -> tuple[Path, dict[str, object], dict[str, object]]:
    folder = cleaned.parent.parent
    if cleaned.parent.name != "cleaned" or not (folder / "receipt.json").is_file():
        raise CiteRefused(
            f"{cleaned}: not a cleaned copy inside an opened submission "
            "(<submission>/cleaned/<file>)"
        )
    receipt = json.loads((folder / "receipt.json").read_text(encoding="utf-8"))
    relative = f"cleaned/{cleaned.name}"
    item = next((i for i in receipt.get("items", []) if i.get("cleaned") == relative), None)
    if item is None:
        raise CiteRefused(f"{cleaned}: its submission's receipt does not list it")
    if _sha256(cleaned) != item.get("cleaned_sha256"):
        raise CiteRefused(
            f"{cleaned}: changed since it was cleaned (its SHA-256 differs from the receipt's)"
        )
    return folder, receipt, item


def write_custody_warc(
    cleaned: Path, *, receipt: dict[str, object], item: dict[str, object], operator: str, out: Path
) -> str:
    """Write the WARC of a cleaned copy and its custody; return the record's URN."""
    data = cleaned.read_bytes()
    sha = str(item["cleaned_sha256"])
    urn = f"urn:lionrock:intake:{receipt['submission']}:{sha}"
    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=True, warc_version="1.1")
    writer.write_record(
        writer.create_warcinfo_record(
            out.name, {"software": SOFTWARE, "format": "WARC File Format 1.1", "operator": operator}
        )
    )
    resource = writer.create_warc_record(
        urn,
        "resource",
        payload=io.BytesIO(data),
        warc_content_type=str(item.get("mime") or "application/octet-stream"),
        warc_headers_dict={"WARC-Date": f"{receipt['day']}T00:00:00Z"},
    )
    writer.write_record(resource)
    custody = {
        "intake": {
            "submission": receipt["submission"],
            "received_day": receipt["day"],
            "bundle": receipt.get("bundle"),
            "status": receipt.get("status"),
            "original": {
                "path": item.get("path"),
                "sha256": item.get("sha256"),
                "bytes": item.get("bytes"),
            },
            "cleaned": {"path": item.get("cleaned"), "sha256": sha, "bytes": len(data)},
            "cleaned_with": f"mat2, sandbox {item.get('sandbox')}",
            "metadata_removed": sorted(dict(item.get("removed") or {})),  # type: ignore[call-overload]
        },
        "operator": operator,
    }
    meta = writer.create_warc_record(
        urn,
        "metadata",
        payload=io.BytesIO(json.dumps(custody, indent=1).encode()),
        warc_content_type="application/json",
        warc_headers_dict={
            "WARC-Refers-To": resource.rec_headers.get_header("WARC-Record-ID"),
            "WARC-Date": f"{receipt['day']}T00:00:00Z",
        },
    )
    writer.write_record(meta)
    out.write_bytes(buf.getvalue())
    return urn


def _source_records(
    source_id: str,
    *,
    title: str,
    day: str,
    mime: str,
    lang: str | None,
    operator: str,
    publisher: str,
    file_name: str,
) -> list[Record]:
    defaults = Defaults(review="draft", recorded_by=operator, source_id=source_id)
    where = Location("intake", None, None)
    # the file's name is the source's own choice and may name them: a neutral one is used
    values = {
        "title": title,
        "retrievedAt": day,
        "publisher": publisher,
        "fileName": file_name,
        "notes": "Received through Lion Rock intake; this is a cleaned working copy "
        "(metadata removed with mat2). The original is kept offline.",
    }
    if mime:
        values["mimeType"] = mime
    return [
        Record.make(
            defaults,
            entity_id=source_id,
            schema="Document",
            prop=prop,
            value=value,
            location=Location(where.path, None, prop),
            lang=lang if prop == "title" else None,
        )
        for prop, value in values.items()
    ]


def cite_document(
    cleaned: Path,
    *,
    store: Store,
    settings: Settings,
    title: str,
    source_id: str | None = None,
    lang: str | None = None,
    publisher: str = DEFAULT_PUBLISHER,
) -> Cited:
    """Make a cleaned copy evidence and a source (draft) for facts.

    Example: `cite_document(Path("o/3f2a/cleaned/memo.docx"), store=s, settings=st,
    title="Memo")`.
    """
    if not title.strip():
        raise CiteRefused("give the document a title (--title)")
    folder, receipt, item = _receipt(cleaned)
    sid = str(receipt["submission"])
    source_id = source_id or f"src-intake-{sid[:12]}-{str(item['cleaned_sha256'])[:8]}"
    if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9.-]*", source_id):
        raise CiteRefused(f"{source_id!r}: a source ID has letters, digits, '-' and '.'")
    operator = default_operator(settings)
    stem = re.sub(r"[^A-Za-z0-9._-]", "_", cleaned.stem)[:60] or "document"
    warc = folder / f"intake-{sid}-{stem}.warc.gz"
    urn = write_custody_warc(cleaned, receipt=receipt, item=item, operator=operator, out=warc)
    records = _source_records(
        source_id,
        title=title.strip(),
        day=str(receipt["day"]),
        mime=str(item.get("mime") or ""),
        lang=lang,
        operator=operator,
        publisher=publisher,
        file_name=source_id + cleaned.suffix.lower(),
    )
    try:  # the source first: if the record refuses it, nothing at all is stored
        load_records(store, records)
    except LionRockError as exc:
        raise CiteRefused(f"the source was refused: {exc}") from exc
    vault, signing = open_evidence(settings, store)
    try:
        report = import_archive(warc, vault=vault, signing=signing, operator=operator)
    except LionRockError as exc:
        raise CiteRefused(
            f"the evidence import refused {warc} ({exc}); the draft source "
            f"{source_id} was made: run `lionrock evidence import` on it "
            "once fixed"
        ) from exc
    vault.link(report.evidence_id, source_id, urn)
    return Cited(source_id=source_id, evidence_id=report.evidence_id, warc=warc, urn=urn)
