"""The prisoner record read as its users read it (issue #11): a person page says which
custody status is current and as of when, shows a sentence cut on appeal beside the
original and a charge's notes (a conviction quashed), names statutes rather than their
keys; the prisoner list counts the term cut on appeal, shows release estimates that
reports disagree on side by side and says of a person let go that no charge is recorded;
nothing is squeezed on a desktop or runs past a phone's edge. A fictitious record."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from lionrock import Defaults, Store, load_paths
from lionrock.publish import SiteOptions, build_site
from lionrock.record import CaseRecord
from lionrock.render.prisoners import ListQuery, PrisonerIndex
from tests._browser import serve_app, serve_folder

# Every name, case, source and figure below is invented.
RECORD = """
defaults: {review: published, status: confirmed, recorded_by: tests, recorded_at: 2026-01-01}
sources:
  - id: src-qa-2021
    publisher: Example Daily
    title: Fictitious report of an arrest, with a title as long as a newspaper's headline
    date: 2021-02-01
  - {id: src-qa-2023, publisher: Example Daily, title: Fictitious sentence report, date: 2023-10-30}
  - {id: src-qa-2024, publisher: Example Weekly, title: Fictitious appeal report, date: 2024-09-13}
  - {id: src-qa-2026a, publisher: Example Weekly, title: Fictitious estimate A, date: 2026-02-26}
  - {id: src-qa-2026b, publisher: Example Post, title: Fictitious estimate B, date: 2026-02-27}
entities:
  - id: lr-qa-case
    schema: CourtCase
    source: src-qa-2021
    properties:
      # names long enough to crowd the list's other columns, as the bundled record's do
      name:
        - >-
          Fictitious appeal case of the example court over an invented march, a made-up
          rally and an imaginary protest, with invented charges of taking part
        - value: >-
            虛構的上訴案件，名稱很長，涉及虛構的遊行、集會及抗議，以及參與其中的虛構控罪，
            足以佔去表格的大部分寬度而擠壓其他欄位
          lang: zho
  - id: lr-qa-person
    schema: Person
    source: src-qa-2021
    properties:
      name: [{value: 虛構者, lang: zho}]
      custodyStatus:
        - {value: remanded, source: src-qa-2021}
        - {value: serving_sentence, source: src-qa-2024}
        - {value: released, source: src-qa-2023, status: alleged}
  - id: lr-qa-let-go
    schema: Person
    source: src-qa-2021
    properties: {name: {value: 虛構記者, lang: zho}, arrestDate: 2021-01-31}
  - id: lr-qa-remanded
    schema: Person
    source: src-qa-2021
    properties: {name: {value: 虛構被告, lang: zho}, custodyStatus: remanded}
  - id: lr-qa-charge-month
    schema: Charge
    source: src-qa-2021
    properties:
      defendant: lr-qa-remanded
      case: lr-qa-case
      offence: Another fictitious offence
      chargeDate: "2021-01"
      verdict: pending
  - id: lr-qa-charge
    schema: Charge
    source: src-qa-2023
    properties:
      defendant: lr-qa-person
      case: lr-qa-case
      offence: Fictitious offence
      statute: public_order_ordinance
      verdict: convicted
      sentence:
        - 24 months
        - {value: 15 months (reduced on appeal), source: src-qa-2024}
      sentenceMonths:
        - 24
        - {value: 15, source: src-qa-2024}
      plea: guilty
      notes:
        - {value: "Fictitious note: the term was reduced on appeal.", source: src-qa-2024}
        - value: >-
            A second fictitious note, as long as the notes the record keeps on a charge: it
            tells of an appeal, of reasons given later, of an application to a court, and of
            a term served, so that it fills the sentence column and crowds the others.
          source: src-qa-2024
      expectedRelease:
        - {value: "2040", status: alleged, source: src-qa-2026a}
        - {value: "2042", status: alleged, source: src-qa-2026b}
