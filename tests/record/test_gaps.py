"""What the bundled record still lacks (issue #11), as scripts/record_gaps.py lists it: the
counts may only fall as editors fill the gaps, and filled charges stay filled."""

from __future__ import annotations

from lionrock.model import Fact
from lionrock.record import CaseRecord
from lionrock.store import Entity, Store
from scripts.record_gaps import record_gaps


def test_the_bundled_record_gaps_only_shrink(bundled_store: Store) -> None:
    found = record_gaps(CaseRecord.from_store(bundled_store, published_only=True))
    counts = {gap: len(charges) for gap, charges in found.items()}
    # the figures of December 2026 (docs/methodology.md, "Coverage"); lower them as gaps close.
    # A newly recorded pending case adds charges without a verdict (and often without a
    # section): the two 2025 "unlawful drills" subversion charges raised those bounds by two,
    # and 謝震斌's pending SNSO charge (no report gives its section) the section bound by one.
    # Archive reading in December 2026 closed six sections, two charge dates and two
    # verdicts: 65, 13 and 10 before.
    assert counts["chargeDate"] <= 11 and counts["section"] <= 43
    # A company is fined, never sentenced to months: its sentence is a gap only while no fine
    # or sentence of any kind is recorded on its charges in the case; a training-centre order
    # has no term at all (25 before recK, 18 without the companies, 9 without the orders).
    assert counts["verdict"] <= 8 and counts["sentenceMonths"] <= 9
    dated = {c.id for c in found["chargeDate"]}
    assert not dated & {
        "lr-charge-jimmy-lai-collusion-count-1",
        "lr-charge-jimmy-lai-seditious-publications",
        "lr-charge-stand-news-sedition-chung-pui-kuen",
        "lr-charge-hk-alliance-subversion-hk-alliance",
    }
    # an NSL-era charge without a verdict is a pending case, and is listed as one
    assert "lr-charge-snso-wong-kwok-ngon" in {c.id for c in found["verdict"]}
    # 謝震斌's charge is recorded (it lacks only a section), with its charge date
    assert "lr-charge-snso-tse-chun-bun" in {c.id for c in found["section"]}
    assert "lr-charge-snso-tse-chun-bun" not in dated
    # Jimmy Lai's per-count terms (9 February 2026) are recorded
    sentenced = {c.id for c in found["sentenceMonths"]}
    fined = {"lr-org-best-pencil", "lr-org-apple-daily-limited", "lr-org-ad-internet-limited"}
    assert not {d for c in found["sentenceMonths"] for d in c.values("defendant")} & fined
    assert not sentenced & {
        "lr-charge-returning-valiant-incitement-yuen-ka-him",
        "lr-charge-student-politicism-alice-wong-yuen-lam",
        "lr-charge-sedition-chloe-tso-wong-chun-wai",  # a rehabilitation-centre order
    }
    assert not sentenced & {
        "lr-charge-jimmy-lai-collusion-count-2",
        "lr-charge-jimmy-lai-seditious-publications",
    }
    # filled from the newsroom archives: sections, a charge date, and two verdicts (a count
    # left on file, a count acquitted)
    assert not {c.id for c in found["section"]} & {
        "lr-charge-joseph-john-joseph-john-2",
        "lr-charge-returning-valiant-bomb-plot-so-wing-ching",
        "lr-charge-speech-therapists-sheep-books-marco-fong",
    }
    assert "lr-charge-sedition-zeng-yuxuan-2" not in dated
    # the Jimmy Lai case's collusion sections, from the court's press summary (recK; 46 before)
    assert not {c.id for c in found["section"]} & {
        "lr-charge-jimmy-lai-nsl-chan-tsz-wah",
        "lr-charge-jimmy-lai-nsl-andy-li",
        "lr-charge-jimmy-lai-collusion-count-2",
    }
    assert not {c.id for c in found["verdict"]} & {
        "lr-charge-studentlocalism-tony-chung-3",
        "lr-charge-tam-tak-chi-sedition-conspiracy",
    }


def test_a_company_lacks_a_sentence_only_until_a_fine_is_recorded() -> None:
    def charge(cid: str, defendant: str, *props: tuple[str, str]) -> Entity:
        facts = [("defendant", defendant), ("case", "k1"), ("statute", "nsl")]
        facts += [("offence", "X"), ("verdict", "convicted"), *props]
        return Entity(cid, "Charge", tuple(Fact(cid, "Charge", p, v, "s") for p, v in facts))

    def gaps(*entities: Entity) -> list[str]:
        company = Entity("co", "Company", (Fact("co", "Company", "name", "Co Ltd", "s"),))
        person = Entity("p1", "Person", (Fact("p1", "Person", "name", "CHAN Tai Man", "s"),))
        found = record_gaps(CaseRecord.from_entities([company, person, *entities]))
        return [c.id for c in found["sentenceMonths"]]

    # a company's count without a term is a gap until a fine on any of its counts is recorded
    assert gaps(charge("c1", "co"), charge("c2", "co")) == ["c1", "c2"]
    assert gaps(charge("c1", "co", ("sentence", "Fine of HK$5,000")), charge("c2", "co")) == []
    # a person's fine is not a term in months: the gap stays
    assert gaps(charge("c3", "p1", ("sentence", "Fine of HK$5,000"))) == ["c3"]
    # a training-centre order has no term to look for; a prison term without months does
    assert gaps(charge("c4", "p1", ("sentence", "Training centre order"))) == []
    assert gaps(charge("c5", "p1", ("sentence", "3 months' imprisonment"))) == ["c5"]
