"""`read_rules` is the rules' first pass that `extract_text` finishes (extract52): a second
pass over the sentences (the learned experiment of `bench/extract_train.py`) sees exactly
what the rules proposed, the sentences and what reading them taught."""

from __future__ import annotations

from lionrock.library.extract import Gazetteer, extract_text
from lionrock.library.extract._consistency import consistent
from lionrock.library.extract._rules import read_rules

BODY = (
    "前香港眾志秘書長黃之鋒今日被判囚13.5個月。"
    "法官拒絕周庭保釋，周庭須還柙。"
    "另一被告林朗彥被判囚7個月，緩刑2年。"
)


def test_read_rules_then_the_consistency_check_is_extract_text() -> None:
    names = Gazetteer()
    found, every, context = read_rules(
        article_id="x", body=BODY, published="2020-12-02", names=names
    )
    facts = {p.key() for p in consistent(found)}
    assert facts == {p.key() for p in extract_text(
        article_id="x", body=BODY, published="2020-12-02", names=names
    )}  # fmt: skip
    assert ("x", "黃之鋒", "sentence", "13.5") in facts
    assert ("x", "周庭", "bail_denied", "") in facts
    assert len(every) == 3
    assert "林朗彥" in context.defendants  # what the sentences taught: 被告林朗彥


def test_an_article_the_rules_leave_out_reads_no_sentence() -> None:
    body = "深圳市中級人民法院以尋釁滋事罪判處王某有期徒刑3年。" * 8
    found, every, _context = read_rules(
        article_id="y", body=body, published=None, names=Gazetteer()
    )
    assert found == [] and every == []