"""


@pytest.fixture(scope="module")
def qa_store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    path = tmp_path_factory.mktemp("qa") / "record.yaml"
    path.write_text(RECORD, encoding="utf-8")
    store = Store("sqlite://")
    load_paths(store, [path], defaults=Defaults(review="published"))
    return store


@pytest.fixture(scope="module")
def qa_site(qa_store: Store, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("qa-site") / "site"
    build_site(qa_store, out=out, options=SiteOptions(search=False))
    return out


@contextmanager
def _page(browser: Any, width: int) -> Iterator[Any]:
    """A page of `width` CSS pixels, without JavaScript, as a reader's browser shows it."""
    context = browser.new_context(
        viewport={"width": width, "height": 800}, java_script_enabled=False
    )
    try:
        yield context.new_page()
    finally:
        context.close()


def _charges(page: str) -> str:
    return page.split('<table class="charges">', 1)[1].split("</table>", 1)[0]


def test_person_page_orders_custody_statuses_with_their_dates(qa_site: Path) -> None:
    page = (qa_site / "en" / "entities" / "lr-qa-person.html").read_text(encoding="utf-8")
    facts = page.split('<table class="facts">', 1)[1].split("</table>", 1)[0]
    dates = [facts.index(f"as of {d}") for d in ("2024-09-13", "2023-10-30", "2021-02-01")]
    assert dates == sorted(dates)  # the current status first
    assert facts.index("Serving sentence") < facts.index("Released") < facts.index("Remanded")
    zh = (qa_site / "zh-hant" / "entities" / "lr-qa-person.html").read_text(encoding="utf-8")
    assert "截至" in zh.split('<table class="facts">', 1)[1].split("</table>", 1)[0]


def test_person_page_shows_every_sentence_the_notes_and_the_statute_by_name(
    qa_site: Path,
) -> None:
    en = _charges((qa_site / "en" / "entities" / "lr-qa-person.html").read_text("utf-8"))
    assert "24 months" in en and "15 months (reduced on appeal)" in en
    assert "Fictitious note: the term was reduced on appeal." in en
    assert "Public Order Ordinance (Cap. 245)" in en and "public_order_ordinance" not in en
    assert 'data-label="Sentence"' in en  # each cell labelled where a phone stacks them
    zh = _charges((qa_site / "zh-hant" / "entities" / "lr-qa-person.html").read_text("utf-8"))
    assert "《公安條例》(第245章)" in zh and "public_order_ordinance" not in zh


def test_differing_alleged_release_estimates_are_both_shown(qa_store: Store, qa_site: Path) -> None:
    index = PrisonerIndex.build(CaseRecord.from_store(qa_store, published_only=True))
    [row] = index.page(ListQuery(view="serving_sentence"))["rows"]
    assert [(e["value"], e["status"]) for e in row["expected_all"]] == [
        ("2040", "alleged"),
        ("2042", "alleged"),
    ]
    # the term cut on appeal is the one the person serves, cited to the appeal's report
    assert row["sentence"]["months"] == 15
    assert row["sentence"]["source"]["title"] == "Fictitious appeal report"
    assert [e["source"]["title"] for e in row["expected_all"]] == [
        "Fictitious estimate A",
        "Fictitious estimate B",
    ]
    page = (qa_site / "en" / "prisoners" / "serving_sentence.html").read_text(encoding="utf-8")
    cell = page.split('data-label="Expected release">', 1)[1].split("</td>", 1)[0]
    assert cell.count("<strong>alleged</strong>") == 2 and " or " in cell
    assert cell.index("2040") < cell.index("2042") and "reports differ" in cell
    ja = (qa_site / "ja" / "prisoners" / "serving_sentence.html").read_text(encoding="utf-8")
    assert "報道により異なる" in ja and "reports differ" not in ja


def test_person_charges_fit_a_phone(browser: object, qa_site: Path) -> None:
    """At 390 px wide the charges table stacks its cells, each under its label, and
    nothing runs past the screen's edge (it did by 40-150 px on the bundled record)."""
    with _page(browser, 390) as page, serve_folder(qa_site) as url:
        for lang in ("en", "zh-hant", "ja"):
            page.goto(f"{url}{lang}/entities/lr-qa-person.html")
            assert page.evaluate("document.documentElement.scrollWidth") <= 390, lang
            assert page.locator("table.charges thead").is_hidden() or page.evaluate(
                "document.querySelector('table.charges thead').getBoundingClientRect().right < 0"
            )


