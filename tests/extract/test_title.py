"""An article's title read as a sentence of its own (extract48, issue #16): headline style
(a 【…】 tag, spaces for clause breaks, no final 。, a speaker's words after a colon) and
`lionrock library extract` reading the title the importer stored."""

from __future__ import annotations

from pathlib import Path

from lionrock.library import import_archive
from lionrock.library.extract import Gazetteer, extract_articles, extract_text, list_suggestions
from lionrock.library.extract._title import TITLE_PARAGRAPH, title_sentence
from lionrock.store import Store

NAMES = Gazetteer({"陳大文": "lr-test-0", "黃子健": "lr-test-1", "李家俊": "lr-test-2"})
#: A body that states nothing: every suggestion below comes from the title.
BODY = "記者今日在法院外見到支持者排隊。\n\n案件押後再訊。"


def facts(title: str, body: str = BODY) -> set[tuple[str, str, str]]:
    found = extract_text(
        article_id="a", body=body, published="2021-03-01", names=NAMES, title=title
    )
    return {(p.person, p.kind, p.value) for p in found}


def test_a_headline_with_a_tag_and_spaced_clauses_states_its_facts() -> None:
    title = "【國安法】陳大文被控串謀顛覆國家政權　還柙至5月　黃子健被捕"
    assert facts(title) == {
        ("陳大文", "charged", "subversion"),
        ("陳大文", "custody", "remanded"),
        ("黃子健", "arrested", ""),
    }
    found = extract_text(
        article_id="a", body=BODY, published="2021-03-01", names=NAMES, title=title
    )
    # quoted whole, as written, and placed before the body's first paragraph
    assert {p.quote for p in found} == {title}
    assert {p.paragraph for p in found} == {TITLE_PARAGRAPH}


def test_the_folded_title_keeps_its_offsets_and_blanks_tag_and_speech() -> None:
    s = title_sentence("【初選案】陳大文還柙　黃子健：我會上訴")
    assert s is not None and len(s.folded) == len(s.text)
    assert "初选" not in s.folded and "上诉" not in s.folded
    assert s.folded.startswith(",,,,,陈大文还柙,黄子健,")
    # an English headline's spaces are words apart, not clause breaks
    english = title_sentence("Chan Tai-man denied bail")
    assert english is not None and english.folded == "chan tai-man denied bail"
    assert title_sentence("  ") is None and title_sentence(None) is None


def test_a_headline_that_asks_or_quotes_a_speaker_states_nothing() -> None:
    assert facts("陳大文會否被捕？") == set()
    assert facts("李家俊：陳大文被捕是政治打壓") == set()
    assert facts("黃子健還柙三個月　陳大文會否被捕？") == set()  # a question, however it starts
    assert facts("") == facts("案件押後再訊") == set()


def test_a_headline_victim_aide_or_candidate_is_no_defendant() -> None:
    # the victim of the act, the candidate voted for, the aide's employer
    assert facts("八旬翁認刺傷陳大文判囚3個月6日　官：互相尊重") == set()
    assert facts("【賄選案】李家俊前議助賄街坊投黃子健　即時囚8個月") == set()
    # an intention and a time are no fact (預備還柙, 認罪開審前)
    assert facts("十子多擬認罪　陳大文黃子健預備還柙獄中悼六四") == set()
    assert facts("【六四長跑】陳大文認罪開審前走過的15公里") == set()


def test_a_headline_release_the_body_calls_bail_is_no_release() -> None:
    title = "獲釋後首度分享感受　陳大文感觸落淚"
    assert facts(title) == {("陳大文", "released", "")}
    assert facts(title, f"{BODY}\n\n陳大文周三凌晨獲保釋後分享感受。") == set()
    assert facts("陳大文刑滿出獄", f"{BODY}\n\n他早前不獲保釋。") == {("陳大文", "released", "")}


def test_a_headline_name_neither_the_record_nor_the_body_knows_is_left_out() -> None:
    # 岑傲暉 is a typo for a record name; the body never writes it
    title = "維園悼六四　陳大文、岑傲暉等24人被控未經批准集結"
    assert facts(title) == {("陳大文", "charged", "unauthorised_assembly")}
    assert ("岑傲暉", "charged", "unauthorised_assembly") in facts(
        title, f"{BODY}\n\n岑傲暉在庭外。"
    )


def test_library_extract_reads_the_title_the_importer_stored(tmp_path: Path) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "article_99001.md").write_text(
        '---\ntitle: "【國安法】陳大文被控串謀顛覆國家政權"\ndate: "2021-03-01"\n'
        'original_url: "https://www.hkcnews.com/article/99001/x"\n---\n\n'
        f"# 【國安法】陳大文被控串謀顛覆國家政權\n\n{BODY}\n",
        encoding="utf-8",
    )
    store = Store(f"sqlite:///{tmp_path}/lr.db")
    import_archive(store, path=str(folder), format="hkcnews")
    report = extract_articles(store, names=NAMES)
    assert [(p.person, p.kind, p.value) for p in report.new] == [
        ("陳大文", "charged", "subversion")
    ]
    [row] = list_suggestions(store)
    assert row["quote"] == row["paragraph_text"] == "【國安法】陳大文被控串謀顛覆國家政權"
    store.close()


def test_a_title_with_no_trigger_is_not_read_at_all() -> None:
    """As a body sentence with no trigger word is not read: the reader is never called
    (reading every title cost a tenth of the archive's extraction time)."""
    from lionrock.library.extract._subjects import Context
    from lionrock.library.extract._title import title_facts

    calls: list[object] = []

    def read(s: object, context: Context) -> list:  # type: ignore[type-arg]
        calls.append(s)
        return []

    assert title_facts("陳大文出席論壇談香港前途", Context(published=None), read) == []
    assert calls == []
    title_facts("陳大文被捕", Context(published=None), read)
    assert len(calls) == 1
