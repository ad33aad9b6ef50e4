"""The bundled Hong Kong record: what `lionrock stats` must report, on both backends."""

from __future__ import annotations

from lionrock import Store, compute_stats
from lionrock.bundled import bundled_files
from lionrock.sources import project_yaml
from lionrock.sources._records import Defaults

EXPECTED_EVENTS = {
    "2020-06-30": "National Security Law",
    "2021-01-06": "arrest",
    "2021-02-28": "47",
    "2021-03-11": "",
    "2021-05-27": "",
    "2021-06-17": "Apple Daily",
    "2021-06-24": "Apple Daily",
    "2021-08-15": "",
    "2021-09-25": "",
    "2021-08": "",
    "2021-12-29": "Stand News",
    "2022-01-04": "Citizen News",
    "2024-03-23": "",
}


def test_stats_report_the_record(bundled_store: Store) -> None:
    stats = compute_stats(bundled_store)
    assert stats["facts_without_source"] == 0
    hk47 = next(c for c in stats["cases"] if c["id"] == "lr-case-hk47")
    assert hk47["defendants"] == 47
    assert hk47["pleas"] == {"guilty": 31, "not_guilty": 16}
    assert hk47["verdicts"] == {"convicted": 45, "acquitted": 2}
    # The 42 of the bundled OFAC extract and the record's six of 31 March 2025.
    assert stats["sanctions"]["us:HK-EO13936"]["persons"] == 48
    dates = [e["date"] for e in stats["events"]]
    for date, word in EXPECTED_EVENTS.items():
        matching = [e for e in stats["events"] if e["date"].startswith(date)]
        assert matching, f"no event on {date}: {dates}"
        assert any(word in e["name"] for e in matching), (date, matching)


def test_the_two_acquitted_are_lau_and_lee(bundled_store: Store) -> None:
    # of the 47 (other cases have acquittals on single counts, e.g. Tam Tak-chi's conspiracy count)
    acquitted = {
        charge.first("defendant")
        for charge in bundled_store.iter_entities(schema="Charge")
        if charge.first("case") == "lr-case-hk47" and charge.first("verdict") == "acquitted"
    }
    names = {bundled_store.entity(str(pid)).caption for pid in acquitted}  # type: ignore[union-attr]
    assert names == {"Lawrence Lau Wai-chung", "Lee Yue-shun"}


def test_every_defendant_has_english_and_chinese_names(bundled_store: Store) -> None:
    for charge in bundled_store.iter_entities(schema="Charge"):
        if charge.first("case") != "lr-case-hk47":
            continue
        person = bundled_store.entity(str(charge.first("defendant")))
        assert person is not None
        langs = {f.lang for f in person.facts if f.prop == "name"}
        assert {"eng", "zho"} <= langs, person.id


def test_search_finds_john_lee_and_apple_daily(bundled_store: Store) -> None:
    hits = bundled_store.search("家超")
    assert hits[0].entity_id == "ofac-29250"
    assert "Lee" in hits[0].caption
    apple = bundled_store.search("Apple Daily")
    assert apple[0].entity_id == "lr-org-apple-daily"
    assert sum(1 for h in apple if h.schema == "Event") >= 2


def test_every_bundled_fact_cites_a_dated_titled_source() -> None:
    for path in bundled_files():
        if path.suffix != ".yaml":
            continue
        records = list(project_yaml.rows(str(path), Defaults()))
        sources = {r.entity_id for r in records if r.source_id == r.entity_id}
        for record in records:
            assert record.source_id, f"{record.location} has no source"
        for source in sources:
            props = {r.prop for r in records if r.entity_id == source}
            assert {"title", "publisher"} <= props, source
            assert props & {"publishedAt", "retrievedAt"}, source


def test_bundled_ofac_extract_is_the_real_rows() -> None:
    extract = next(p for p in bundled_files() if "ofac" in p.name)
    rows = extract.read_text(encoding="utf-8").splitlines()
    assert len(rows) == 42
    assert all('"HK-EO13936"' in row for row in rows)


def test_simplified_chinese_finds_the_record(bundled_store: Store) -> None:
    """Issue #13: the record is in traditional characters; readers type simplified too."""
    for query, expected in (
        ("苹果日报", "lr-org-apple-daily"),
        ("黄之锋", "lr-person-joshua-wong"),
        ("林郑月娥", None),  # Carrie Lam, an OFAC entry: found by her Chinese name
    ):
        hits = bundled_store.search(query, published_only=True)
        assert hits, query
        if expected:
            assert hits[0].entity_id == expected, query
        else:
            assert "Carrie" in hits[0].caption or "LAM" in hits[0].caption.upper()