def test_a_person_never_charged_is_shown_as_such(qa_site: Path) -> None:
    for lang, words in (("en", "no charge recorded"), ("zh-hant", "未有起訴紀錄")):
        page = (qa_site / lang / "prisoners" / "all.html").read_text(encoding="utf-8")
        rows = {r.split(".html", 1)[0]: r for r in page.split('href="../entities/')[1:]}
        cases = rows["lr-qa-let-go"].split('data-label="', 3)[2]
        assert words in cases and "href" not in cases, lang
        assert words not in rows["lr-qa-person"], lang


def test_names_and_status_dates_are_not_squeezed(browser: object, qa_site: Path) -> None:
    """On a desktop, a long case name beside them left Chinese names one character a
    line and broke "2026-01-21" in two (zh-Hant prisoner list)."""
    with _page(browser, 1280) as page:
        with serve_folder(qa_site) as url:
            lines = []
            for lang in ("zh-hant", "ja"):
                page.goto(f"{url}{lang}/prisoners/all.html")
                lines += page.evaluate(
                    """() => [...document.querySelectorAll('table.prisoners tbody tr')].map(tr =>
                    [tr.cells[0].querySelector('a'), tr.cells[1].querySelector('small')]
                    .filter(e => e).map(e => [e.getClientRects().length,
                                              e.textContent.trim().split(/\\s+/).length]))"""
                )
        # a line at most per word of a name (虛構者 on one), the as-of line never broken
        assert lines and all(n <= words for row in lines for n, words in row[:1]), lines
        assert all(row[1][0] == 1 for row in lines if len(row) > 1), lines


def test_property_names_read_on_one_line(browser: object, qa_store: Store) -> None:
    """A person page's property names (羈押狀況, 被捕日期) were set one or two characters
    a line beside the sources (the web app's zh-Hant page of Jimmy Lai)."""
    with _page(browser, 1280) as page:
        with serve_app(qa_store) as url:
            page.goto(f"{url}/zh-hant/entities/lr-qa-person")
            lines = page.evaluate(
                """() => [...document.querySelectorAll('table.facts tbody th')].map(th => {
                    const range = document.createRange(); range.selectNodeContents(th);
                    const tops = [...range.getClientRects()].map(r => r.top);
                    return [th.textContent, new Set(tops).size];
                })"""
            )
        assert ["羈押狀況", 1] in lines and all(n == 1 for _, n in lines), lines


def test_days_on_remand_unknown_are_said_to_be(qa_site: Path) -> None:
    """Charged in a month, no day (Albert Ho: 2021-09): the cell was a bare citation."""
    for lang, words in (("en", "days unknown"), ("ja", "日数不明")):
        page = (qa_site / lang / "prisoners" / "remanded.html").read_text(encoding="utf-8")
        cell = page.split('data-label="', 7)[6]
        assert cell.startswith(("Days on remand", "勾留日数")) and words in cell, cell
        assert "2021-01" in cell, cell


def test_charge_columns_are_not_squeezed_by_notes(browser: object, qa_site: Path) -> None:
    """Beside long notes, a plea and verdict (有罪答弁, 有罪) were set a character a line
    and a case name a word or two a line (the ja page of Kinson Cheung)."""
    with _page(browser, 1280) as page:
        with serve_folder(qa_site) as url:
            page.goto(f"{url}ja/entities/lr-qa-person.html")
            widths = page.evaluate(
                """() => [...document.querySelector('table.charges tbody tr').cells]
                    .map(c => c.getBoundingClientRect().width
                              / parseFloat(getComputedStyle(c).fontSize))"""
            )
        assert widths[0] >= 7 and widths[2] >= 4.5 and widths[3] >= 4.5, widths
