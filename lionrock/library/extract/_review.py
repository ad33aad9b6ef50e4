"""The editor's side of suggestions (issue #16 §3–4): list them with their paragraph and any
conflicting published fact, reject them, or accept one into a draft fact.

Accepting never publishes: it proposes a change (`lionrock.review.propose`) whose facts
cite the article (and so its archived copy and evidence), authored by the editor who
accepted, so a different reviewer must approve it. The person-level kinds go on the
Person (`arrestDate`, `custodyStatus`); the court-case kinds on the person's Charge (the
one given, the one whose offence matches, their only one, or a new Charge in the case
given). A decided suggestion keeps its row, so extraction never proposes it again.

Example:
    accept_suggestion(store, suggestion_id="sx-…", actor="ana", case_id="lr-case-hk47")
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, select, update

from lionrock.errors import LionRockError, NotFound
from lionrock.library._tables import library_texts
from lionrock.library.extract._lexicon import BY_KEY
from lionrock.library.extract._tables import STATES, extract_suggestions
from lionrock.library.extract._text import paragraph_of
from lionrock.library.extract._title import TITLE_PARAGRAPH
from lionrock.review import Change, FactInput, propose
from lionrock.store import Store, utcnow
from lionrock.store._tables import statements

PERSON_KINDS = {"arrested": "arrestDate", "custody": "custodyStatus", "released": "custodyStatus"}
CHARGE_PROPS = {
    "charged": "chargeDate",
    "bail_granted": "bailGranted",
    "bail_denied": "bailDenied",
    "plea": "plea",
    "verdict": "verdict",
    "sentence": "sentenceMonths",
}
DATED = {"verdict": "verdictDate", "sentence": "sentenceDate"}
DATE_PROPS = {"arrestDate", "chargeDate", "bailGranted", "bailDenied"}
#: Kinds whose published value, when different, contradicts the suggestion (a custody
#: status changes over time, so it never does).
CONFLICTING = {"sentence": "sentenceMonths", "plea": "plea", "verdict": "verdict"}
MAX_LIST = 500


@dataclass(frozen=True, slots=True)
class Plan:
    """What accepting a suggestion will write: on which entity (None: a new one)."""

    schema: str
    entity_id: str | None
    adds: list[tuple[str, str]]


def _row(conn: Connection, suggestion_id: str) -> Any:
    row = conn.execute(
        select(extract_suggestions).where(extract_suggestions.c.id == suggestion_id)
    ).first()
    if row is None:
        raise NotFound(f"no suggestion with ID {suggestion_id!r}")
    return row


def list_suggestions(
    store: Store,
    *,
    state: str | None = "suggested",
    person: str | None = None,
    kind: str | None = None,
    date_from: str | None = None,
    date_to: str | None = None,
    article_id: str | None = None,
    limit: int = 200,
) -> list[dict[str, Any]]:
    """Suggestions, newest article first, each with its article's title, the paragraph
    around its quote, and the published facts it contradicts.

    Example: `list_suggestions(store, kind="sentence", person="黃之鋒")[0]["conflicts"]`.
    """
    t = extract_suggestions
    query = select(t)
    if state:
        if state not in STATES:
            raise LionRockError(f"state must be one of {', '.join(STATES)}")
        query = query.where(t.c.state == state)
    if kind:
        query = query.where(t.c.kind == kind)
    if person:
        query = query.where((t.c.person.contains(person)) | (t.c.person_id == person))
    if date_from:
        query = query.where(t.c.published_at >= date_from)
    if date_to:
        query = query.where(t.c.published_at <= date_to + "\uffff")
    if article_id:
        query = query.where(t.c.article_id == article_id)
    query = query.order_by(t.c.published_at.desc(), t.c.article_id, t.c.paragraph, t.c.id)
    with store.read() as conn:
        rows = conn.execute(query.limit(min(max(1, limit), MAX_LIST))).all()
        texts = {
            r.id: r
            for r in conn.execute(
                select(library_texts.c.id, library_texts.c.title, library_texts.c.body).where(
                    library_texts.c.id.in_({r.article_id for r in rows})
                )
            )
        }
        found = []
        for row in rows:
            text = texts.get(row.article_id)
            item = dict(row._mapping)
            item["title"] = text.title if text is not None else None
            item["paragraph_text"] = (
                ""
                if text is None
                else text.title
                if row.paragraph == TITLE_PARAGRAPH  # a headline's quote (extract48)
                else paragraph_of(text.body, row.paragraph)
            )
            item["conflicts"] = _conflicts(conn, row)
            found.append(item)
    return found


def _conflicts(conn: Connection, row: Any) -> list[dict[str, Any]]:
    """Published facts of the person's charges that say otherwise (another term, plea or
    verdict), each with its source's title (issue #16 §4)."""
    prop = CONFLICTING.get(row.kind)
    if prop is None or not row.person_id:
        return []
    charges = [
        r.entity_id
        for r in conn.execute(
            select(statements.c.entity_id).where(
                statements.c.prop == "defendant", statements.c.value == row.person_id
            )
        )
    ]
    if not charges:
        return []
    facts = conn.execute(
        select(statements.c.entity_id, statements.c.value, statements.c.source_id).where(
            statements.c.entity_id.in_(charges),
            statements.c.prop == prop,
            statements.c.review == "published",
        )
    ).all()
    out = []
    for fact in facts:
        if _same(row.kind, fact.value, row.value):
            continue
        title = conn.execute(
            select(statements.c.value).where(
                statements.c.entity_id == fact.source_id, statements.c.prop == "title"
            )
        ).scalar()
        out.append(
            {
                "entity_id": fact.entity_id,
                "prop": prop,
                "value": fact.value,
                "source_id": fact.source_id,
                "source_title": title,
            }
        )
    return out


