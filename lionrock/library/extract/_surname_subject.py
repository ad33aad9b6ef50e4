"""Lone surnames resolved by the paragraph that named their people (issue #16, surnames21).

`_groups.surname_mentions` reads 陳被控… as the one 陳 the article names, and gives up when
it names several. A trial report often lists a case's defendants and then states each
one's facts by surname, clause by clause (三名被告譚百熙、陳舜堯及王國斌，於2019年被捕。其中
譚在答辯時承認暴動罪，最終判囚3年；王在…；陳被控一項縱火罪，審訊裁定罪成，判囚2年5個月): each
surname is the one person of that surname the paragraph has just named, though the article
names other 陳 elsewhere. The same holds of a joined pair opening a clause (案中5名被告楊子軒、
羅浩彥…及連潤發…。羅及連 暴動罪成判囚3年). Officials (裁判官蘇文隆, 代表律師…) are never such a
person. A surname after 其中, or before 庭上 and a passive (黎庭上遭加控), is read as
`LONE_SURNAME` reads one: the article's one person of it, else the paragraph's one.

Example:
    paragraph_surnames(sentence, context, found)  # 陳被控… → 陳舜堯, named just before
"""

from __future__ import annotations

import re

from lionrock.fold import HAN_RE, fold
from lionrock.library.extract._lexicon import OFFICIAL_TITLE
from lionrock.library.extract._patterns import LONE_LIST, LONE_SURNAME
from lionrock.library.extract._persons import NameHit
from lionrock.library.extract._subjects import Context
from lionrock.library.extract._text import Sentence, zh

_HAN = r"[\u3400-\u9fff]"
#: What a lone surname is followed by when it is a clause's subject (as `LONE_SURNAME`).
_VERB = zh(r"被|遭|獲|亦|則|仍|須|因|在|承認|否認|期間|需|早前|現已|已|一直|於")
#: 其中譚在答辯時承認…, 黎庭上遭加控兩罪: a surname after 其中, or before 庭上 and a passive.
MORE_SURNAME = re.compile(
    rf"(?<={zh('其中')})({_HAN})(?={_VERB})"
    + rf"|(?<!{_HAN})({_HAN})(?={zh('(?:庭上|當庭)(?:被|遭|獲)')})"
)
#: 羅及連 暴動罪成判囚3年: two surnames joined, opening a clause (the pair is resolved only
#: where both are the paragraph's people).
PAIR = re.compile(
    rf"(?:^|(?<=[,;:，；：\s])|(?<={zh('其中')}))({_HAN})[及和與、]({_HAN})"
    + rf"(?=\s|{_VERB}|{zh('均|同|皆|都')})"
)
#: An official or a lawyer, never the defendant a surname stands for.
OFFICIAL = OFFICIAL_TITLE[:-1] + zh(r"|代表律師|大律師|律師|大狀)")


def paragraph_surnames(s: Sentence, context: Context, found: list[NameHit]) -> list[NameHit]:
    """The lone surnames of the sentence that the paragraph's names resolve (each to one
    person, not an official), where no name found covers them."""
    f = s.folded
    near = [*context.paragraph_names, *context.last_names]
    near = near if s.paragraph == context.paragraph else []
    spots: list[tuple[int, str, bool]] = []  # (where, surname, also the article's one)
    spots += [(m.start(), m.group(1), False) for m in LONE_SURNAME.finditer(f)]
    for m in LONE_LIST.finditer(f):
        spots += [(m.start() + i, m.group(0)[i], False) for i in range(0, len(m.group(0)), 2)]
    for m in MORE_SURNAME.finditer(f):
        at = m.start()
        spots.append((at, f[at], True))
    pairs = [(m.start(1), m.start(2)) for m in PAIR.finditer(f)]
    extra: list[NameHit] = []
    for a, b in pairs:
        people = [_one(f[at], near, context) for at in (a, b)]
        if all(people) and not _covered(a, found) and not _covered(b, found):
            extra += [_at(p, at) for p, at in zip(people, (a, b), strict=True) if p]
    for at, surname, anywhere in sorted(set(spots)):
        if _covered(at, [*found, *extra]):
            continue
        before = [*near, *(h for h in found if h.end <= at)]
        every = list(context.seen.values())
        person = (_one(surname, every, context) if anywhere else None) or _one(
            surname, before, context
        )
        if person is not None:
            extra.append(_at(person, at))
    return extra


def _one(surname: str, people: list[NameHit], context: Context) -> NameHit | None:
    """The one person of `people` whose name starts with `surname`, not an official."""
    by_name = {
        p.name: p
        for p in people
        if HAN_RE.match(p.name[:1]) and fold(p.name[0]) == surname and len(p.name) >= 2
    }
    kept = [p for p in by_name.values() if not _official(p.name, context.text)]
    return kept[0] if len(kept) == 1 else None


def _official(name: str, folded: str) -> bool:
    return re.search(OFFICIAL + re.escape(zh(name)), folded) is not None


def _covered(at: int, found: list[NameHit]) -> bool:
    return any(h.start <= at < h.end for h in found)


def _at(person: NameHit, at: int) -> NameHit:
    return NameHit(person.name, at, at + 1, person.entity_id, person.known)
