"""Hits of English forms the Chinese-shaped patterns miss (issue #16, english21, counted over
the English court-keyword articles of the archive not in `test`).

- A remand told as being sent to a detention centre or back to remand (Next Media boss
  Jimmy Lai was sent to a detention centre after being charged with fraud and denied bail;
  the trial judge … sent Wan back to remand until May).
- Charges that name their offence by reference: "were subsequently charged with the
  offence", "was formally charged for the said offense". English digests name the offence
  once (the arrest of five members … for publishing … seditious publications) and then
  refer to it; the offence is the one the nearest earlier sentence that names any offence
  names, when it names one.

Example: `[h.value for h in offence_referred(f, "A was arrested for sedition.")]` is
`["sedition"]` for f = "a was charged with the offence."
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from lionrock.library.extract._english import PASSIVE_AUX
from lionrock.library.extract._lexicon import offences_in
from lionrock.library.extract._persons import NameHit
from lionrock.library.extract._subjects import Hit
from lionrock.library.extract._text import sentences

_HAN = re.compile(r"[\u3400-\u9fff]")

#: charged with the offence, formally charged for the said offense: the offence an earlier
#: sentence named (English digests name it once, then refer to it).
THE_OFFENCE = re.compile(
    r"\b(?:charged|indicted)\s+(?:with|for)\s+the\s+(?:said\s+|same\s+|above\s+)?"
    r"offen[cs]es?\b(?!\s+of\b)"
)
#: How many sentences back the offence may be named.
BACK = 3


def offence_referred(f: str, body_before: str) -> Iterator[Hit]:
    """Charge hits for "charged with the offence" in the folded English sentence `f`, whose
    offence is the one offence the nearest of the sentences of `body_before` (the article
    up to `f`, as written) that names any offence names: nothing when it names several, or
    when the sentence names one itself (charged with the offences under the NSL reads as
    before)."""
    for m in THE_OFFENCE.finditer(f):
        if _HAN.search(f) or offences_in(re.split(r"[,;:.]", f[m.end() :], maxsplit=1)[0]):
            continue
        earlier = [s.folded for s in sentences(body_before)][-BACK:]
        for before in reversed(earlier):
            named = offences_in(before)
            if named:
                if len(named) == 1:
                    o = named[0]
                    yield Hit("charged", m.start(), m.end(), o.key, False, o.statute, o.section)
                break


#: was sent to a detention centre, were sent back to the remand centre.
SENT = re.compile(
    PASSIVE_AUX + r"sent\s+(?:back\s+)?to\s+(?:a\s+|the\s+)?(?:detention|remand)\s+cent(?:re|er)\b"
)
#: (the judge) sent Wan back to remand, sent him to a detention centre: the one sent after
#: the verb, a few words at most.
SENT_ACTIVE = re.compile(
    r"\bsent\s+(?:[\w'’-]+\s+){1,4}?(?:back\s+to\s+(?:remand|custody)\b"
    r"|(?:back\s+)?to\s+(?:a\s+|the\s+)?(?:detention|remand)\s+cent(?:re|er)\b)"
)


def sent_to_remand(f: str, found: list[NameHit]) -> Iterator[Hit]:
    """Custody hits (remanded) of a folded English sentence that sends someone to a
    detention centre or back to remand (the active form: the names `found` inside it)."""
    if _HAN.search(f):
        return
    for m in SENT.finditer(f):
        yield Hit("custody", m.start(), m.end(), "remanded", confidence=0.85)
    for m in SENT_ACTIVE.finditer(f):
        people = [n for n in found if m.start() < n.start and n.end <= m.end()]
        if people and not SENT.search(f, max(0, m.start() - 20), m.end()):
            hit = Hit("custody", m.start(), m.end(), "remanded", confidence=0.85, active=True)
            hit.people = people
            yield hit