def _same(kind: str, recorded: str, suggested: str) -> bool:
    if kind == "sentence":
        try:
            return float(recorded) == float(suggested)
        except ValueError:
            return False
    return recorded == suggested


def reject_suggestions(store: Store, *, ids: list[str], actor: str) -> int:
    """Reject suggestions (still `suggested` ones only); return how many.

    Example: `reject_suggestions(store, ids=["sx-…"], actor="ana")` is 1.
    """
    if not ids:
        return 0
    t = extract_suggestions
    with store.write() as writer:
        result = writer.conn.execute(
            update(t)
            .where(t.c.id.in_(ids), t.c.state == "suggested")
            .values(state="rejected", decided_by=actor, decided_at=utcnow())
        )
    return int(result.rowcount or 0)


def _charge_of(conn: Connection, person_id: str, offence: str | None) -> str | None:
    """The person's one Charge, or the one whose offence or statute matches."""
    charges = [
        r.entity_id
        for r in conn.execute(
            select(statements.c.entity_id).where(
                statements.c.schema == "Charge",
                statements.c.prop == "defendant",
                statements.c.value == person_id,
            )
        )
    ]
    if len(set(charges)) == 1:
        return str(charges[0])
    known = BY_KEY.get(offence or "")
    if known is None or not charges:
        return None
    matching = set()
    for r in conn.execute(
        select(statements.c.entity_id, statements.c.prop, statements.c.value).where(
            statements.c.entity_id.in_(charges), statements.c.prop.in_(["offence", "statute"])
        )
    ):
        words = known.label.split()[-1].lower()
        if (r.prop == "statute" and known.statute != "other" and r.value == known.statute) or (
            r.prop == "offence" and words in str(r.value).lower()
        ):
            matching.add(r.entity_id)
    return matching.pop() if len(matching) == 1 else None


