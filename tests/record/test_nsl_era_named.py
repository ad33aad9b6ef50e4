"""People named as charged, arrested or wanted under the national-security era's statutes
(issue #11's "at least 200 named individuals"): what an arrest or a warrant without a
charge was on suspicion of (`arrestStatute`, `wantedStatute`), the figure that counts each
person once, the statute filter, the CSV and the pages; on a fictitious record and on the
bundled one."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from lionrock import Defaults, LoadError, Settings, Store, compute_stats, load_paths
from lionrock.record import CaseRecord, charge_rows, defendants, record_statistics
from lionrock.render.prisoners import ListQuery, PrisonerIndex
from lionrock.web import create_app
from tests.conftest import BACKENDS
from tests.record.conftest import HERE, _store

ARRESTS = HERE / "fixture_arrests.yaml"
TODAY = date(2026, 12, 6)


@pytest.fixture(scope="module", params=BACKENDS)
def arrests_store(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Store]:
    yield from _store(request, tmp_path_factory, ARRESTS)


def _index(store: Store) -> PrisonerIndex:
    return PrisonerIndex.build(CaseRecord.from_store(store, published_only=True), today=TODAY)


def test_the_properties_load_and_a_statute_outside_the_enum_is_refused(
    arrests_store: Store, tmp_path: Path
) -> None:
    people = {d.id: d for d in defendants(CaseRecord.from_store(arrests_store), today=TODAY)}
    assert people["lr-fa-au-subversion"].arrest_statutes == ("nsl",)
    assert people["lr-fa-au-subversion"].entity.values("arrestOffence") == ["subversion"]
    assert people["lr-fa-fan-wanted"].wanted_statutes == ("nsl",)
    assert people["lr-fa-dai-unknown"].arrest_statutes == ()
    bad = tmp_path / "bad.yaml"
    text = ARRESTS.read_text(encoding="utf-8").replace("arrestStatute: other", "arrestStatute: x")
    bad.write_text(text, encoding="utf-8")
    with pytest.raises(LoadError, match="arrestStatute"):
        load_paths(Store("sqlite://"), [bad], defaults=Defaults(review="published"))


def test_each_person_counts_once_and_other_offences_do_not(arrests_store: Store) -> None:
    record = CaseRecord.from_store(arrests_store, published_only=True)
    stats = record_statistics(record, today=TODAY)
    # Kwok charged; Au, Ho (also wanted) and Ip (charged under another law) arrested; Fan
    # wanted. Not: Bo (assisting offenders), Cheuk (before 30 June 2020), Dai (no law
    # named), Lau (a warrant under another law).
    assert stats["nsl_era_persons"] == 1
    assert stats["nsl_era_named"] == {
        "persons": 5,
        "charged": 1,
        "arrested_only": 3,
        "wanted_only": 1,
    }
    basis = {d.id: d.nsl_era_basis for d in defendants(record, today=TODAY)}
    assert basis["lr-fa-ho-both"] == "arrested" and basis["lr-fa-ip-public-order"] == "arrested"
    assert basis["lr-fa-bo-assisting"] is None and basis["lr-fa-cheuk-before"] is None
    assert basis["lr-fa-dai-unknown"] is None and basis["lr-fa-lau-other-warrant"] is None
    assert stats["by_statute"]["nsl"] == {
        "charges": 1,
        "persons": 1,
        "arrested_only": 2,  # Au and Ho; Kwok's arrest is under the statute he is charged with
        "wanted_only": 1,  # Fan; Ho is counted as arrested
    }
    assert stats["by_statute"]["snso"]["arrested_only"] == 1
    assert stats["by_statute"]["other"] == {
        "charges": 0,
        "persons": 0,
        "arrested_only": 1,
        "wanted_only": 1,
    }


def test_the_statute_filter_finds_arrests_and_warrants(arrests_store: Store) -> None:
    index = _index(arrests_store)
    nsl = [p.id for p in index.select(ListQuery(view="all", statute="nsl"))]
    assert nsl == ["lr-fa-au-subversion", "lr-fa-fan-wanted", "lr-fa-ho-both", "lr-fa-kwok-charged"]
    other = [p.id for p in index.select(ListQuery(view="all", statute="other"))]
    assert other == ["lr-fa-bo-assisting", "lr-fa-lau-other-warrant"]
    counts = {i["value"]: i["count"] for g in index.filters(ListQuery(), site=True)
              if g["kind"] == "statute" for i in g["items"]}  # fmt: skip
    assert counts["nsl"] == 4 and counts["snso"] == 1 and counts["crimes_ordinance"] == 1
    rows = {r["id"]: r for r in index.page(ListQuery(view="all", statute="nsl"))["rows"]}
    assert rows["lr-fa-au-subversion"]["statutes"] == []
    au = rows["lr-fa-au-subversion"]["arrest_statutes"]
    assert [s["value"] for s in au] == ["nsl"]
    assert au[0]["source"]["title"] == "Fictitious report of national security arrests"
    assert [s["value"] for s in rows["lr-fa-fan-wanted"]["wanted_statutes"]] == ["nsl"]
    assert rows["lr-fa-ho-both"]["wanted_statutes"] == []  # shown as the arrest's
    assert rows["lr-fa-kwok-charged"]["arrest_statutes"] == []  # shown as the charge's


def test_the_csv_and_the_pages_show_the_arrest_apart_from_any_charge(
    arrests_store: Store,
) -> None:
    record = CaseRecord.from_store(arrests_store, published_only=True)
    rows = {r["person_id"]: r for r in charge_rows(record, url_for=str, today=TODAY)}
    bo = rows["lr-fa-bo-assisting"]
    assert bo["statute"] == "" and bo["arrest_statute"] == "other"
    assert bo["arrest_offence"] == "assisting offenders"
    assert rows["lr-fa-fan-wanted"]["wanted_statute"] == "nsl"
    client = TestClient(create_app(Settings(database_url="sqlite://"), store=arrests_store))
    page = client.get("/prisoners", params={"statute": "nsl"}).text
    assert "AU Ka Ming" in page and "statute at arrest:" in page and "BO Siu Wai" not in page
    assert "statute of the warrant:" in page
    for lang, words in (("en", "People named as charged, arrested or wanted"),
                        ("zh-hant", "被點名為根據這些法例被檢控、拘捕或通緝的人"),
                        ("ja", "名指しされた人")):  # fmt: skip
        stats = client.get("/prisoners/statistics", params={"lang": lang}).text
        assert words in stats, lang
    ja = client.get("/prisoners", params={"lang": "ja", "statute": "nsl"}).text
    assert "逮捕の根拠法令" in ja
    data = client.get("/api/prisoners", params={"statute": "nsl"}).json()["prisoners"]
    assert {p["id"]: p["nsl_era_basis"] for p in data}["lr-fa-ho-both"] == "arrested"


def test_the_in_custody_intro_says_where_ended_terms_are(arrests_store: Store) -> None:
    client = TestClient(create_app(Settings(database_url="sqlite://"), store=arrests_store))
    for lang, words in (("en", "listed apart, under"), ("zh-hant", "另列於"), ("ja", "別途掲載")):
        assert words in client.get("/prisoners", params={"lang": lang}).text, lang


def test_the_bundled_record_names_over_200(bundled_store: Store) -> None:
    stats = compute_stats(bundled_store)
    named = stats["nsl_era_named"]
    assert named["charged"] == stats["nsl_era_persons"] >= 151
    assert named["persons"] == named["charged"] + named["arrested_only"] + named["wanted_only"]
    assert named["persons"] >= 200 and named["arrested_only"] >= 40 and named["wanted_only"] >= 30
    index = PrisonerIndex.build(CaseRecord.from_store(bundled_store, published_only=True))
    basis = {p.id: p.nsl_era_basis for p in index.people}
    assert basis["lr-person-james-to"] == "arrested"  # 6 January 2021, subversion
    assert basis["lr-person-nathan-law"] == "wanted"
    # arrested by the national security police for assisting offenders: not an NSL arrest
    assert basis["lr-person-daniel-wong-kwok-tung"] is None
    assert basis["lr-person-cheng-lai-king"] is None  # sedition, March 2020
    # charged only under another law, but first arrested under the NSL or the sedition
    # provisions (additions-recL): the 612 Fund trustees (the Societies Ordinance), the
    # martial-arts assistant (weapons); Ted Hui (contempt of court) is wanted under the NSL
    assert basis["lr-person-joseph-zen"] == "arrested"
    assert basis["lr-person-cyd-ho"] == "arrested"
    assert basis["lr-person-cheung-man-chi"] == "arrested"
    assert basis["lr-person-ted-hui"] == "wanted"
    # the national security police arrested him for fraud, not under the NSL
    assert basis["lr-person-wong-wai-keung"] is None
    assert named["arrested_only"] >= 51 and named["wanted_only"] >= 33
    nsl = {p.id for p in index.select(ListQuery(view="all", statute="nsl"))}
    assert {"lr-person-james-to", "lr-person-nathan-law"} <= nsl
    assert {"lr-person-joseph-zen", "lr-person-ted-hui"} <= nsl
    assert "lr-person-daniel-wong-kwok-tung" not in nsl


def test_the_wanted_list_holds_warrants_and_the_exile_list_holds_exiles(
    arrests_store: Store,
) -> None:
    index = _index(arrests_store)
    wanted = [p.id for p in index.select(ListQuery(view="wanted"))]
    exiles = [p.id for p in index.select(ListQuery(view="in_exile"))]
    # the list says "an arrest warrant or a bounty": an exile without one is not on it
    assert "lr-fa-man-exile" not in wanted and "lr-fa-fan-wanted" in wanted
    assert exiles == ["lr-fa-man-exile"]
    links = {link["view"]: link["count"] for link in index.view_links(ListQuery())}
    assert links["wanted"] == len(wanted) and links["in_exile"] == 1
    assert index.summary()["wanted"] == len(wanted)
