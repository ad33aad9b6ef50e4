"""The prisoner record's pages as language-neutral data, for the web app and the static
site alike (issue #11, item 6): who is held now and as of when, who is remanded and for
how long, who was released and when, who is wanted abroad; filters by status, statute,
case and year; and the statistics page.

`PrisonerIndex` summarises the (published) record once. `page(query)` gives one list's
data; the site renders one page per single filter (`site_pages`, a bounded number, and
no list longer than `PAGE_ROWS` rows a page), the app any combination of filters from
the query string. Every cell carries its citation.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from lionrock.model import Fact, get_model
from lionrock.record import (
    TERM_ENDED,
    CaseRecord,
    Defendant,
    conviction_stands,
    defendants,
    quashing,
    record_statistics,
    standing_terms,
    standing_verdict,
)
from lionrock.render import entity_slug
from lionrock.render._views import ref_view

PAGE_ROWS = 150
#: Cases with a filter page of their own on the site (the largest); the others are
#: listed with their defendants on their own record's page.
MAX_CASE_PAGES = 40
MAX_PARAM = 200


def N_(message: str) -> str:
    """Marks a UI string for the catalogs; it is translated when the page is rendered."""
    return message


# Each list: its title, a line saying what it holds, and its columns.
BASE_COLUMNS = (
    "name",
    "status",
    "cases",
    "statutes",
    "arrested",
    "verdicts",
    "sentence",
    "release",
)
VIEWS: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "in_custody": (
        N_("In custody now"),
        N_(
            "People held now, remanded before trial or serving a sentence. Each status is as of "
            "the publication date of the source that reports it. People whose latest status is "
            "serving a sentence but whose reported sentences have all ended, with no release "
            "report found, are not counted here: they are listed apart, under “Reported "
            "sentence ended, no release report found”."
        ),
        ("name", "status", "cases", "statutes", "arrested", "remand", "sentence", "expected"),
    ),
    "remanded": (
        N_("Remanded before trial"),
        N_(
            "Days on remand count from the bail refusal (after bail was granted and revoked), "
            "else from the arrest, else from the charge, to today; the figure to the status's "
            "date is given too."
        ),
        ("name", "status", "cases", "statutes", "arrested", "remand"),
    ),
    "serving_sentence": (
        N_("Serving a sentence"),
        N_(
            "People serving a prison sentence, with the total of their sentences and the release "
            "date sources expect."
        ),
        ("name", "status", "cases", "statutes", "sentence", "expected"),
    ),
    "released": (
        N_("Released"),
        N_("People released, with the release date where a source gives it."),
        ("name", "status", "cases", "statutes", "sentence", "release"),
    ),
    TERM_ENDED: (
        N_("Reported sentence ended, no release report found"),
        N_(
            "People whose latest status, as of the date of its source, is serving a sentence, "
            "but whose reported sentences have all ended since: counted in full from the latest "
            "sentencing, one case after another. No source reports their release, so they are "
            "listed apart, not as in custody now. The date is an upper bound: remission and "
            "credit for time on remand make the real release earlier."
        ),
        ("name", "status", "cases", "statutes", "sentence", "term_end"),
    ),
    "wanted": (
        N_("Wanted abroad"),
        N_(
            "People with an arrest warrant or a bounty announced by the Hong Kong police, with "
            "where they live as of the cited source."
        ),
        ("name", "status", "wanted", "bounty", "residence", "cases"),
    ),
    "in_exile": (
        N_("In exile"),
        N_(
            "People whose latest status, as of the date of its source, is that they live in "
            "exile abroad, with or without a warrant announced for them."
        ),
        ("name", "status", "wanted", "bounty", "residence", "cases"),
    ),
    "all": (
        N_("Everyone in the record"),
        N_("Everyone arrested, charged or wanted in the record, and companies charged."),
        BASE_COLUMNS,
    ),
}
COLUMN_LABELS = {
    "name": N_("Name"),
    "status": N_("Custody status (as of)"),
    "cases": N_("Cases"),
    "statutes": N_("Statutes"),
    "arrested": N_("Arrested"),
    "remand": N_("Days on remand"),
    "sentence": N_("Sentence"),
    "expected": N_("Expected release"),
    "release": N_("Released"),
    "term_end": N_("Reported sentence ended by"),
    "verdicts": N_("Verdicts"),
    "wanted": N_("Warrant issued"),
    "bounty": N_("Bounty"),
    "residence": N_("Country of residence"),
}
#: The derived state is a value of the status filter and of the statistics chart: the
#: catalogs translate its name as they do the custody statuses'.
TERM_ENDED_NAME = N_("term_ended")
FILTER_LABELS = {
    "status": N_("Custody status"),
    "statute": N_("Statute"),
    "case": N_("Case"),
    "year": N_("Year of arrest or charge"),
}


@dataclass(frozen=True, slots=True)
class ListQuery:
    """Which list, filtered how, which page. Example: `ListQuery(statute="nsl")`."""

    view: str = "in_custody"
    status: str = ""
    statute: str = ""
    case: str = ""
    year: str = ""
    page: int = 1

    @classmethod
    def from_params(cls, params: Mapping[str, str]) -> ListQuery:
        """From a query string; unknown values are ignored, not errors."""

        def get(key: str) -> str:
            return str(params.get(key, ""))[:MAX_PARAM].strip()

        view = get("view")
        status = get("status")
        if status in VIEWS and status not in get_model().enums["custodyStatus"]:
            view, status = status, ""  # ?status=in_custody, as the views' own links say
        try:
            page = max(1, min(int(get("page") or 1), 10_000))
        except ValueError:
            page = 1
        found = cls(
            status=status if status in get_model().enums["custodyStatus"] else "",
            statute=get("statute") if get("statute") in get_model().enums["statute"] else "",
            case=get("case"),
            year=get("year") if get("year").isdigit() and len(get("year")) == 4 else "",
            page=page,
        )
        return replace(found, view=view if view in VIEWS else found.default_view)

    @classmethod
    def filtered(cls, kind: str, value: str) -> ListQuery:
        """Everyone, narrowed by one filter. Example: `ListQuery.filtered("statute", "nsl")`."""
        return cls(view="all", **{kind: value})  # type: ignore[arg-type]

    @property
    def default_view(self) -> str:
        """A filter alone selects from everyone; no filter shows who is held now."""
        return "all" if self.filters else "in_custody"

    @property
    def filters(self) -> dict[str, str]:
        return {
            k: v
            for k, v in (
                ("status", self.status),
                ("statute", self.statute),
                ("case", self.case),
                ("year", self.year),
            )
            if v
        }

    def params(self, *, page: int | None = None) -> dict[str, str]:
        """The query string that asks for this list (the app's links)."""
        found = {"view": self.view} if self.view != self.default_view else {}
        found.update(self.filters)
        number = self.page if page is None else page
        if number > 1:
            found["page"] = str(number)
        return found


def _cell(record: CaseRecord, fact: Fact | None) -> dict[str, Any] | None:
    if fact is None:
        return None
    return {"value": fact.value, "status": fact.status, "source": record.cite(fact)}


def _sentence_fact(record: CaseRecord, person: Defendant) -> Fact | None:
    """The report of the longest term a standing conviction of the person stands at."""
    terms = [
        term
        for charge in person.charges
        if conviction_stands(charge)
        for term in standing_terms(record, charge)
    ]
    return max(terms, key=lambda t: t[0])[1] if terms else None


def _expected_cells(record: CaseRecord, person: Defendant) -> list[dict[str, Any]]:
    """The expected release, and when it is alleged, every other alleged estimate on the
    same charge beside it: reports that differ (Jimmy Lai's 2040 and 2042) are shown
    side by side, each marked, never one of them as if it were the answer."""
    latest = person.expected_release
    if latest is None:
        return []
    found = [latest]
    if latest.status == "alleged":
        charge = next((c for c in person.charges if c.id == latest.entity_id), None)
        found += [
            f
            for f in (charge.facts if charge is not None else ())
            if f.prop == "expectedRelease" and f.status == "alleged" and f.value != latest.value
        ]
    found.sort(key=lambda f: f.value)  # ISO dates: 2040 before 2042-06
    return [{"value": f.value, "status": f.status, "source": record.cite(f)} for f in found]


def _verdicts(person: Defendant) -> list[str]:
    """The person's verdicts as they stand: a quashed conviction as `conviction_quashed`,
    any other charge's every recorded verdict (sources may disagree)."""
    found: set[str] = set()
    for charge in person.charges:
        found |= {standing_verdict(charge)} if quashing(charge) else set(charge.values("verdict"))
    return sorted(found)


def _quashed(record: CaseRecord, person: Defendant) -> list[dict[str, Any]]:
    """Each conviction of the person quashed on appeal: its charge (ID and link), the
    ruling's date (None when no source dates it) and the ruling's citation."""
    found = []
    for charge in person.charges:
        ruling = quashing(charge)
        if ruling is not None:
            found.append(
                {
                    "charge": charge.id,
                    # the count named beside the ruling: one count quashed (organising the
                    # 18 August 2019 march) is not the whole case nor the whole sentence
                    "charge_ref": ref_view(charge, charge.id),
                    "date": ruling.date,
                    "source": record.cite(ruling.fact),
                }
            )
    return found


def _suspected(
    record: CaseRecord, person: Defendant, prop: str, shown: tuple[str, ...]
) -> list[dict[str, Any]]:
    """The statutes of a person's arrest or warrant (`prop`) not already `shown`, one
    cell per statute (its first report; Timothy Lai's two, each alleged, both show)."""
    found: dict[str, dict[str, Any]] = {}
    for fact in person.entity.facts:
        if fact.prop == prop and fact.value not in shown and fact.value not in found:
            found[fact.value] = {
                "value": fact.value,
                "status": fact.status,
                "source": record.cite(fact),
            }
    return list(found.values())


def person_row(record: CaseRecord, person: Defendant) -> dict[str, Any]:
    """Everything a list may show of one person, each value with its citation."""
    status = person.status
    remand = person.remand
    sentence = _sentence_fact(record, person)
    return {
        "id": person.id,
        "name": ref_view(person.entity, person.id),
        "status": {
            "value": status.value,
            "as_of": status.as_of,
            "status": status.fact.status,
            "source": record.cite(status.fact),
        }
        if status
        else None,
        "cases": [ref_view(record.entities.get(c), c) for c in person.cases],
        # arrested and let go (Allan Au): say so, rather than leave a blank a reader
        # may take for a charge not yet entered
        "charged": bool(person.charges),
        "statutes": list(person.statutes),
        # arrested or wanted under a statute without a charge under it: shown apart (an
        # arrest or a warrant is not a charge), each with its citation
        "arrest_statutes": _suspected(record, person, "arrestStatute", person.statutes),
        "wanted_statutes": _suspected(
            record, person, "wantedStatute", (*person.statutes, *person.arrest_statutes)
        ),
        "arrested": _cell(record, person.arrested),
        "remand": {
            "days": remand.days_to_today,
            "days_as_of": remand.days_to_as_of,
            "start": remand.start,
            "basis": remand.basis,
            "source": record.cite(remand.fact),
        }
        if remand
        else None,
        "sentence": {
            "months": _number(person.sentence_months),
            "source": record.cite(sentence) if sentence else None,
        }
        if person.sentence_months is not None
        else None,
        "verdicts": _verdicts(person),
        # shown beside the sentence: its term is in no total, the time served in its notes
        "quashed": _quashed(record, person),
        "release": _cell(record, person.release),
        "expected": _cell(record, person.expected_release),
        # derived, not a fact: the end of the reported terms, citing the sentencing
        "term_end": {
            "value": person.term_ended.by,
            "months": _number(person.term_ended.months),
            "sentenced": person.term_ended.sentenced.value,
            "status": None,
            "source": record.cite(person.term_ended.sentenced),
        }
        if person.term_ended
        else None,
        "expected_all": _expected_cells(record, person),
        "wanted": _cell(record, person.wanted),
        "bounty": _cell(record, person.bounty),
        "residence": _cell(record, person.residence),
    }


def person_json(record: CaseRecord, person: Defendant) -> dict[str, Any]:
    """One person as the JSON API gives it: plain values and source IDs."""
    status, remand = person.status, person.remand
    return {
        "id": person.id,
        "schema": person.entity.schema,
        "name": person.entity.caption,
        "status": status.value if status else None,
        "status_as_of": status.as_of if status else None,
        "status_source": status.fact.source_id if status else None,
        "cases": list(person.cases),
        "statutes": list(person.statutes),
        "arrest_statutes": list(person.arrest_statutes),
        "wanted_statutes": list(person.wanted_statutes),
        "nsl_era_basis": person.nsl_era_basis,
        "arrested": person.arrested.value if person.arrested else None,
        "remand_days": remand.days_to_today if remand else None,
        "remand_days_to_as_of": remand.days_to_as_of if remand else None,
        "remand_start": remand.start if remand else None,
        "remand_basis": remand.basis if remand else None,
        "verdicts": _verdicts(person),
        "quashed_convictions": [
            {"charge": q["charge"], "date": q["date"], "source": q["source"]["id"]}
            for q in _quashed(record, person)
        ],
        "sentences": sorted({s for c in person.charges for s in c.values("sentence")}),
        "sentence_months": _number(person.sentence_months),
        "release_date": person.release.value if person.release else None,
        "expected_release": person.expected_release.value if person.expected_release else None,
        # serving a sentence as of a date, but the reported terms ended by this day
        "term_ended_by": person.term_ended.by if person.term_ended else None,
        "wanted_date": person.wanted.value if person.wanted else None,
        "bounty": person.bounty.value if person.bounty else None,
        "residence_country": person.residence.value if person.residence else None,
    }


def _number(value: float | None) -> int | float | None:
    if value is None:
        return None
    return int(value) if float(value).is_integer() else round(value, 1)


@dataclass(slots=True)
class PrisonerIndex:
    """The record summarised once, for every list and filter of a build or request.

    Example: `PrisonerIndex.build(CaseRecord.from_store(store, published_only=True))`.
    """

    record: CaseRecord
    people: list[Defendant]
    today: date
    _rows: dict[str, dict[str, Any]] = field(default_factory=dict)
    _memo: dict[str, Any] = field(default_factory=dict)  # counts, made once per index

    @classmethod
    def build(cls, record: CaseRecord, *, today: date | None = None) -> PrisonerIndex:
        today = today or date.today()
        return cls(record, defendants(record, today=today), today)

    def row(self, person: Defendant) -> dict[str, Any]:
        found = self._rows.get(person.id)
        if found is None:
            found = self._rows[person.id] = person_row(self.record, person)
        return found

    def select(self, query: ListQuery) -> list[Defendant]:
        """The people a query asks for, by name."""
        view = query.view
        is_status = view in get_model().enums["custodyStatus"] or view == TERM_ENDED
        found = []
        for person in self.people:
            if view == "in_custody" and not person.in_custody:
                continue
            if is_status and person.current != view:
                continue
            # a warrant or a bounty, as the list says; exiles without one: `in_exile`
            if view == "wanted" and not person.is_wanted:
                continue
            if view in ("in_custody", "remanded", "serving_sentence", "released", TERM_ENDED) and (
                not person.is_person
            ):
                continue
            if query.status and person.current != query.status:
                continue
            if query.statute and query.statute not in person.listed_statutes:
                continue
            if query.case and query.case not in person.cases:
                continue
            if query.year and query.year not in person.years:
                continue
            found.append(person)
        return found

    def counts(self) -> dict[str, Counter[str]]:
        """How many people each filter value selects (in the whole record)."""
        if "counts" in self._memo:
            return self._memo["counts"]  # type: ignore[no-any-return]
        found: dict[str, Counter[str]] = self._memo.setdefault(
            "counts", {k: Counter() for k in FILTER_LABELS}
        )
        for person in self.people:
            if person.current:
                found["status"][person.current] += 1
            found["statute"].update(set(person.listed_statutes))
            found["case"].update(set(person.cases))
            found["year"].update(set(person.years))
        return found

    def filters(self, query: ListQuery, *, site: bool) -> list[dict[str, Any]]:
        """The filter links: each value with its count, its site page and app query, and
        whether `query` has it on."""
        groups = self._memo.get(f"filters-{site}") or self._memo.setdefault(
            f"filters-{site}", self._filter_groups(site=site)
        )
        return [
            {
                **group,
                "items": [
                    {
                        **item,
                        "current": getattr(query, group["kind"]) == item["value"]
                        or (group["kind"] == "status" and query.view == item["value"]),
                    }
                    for item in group["items"]
                ],
            }
            for group in groups
        ]

    def _filter_groups(self, *, site: bool) -> list[dict[str, Any]]:
        counts = self.counts()
        model = get_model()
        orders = {
            "status": [*model.enums["custodyStatus"], TERM_ENDED],
            "statute": list(model.enums["statute"]),
            "year": sorted(counts["year"]),
            "case": [c.id for c in self.record.cases()],
        }
        groups = []
        for kind, label in FILTER_LABELS.items():
            items: list[dict[str, Any]] = []
            for value in orders[kind]:
                if not counts[kind][value]:
                    continue
                if kind == "case" and site and len(items) >= MAX_CASE_PAGES:
                    break
                case = self.record.entities.get(value) if kind == "case" else None
                items.append(
                    {
                        "value": value,
                        "count": counts[kind][value],
                        "path": _site_path(kind, value),
                        "params": ListQuery.filtered(kind, value).params(),
                        "ref": ref_view(case, value) if kind == "case" else None,
                    }
                )
            if items:
                more = kind == "case" and site and len(counts["case"]) > len(items)
                groups.append({"kind": kind, "label": label, "items": items, "more": more})
        return groups

    def paged(self, query: ListQuery) -> tuple[str, list[Defendant], int, int, int]:
        """The list a query asks for: its view (`?status=remanded` shows the remanded
        list), the people on the asked page, the page number, the number of pages and
        the total."""
        view = query.status if query.status and query.view == "all" else query.view
        chosen = self.select(replace(query, view=view))
        pages = max(1, -(-len(chosen) // PAGE_ROWS))
        number = min(query.page, pages)
        people = chosen[(number - 1) * PAGE_ROWS : number * PAGE_ROWS]
        return view, people, number, pages, len(chosen)

    def page(self, query: ListQuery, *, site: bool = False) -> dict[str, Any]:
        """One list page's data: title, intro, columns, rows (this page's), filters,
        summary counts and the pager."""
        view, people, number, pages, total = self.paged(query)
        title, intro, columns = VIEWS.get(view, VIEWS["all"])
        if view not in VIEWS:  # a custody status without a list of its own
            title, intro = view, VIEWS["all"][1]
        rows = [self.row(p) for p in people]
        active = []
        for kind, value in query.filters.items():
            ref = ref_view(self.record.entities.get(value), value) if kind == "case" else None
            active.append({"kind": kind, "label": FILTER_LABELS[kind], "value": value, "ref": ref})
        base = self.path(query)
        return {
            "view": query.view,
            "title": title,
            "intro": intro,
            "active": active,
            "columns": [{"key": c, "label": COLUMN_LABELS[c]} for c in columns],
            "rows": rows,
            "total": total,
            "filters": self.filters(query, site=site),
            "views": self.view_links(query),
            "summary": self.summary(),
            "pager": [
                {
                    "label": n,
                    "current": n == number,
                    "path": base if n == 1 else f"{base}-{n}",
                    "params": query.params(page=n),
                }
                for n in range(1, pages + 1)
            ]
            if pages > 1
            else [],
            "today": self.today.isoformat(),
        }

    def view_links(self, query: ListQuery) -> list[dict[str, Any]]:
        """The links to each list, with how many people it holds."""
        counts: dict[str, int] = self._memo.get("views") or self._memo.setdefault(
            "views",
            {
                view: len(self.select(ListQuery(view=view)))
                for view in (
                    "in_custody",
                    "remanded",
                    "serving_sentence",
                    "released",
                    TERM_ENDED,
                    "wanted",
                    "in_exile",
                    "all",
                )
            },
        )
        return [
            {
                "view": v,
                "label": VIEWS[v][0],
                "count": counts[v],
                "path": "prisoners" if v == "in_custody" else f"prisoners/{v}",
                "params": ListQuery(view=v).params(),
                "current": query.view == v and not query.filters,
            }
            for v in counts
        ]

    def summary(self) -> dict[str, int]:
        """The counts every list page states."""
        if "summary" in self._memo:
            return dict(self._memo["summary"])
        people = [p for p in self.people if p.is_person]
        found: dict[str, int] = self._memo.setdefault(
            "summary",
            {
                "persons": len(people),
                "in_custody": sum(p.in_custody for p in people),
                "remanded": sum(p.current == "remanded" for p in people),
                "serving_sentence": sum(p.current == "serving_sentence" for p in people),
                "released": sum(p.current == "released" for p in people),
                "term_ended": sum(p.current == TERM_ENDED for p in people),
                "wanted": len(self.select(ListQuery(view="wanted"))),
            },
        )
        return dict(found)

    def path(self, query: ListQuery) -> str:
        """The site path (without `.html`) of a single-filter list."""
        if query.filters:
            kind, value = next(iter(query.filters.items()))
            return _site_path(kind, value)
        return "prisoners" if query.view == "in_custody" else f"prisoners/{query.view}"

    def site_pages(self) -> Iterator[tuple[str, dict[str, Any]]]:
        """Every list page of the site, one filter at a time: (path without `.html`,
        data). Bounded: the views, each custody status, each statute and year, and the
        largest cases; long lists split into pages of `PAGE_ROWS`."""
        queries = [ListQuery(view=v) for v in VIEWS]
        queries += [ListQuery(view=s) for s in get_model().enums["custodyStatus"] if s not in VIEWS]
        for group in self.filters(ListQuery(), site=True):
            if group["kind"] != "status":
                queries += [ListQuery.filtered(group["kind"], i["value"]) for i in group["items"]]
        for query in queries:
            first = self.page(query, site=True)
            yield self.path(query), first
            for n in range(2, len(first["pager"]) + 1):
                yield f"{self.path(query)}-{n}", self.page(replace(query, page=n), site=True)

    def statistics(self) -> dict[str, Any]:
        """The statistics page's data: the numbers and their chart series."""
        numbers = record_statistics(self.record, today=self.today, people=self.people)
        return {"stats": numbers, "summary": self.summary(), "today": self.today.isoformat()}


def _site_path(kind: str, value: str) -> str:
    if kind == "status":
        return f"prisoners/{value}"
    if kind == "case":
        return f"prisoners/case/{entity_slug(value)}"
    return f"prisoners/{kind}/{value}"