def plan_fact(
    store: Store,
    row: Any,
    *,
    entity_id: str | None = None,
    value: str | None = None,
    date: str | None = None,
    case_id: str | None = None,
    offence_key: str | None = None,
) -> Plan:
    """What accepting `row` (with the editor's changes) writes, or why it cannot.

    Example: `plan_fact(store, row).adds` is like `[("sentenceMonths", "10")]`.
    """
    value = (value if value is not None else row.value).strip()
    date = (date if date is not None else row.date or "").strip() or None
    kind = row.kind
    if kind in PERSON_KINDS:
        prop = PERSON_KINDS[kind]
        fact = "released" if kind == "released" else value
        if prop in DATE_PROPS:
            if not date:
                raise LionRockError("this suggestion has no date: give the date it happened")
            fact = date
        target = entity_id or row.person_id
        facts = [(prop, fact)] if target else [("name", str(row.person)), (prop, fact)]
        return Plan("Person", target, facts)
    prop = CHARGE_PROPS[kind]
    charge: str | None = None
    with store.read() as conn:
        if entity_id:
            schema = store.schemata_of([entity_id]).get(entity_id)
            if schema != "Charge":
                raise LionRockError(f"{entity_id!r} is not a Charge")
            charge = entity_id
        else:
            charge = _charge_of(conn, row.person_id, row.value) if row.person_id else None
    adds: list[tuple[str, str]] = []
    if prop in DATE_PROPS:
        if date:
            adds.append((prop, date))
        elif kind != "charged":
            raise LionRockError("this suggestion has no date: give the date it happened")
    else:
        adds.append((prop, value))
        if kind in DATED and date:
            adds.append((DATED[kind], date))
    if charge is not None:
        if not adds:
            raise LionRockError("nothing to add to the charge: give the date it was brought")
        return Plan("Charge", charge, adds)
    if not row.person_id:
        raise LionRockError(
            f"{row.person} is not in the record: add the person first, or give their Charge"
        )
    if not case_id:
        raise LionRockError("the person has no matching charge: give the case to open one in")
    if store.schemata_of([case_id]).get(case_id) != "CourtCase":
        raise LionRockError(f"{case_id!r} is not a court case")
    offence = BY_KEY.get(row.value if kind == "charged" else offence_key or "")
    if offence is None:
        raise LionRockError("give the offence of the charge to open")
    opening = [("defendant", row.person_id), ("case", case_id), ("offence", offence.label)]
    if offence and offence.statute:
        opening.append(("statute", offence.statute))
    if offence and offence.section:
        opening.append(("section", offence.section))
    return Plan("Charge", None, opening + adds)


def _reported_offence(store: Store, row: Any) -> str | None:
    """The offence the same article says the person was charged with, when it says one."""
    t = extract_suggestions
    with store.read() as conn:
        keys = conn.execute(
            select(t.c.value)
            .where(t.c.article_id == row.article_id, t.c.person == row.person)
            .where(t.c.kind == "charged")
            .order_by(t.c.paragraph, t.c.id)
        ).scalars()
        return next(iter(keys), None)


def accept_suggestion(
    store: Store,
    *,
    suggestion_id: str,
    actor: str,
    entity_id: str | None = None,
    value: str | None = None,
    date: str | None = None,
    case_id: str | None = None,
    offence_key: str | None = None,
) -> Change:
    """Accept a suggestion, as suggested or as edited: a draft change citing the article,
    which another reviewer must approve. Returns the change.

    Example: `accept_suggestion(store, suggestion_id="sx-…", actor="ana").state` is "draft".
    """
    with store.read() as conn:
        row = _row(conn, suggestion_id)
    if row.state != "suggested":
        raise LionRockError(f"suggestion {suggestion_id} is already {row.state}")
    if offence_key is None and row.kind != "charged":
        offence_key = _reported_offence(store, row)
    plan = plan_fact(
        store,
        row,
        entity_id=entity_id,
        value=value,
        date=date,
        case_id=case_id,
        offence_key=offence_key,
    )
    quote = row.quote if len(row.quote) <= 120 else row.quote[:119] + "…"
    change = propose(
        store,
        author=actor,
        schema=plan.schema,
        entity_id=plan.entity_id,
        adds=[FactInput(prop, fact, row.article_id) for prop, fact in plan.adds],
        summary=f"From {row.article_id}: “{quote}”",
    )
    t = extract_suggestions
    with store.write() as writer:
        writer.conn.execute(
            update(t)
            .where(t.c.id == suggestion_id)
            .values(
                state="accepted",
                decided_by=actor,
                decided_at=utcnow(),
                change_id=change.id,
                fact_entity=change.entity_id,
            )
        )
    return change
