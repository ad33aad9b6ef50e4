"""The charges table: one row per defendant per charge (OVD-Info's shape), with entity
IDs and URLs and the URLs of every source the row rests on. A defendant with no charge
(a person wanted abroad, say) gets one row with the charge's columns empty.

The same rows feed `lionrock export --format charges`, `/api/prisoners/charges.csv`
and the static site's `charges.csv`.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable
from datetime import date
from typing import IO, Any

from lionrock.record._appeal import conviction_stands
from lionrock.record._data import CaseRecord, facts_of
from lionrock.record._people import Defendant, defendants
from lionrock.store import Entity

COLUMNS = (
    "person_id",
    "name_en",
    "name_zh",
    "defendant_type",
    "case_id",
    "case_name",
    "case_number",
    "charge_id",
    "offence",
    "statute",
    "section",
    "arrest_date",
    "charge_date",
    "bail_granted",
    "bail_refused",
    "plea",
    "verdict",
    "verdict_date",
    "appeal_outcome",
    "appeal_date",
    "conviction_stands",
    "sentence",
    "sentence_months",
    "sentence_date",
    "expected_release",
    "release_date",
    "custody_status",
    "custody_status_as_of",
    "custody_status_source_url",
    "term_ended_by",
    "wanted_date",
    "bounty",
    "residence_country",
    "arrest_statute",
    "arrest_offence",
    "wanted_statute",
    "wanted_offence",
    "person_url",
    "case_url",
    "charge_url",
    "source_ids",
    "source_urls",
)
#: Charge properties and the columns they fill.
CHARGE_PROPS = {
    "offence": "offence",
    "statute": "statute",
    "section": "section",
    "arrestDate": "arrest_date",
    "chargeDate": "charge_date",
    "bailGranted": "bail_granted",
    "bailDenied": "bail_refused",
    "plea": "plea",
    "verdict": "verdict",
    "verdictDate": "verdict_date",
    "appealOutcome": "appeal_outcome",
    "appealDate": "appeal_date",
    "sentence": "sentence",
    "sentenceMonths": "sentence_months",
    "sentenceDate": "sentence_date",
    "expectedRelease": "expected_release",
    "releaseDate": "release_date",
}
PERSON_PROPS = {
    "wantedDate": "wanted_date",
    "bounty": "bounty",
    "residenceCountry": "residence_country",
    # what the person was arrested or is wanted on suspicion of: not a charge
    "arrestStatute": "arrest_statute",
    "arrestOffence": "arrest_offence",
    "wantedStatute": "wanted_statute",
    "wantedOffence": "wanted_offence",
}

UrlFor = Callable[[str], str]


def _join(values: Iterable[str]) -> str:
    return "; ".join(dict.fromkeys(v for v in values if v))


def _names(entity: Entity) -> tuple[str, str]:
    names = facts_of(entity, "name")
    zh = [
        f.value for f in names if f.lang == "zho" or any("\u3400" <= c <= "\u9fff" for c in f.value)
    ]
    return entity.caption if entity.caption not in zh else "", _join(zh)


def charge_rows(
    record: CaseRecord,
    *,
    url_for: UrlFor,
    today: date | None = None,
    people: list[Defendant] | None = None,
) -> list[dict[str, str]]:
    """Every row, by defendant name then charge date. `url_for(entity_id)` gives an
    entity's URL (the app's, or the static site's page).

    Example: `charge_rows(record, url_for=lambda i: f"https://example.org/entities/{i}")`.
    """
    rows: list[dict[str, str]] = []
    for person in people if people is not None else defendants(record, today=today):
        entity = person.entity
        name_en, name_zh = _names(entity)
        base = {c: "" for c in COLUMNS}
        base.update(
            person_id=entity.id,
            name_en=name_en,
            name_zh=name_zh,
            defendant_type=entity.schema,
            person_url=url_for(entity.id),
        )
        cited = []
        if person.status is not None:
            base["custody_status"] = person.status.value
            base["custody_status_as_of"] = person.status.as_of or ""
            source = record.entities.get(person.status.fact.source_id)
            url = source.first("sourceUrl") if source is not None else None
            base["custody_status_source_url"] = url or ""
            cited.append(person.status.fact.source_id)
        if person.term_ended is not None:
            # derived: serving a sentence as of a past date, but the reported terms (from
            # the latest sentencing, one case after another) ended by this day
            base["term_ended_by"] = person.term_ended.by
            cited.append(person.term_ended.sentenced.source_id)
        for prop, column in PERSON_PROPS.items():
            facts = facts_of(entity, prop)
            base[column] = _join(f.value for f in facts)
            cited += [f.source_id for f in facts]
        for charge in person.charges or (None,):
            row = dict(base)
            sources = list(cited)
            if charge is None:  # arrested or wanted without a charge: the arrest itself
                arrests = facts_of(entity, "arrestDate")
                row["arrest_date"] = _join(f.value for f in arrests)
                sources += [f.source_id for f in arrests]
            else:
                row["charge_id"] = charge.id
                row["charge_url"] = url_for(charge.id)
                for prop, column in CHARGE_PROPS.items():
                    facts = facts_of(charge, prop)
                    row[column] = _join(f.value for f in facts)
                    sources += [f.source_id for f in facts]
                # "no" for a conviction quashed on appeal (its sentence is in no total)
                if charge.first("verdict") == "convicted":
                    row["conviction_stands"] = "yes" if conviction_stands(charge) else "no"
                case = record.entities.get(charge.first("case") or "")
                if case is not None:
                    row.update(
                        case_id=case.id,
                        case_name=case.caption,
                        case_number=_join(case.values("caseNumber")),
                        case_url=url_for(case.id),
                    )
            ids = list(dict.fromkeys(sources))
            row["source_ids"] = "; ".join(ids)
            urls = (record.entities[i].first("sourceUrl") for i in ids if i in record.entities)
            row["source_urls"] = _join(u or "" for u in urls)
            rows.append(row)
    return rows


def write_csv(rows: Iterable[dict[str, Any]], out: IO[str]) -> int:
    """Write rows as CSV with the header `COLUMNS`; return how many rows.

    Example: `write_csv(charge_rows(record, url_for=str), sys.stdout)`.
    """
    writer = csv.DictWriter(out, COLUMNS, lineterminator="\n", extrasaction="ignore")
    writer.writeheader()
    count = 0
    for row in rows:
        writer.writerow(row)
        count += 1
    return count
