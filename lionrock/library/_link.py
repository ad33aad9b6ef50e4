"""Link the record to the library: `Mention`s of people and organisations in articles.

For each entity, each usable name form (see `_names`) is looked up in the full-text
index, then checked against the text itself: a Chinese form as an exact substring (in
either script), an English form case-sensitively between word boundaries, with spaces and
hyphens interchangeable (Hang-tung, Hang Tung). A form two entities share is not used.
Each link is an FtM `Mention` (document, resolved, name as written, detectedSchema, and
the snippet around it) citing the article, with review state `suggested` until an editor
confirms it. Links already made are left alone, so a confirmed or rejected one stays so.

Example: `link_entities(store, entity_ids=["lr-person-benny-tai"])`.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, text

from lionrock.errors import Location
from lionrock.library._fold import fold, index_tokens
from lionrock.library._names import NameForm, NameLayer, RecordNames
from lionrock.library._search import SNIPPET_CHARS
from lionrock.model import get_model
from lionrock.sources import Defaults, Record, write_records
from lionrock.store import Entity, Store, utcnow

LINKED_SCHEMATA = ("Person", "Organization", "Company", "PublicBody", "LegalEntity")
MAX_ARTICLES_PER_FORM = 20_000
#: A form found in more than this share of the library is boilerplate (a masthead, a
#: footer), not a mention: it is refused.
MAX_FORM_SHARE = 0.25


@dataclass(frozen=True, slots=True)
class Suggestion:
    """One proposed link: which entity, which article, the name as written, a snippet."""

    mention_id: str
    entity_id: str
    article_id: str
    name: str
    snippet: str

    def to_dict(self) -> dict[str, str]:
        return {k: getattr(self, k) for k in self.__slots__}  # type: ignore[attr-defined]


@dataclass
class LinkReport:
    """What a linking run found."""

    entities: int = 0
    forms_used: int = 0
    forms_refused: dict[str, str] = field(default_factory=dict)
    new: list[Suggestion] = field(default_factory=list)
    existing: int = 0


def mention_id(article_id: str, entity_id: str) -> str:
    """The one Mention ID of an entity in an article.

    Example: `mention_id("hkcnews-1", "lr-person-x")` starts with `mention-`.
    """
    key = f"{article_id}\x1f{entity_id}".encode()
    return "mention-" + hashlib.sha1(key).hexdigest()[:24]


def form_pattern(form: NameForm) -> re.Pattern[str]:
    """How a form is found in text: folded Chinese substring, or the English words
    case-sensitively between word boundaries, spaces and hyphens alike.

    Example: `form_pattern(NameForm("Chow Hang-tung", "eng", "name")).search("Chow Hang Tung")`.
    """
    if form.han:
        return re.compile(re.escape(fold(form.text)))
    words = re.split(r"[\s\-]+", form.text.strip())
    return re.compile(r"(?<![\w-])" + r"[\s\-]+".join(re.escape(w) for w in words) + r"(?![\w-])")


def _candidates(conn: Connection, form: NameForm, publishers: set[str]) -> list[int]:
    """Articles whose index has the form, leaving out those its owner published (an
    outlet's own name in its masthead is not a mention)."""
    tokens = index_tokens(fold(form.text))
    params: dict[str, Any] = {"n": MAX_ARTICLES_PER_FORM}
    marks = ", ".join(f":o{i}" for i in range(len(publishers))) or "''"
    params.update({f"o{i}": p for i, p in enumerate(sorted(publishers))})
    if conn.dialect.name == "sqlite":
        params["q"] = f'"{tokens}"'
        sql = (
            "SELECT f.rowid FROM library_fts f JOIN library_texts t ON t.pk = f.rowid "
            f"WHERE library_fts MATCH :q AND t.publisher NOT IN ({marks}) LIMIT :n"
        )
    else:
        params["q"] = tokens
        sql = (
            "SELECT pk FROM library_texts t WHERE tsv @@ phraseto_tsquery('english', :q) "
            f"AND t.publisher NOT IN ({marks}) LIMIT :n"
        )
    return [r[0] for r in conn.execute(text(sql), params)]


def _find(form: NameForm, title: str, body: str) -> tuple[str, str] | None:
    """The name as written and a snippet around it, or None when the form is not there."""
    pattern = form_pattern(form)
    for source in (body, title):
        haystack = fold(source) if form.han else source
        found = pattern.search(haystack)
        if found:
            start = max(0, found.start() - SNIPPET_CHARS // 3)
            end = min(len(source), start + SNIPPET_CHARS)
            cut = " ".join(source[start:end].split())
            return source[found.start() : found.end()], cut
    return None


def _usable_forms(
    entities: list[Entity], layer: NameLayer, report: LinkReport
) -> dict[str, list[NameForm]]:
    owners: dict[str, set[str]] = defaultdict(set)
    forms: dict[str, list[NameForm]] = {}
    for entity in entities:
        forms[entity.id] = layer.forms(entity)
        for form in forms[entity.id]:
            owners[form.key()].add(entity.id)
    usable: dict[str, list[NameForm]] = {}
    for entity_id, entity_forms in forms.items():
        usable[entity_id] = []
        for form in entity_forms:
            reason = layer.refuse(form)
            if reason is None and len(owners[form.key()]) > 1:
                reason = "shared by several entities in the record"
            if reason is not None:
                report.forms_refused[f"{entity_id}: {form.text}"] = reason
            else:
                usable[entity_id].append(form)
                report.forms_used += 1
    return usable


def find_mentions(
    store: Store, entities: list[Entity], *, layer: NameLayer | None = None
) -> tuple[list[Suggestion], LinkReport]:
    """Every (entity, article) pair where a usable name form is found, with its snippet.

    Example: `find_mentions(store, [store.entity("lr-person-benny-tai")])`.
    """
    report = LinkReport(entities=len(entities))
    usable = _usable_forms(entities, layer or RecordNames(), report)
    found: dict[str, Suggestion] = {}
    own = {e.id: {f.text for f in (layer or RecordNames()).forms(e)} for e in entities}
    with store.read() as conn:
        total = conn.execute(text("SELECT count(*) FROM library_texts")).scalar_one()
        for entity_id, forms in usable.items():
            for form in forms:
                pks = _candidates(conn, form, own[entity_id])
                if total >= 100 and len(pks) > MAX_FORM_SHARE * total:
                    report.forms_refused[f"{entity_id}: {form.text}"] = "boilerplate"
                    continue
                for _pk, article_id, title, body in _texts(conn, pks):
                    mid = mention_id(article_id, entity_id)
                    if mid in found:
                        continue
                    hit = _find(form, title, body)
                    if hit is not None:
                        found[mid] = Suggestion(mid, entity_id, article_id, hit[0], hit[1])
    return list(found.values()), report


def _texts(conn: Connection, pks: list[int]) -> Iterator[tuple[int, str, str, str]]:
    for start in range(0, len(pks), 500):
        chunk = pks[start : start + 500]
        marks = ", ".join(f":p{i}" for i in range(len(chunk)))
        sql = f"SELECT pk, id, title, body FROM library_texts WHERE pk IN ({marks})"
        rows = conn.execute(text(sql), {f"p{i}": p for i, p in enumerate(chunk)})
        yield from ((r.pk, r.id, r.title, r.body) for r in rows)


def _records(suggestions: Iterable[Suggestion], schemata: dict[str, str]) -> Iterator[Record]:
    defaults = Defaults(review="suggested", recorded_by="library-link", recorded_at=utcnow())
    for s in suggestions:
        loc = Location(f"library:{s.article_id}", None, "name")
        values = (
            ("document", s.article_id),
            ("resolved", s.entity_id),
            ("name", s.name),
            ("detectedSchema", schemata.get(s.entity_id, "")),
            ("snippet", s.snippet),
        )
        for prop, value in values:
            if value:
                yield Record.make(
                    defaults,
                    entity_id=s.mention_id,
                    schema="Mention",
                    prop=prop,
                    value=value,
                    location=loc,
                    source_id=s.article_id,
                )


def link_entities(
    store: Store, *, entity_ids: list[str] | None = None, layer: NameLayer | None = None
) -> LinkReport:
    """Find and store `suggested` Mentions for the record's people and organisations (or
    the entities named), leaving links already made as they are.

    Example: `link_entities(store).new[0].snippet`.
    """
    model = get_model()
    names = [n for n in LINKED_SCHEMATA if model.get(n) is not None]
    entities = list(store.iter_entities(schema=names, ids=entity_ids))
    suggestions, report = find_mentions(store, entities, layer=layer)
    existing = store.schemata_of(s.mention_id for s in suggestions)
    fresh = [s for s in suggestions if s.mention_id not in existing]
    report.existing = len(suggestions) - len(fresh)
    if fresh:
        schemata = {e.id: e.schema for e in entities}
        with store.write() as writer:
            write_records(writer, _records(fresh, schemata))
    report.new = fresh
    return report
