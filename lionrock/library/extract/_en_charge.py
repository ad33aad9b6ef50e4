"""An English charge in the active voice, the person right after the verb (issue #16,
extract49): "police … to charge activist “Fast Beat” Tam Tak-chi with the crime of
“uttering seditious words”", "prosecutors charged Jimmy Lai with collusion". The passive
("was charged with") is `CHARGE`'s; this is `active_charges`' English shape.

The name must follow the verb within a few words of title with no punctuation (activist,
former lawmaker, “Fast Beat”), and "with" must follow the name; an intention, a
possibility or a denial before the verb (plans to charge, could charge, did not charge) is
not a fact. Each offence named after "with" (up to the clause's end) is one hit.

Example: in "Police charged activist Tam Tak-chi with sedition.", Tam Tak-chi is charged
with `sedition`.
"""

from __future__ import annotations

import re

from lionrock.library.extract._lexicon import offences_in
from lionrock.library.extract._persons import NameHit
from lionrock.library.extract._subjects import Hit, charge_hit

#: charge, charged, charging, then up to 40 characters of title (no punctuation) before a
#: name: the lookahead leaves the name to the name finder.
VERB = re.compile(r"(?<![a-z])(?:charged?|charging)\s+(?=[^,;:.()]{0,40}$|[^,;:.()]{0,40}\S)")
#: Before the verb: an intention, a possibility or a denial (folded text is lower case).
NOT_DONE = re.compile(
    r"(?:\b(?:plans?|planned|planning|intends?|intended|wants?|wanted|seeks?|sought|threaten"
    r"\w*|decide\w*|consider\w*|whether|unlikely|likely|expected|set|about|may|might|could"
    r"|would|will|shall|should|can|not|never|n't)\s+(?:to\s+)?(?:be\s+)?$)"
    r"|\bto\s+be\s+$|\bwas\s+$|\bwere\s+$|\bbeen\s+$"
)
#: After "with": the offences, up to the clause's end.
END = re.compile(r"[.;]|,\s+(?:and|but|while|who|which)\b")


def english_active_charges(f: str, found: list[NameHit]) -> list[Hit]:
    """The charges a sentence states as "charge NAME with OFFENCE", one hit per offence
    whose people is that name."""
    hits: list[Hit] = []
    if "charg" not in f:
        return hits
    for m in VERB.finditer(f):
        if NOT_DONE.search(f[max(0, m.start() - 30) : m.start()]):
            continue
        # the name "with" follows (“Fast Beat” Tam Tak-chi: the nickname is not it)
        name = next(
            (
                n
                for n in found
                if m.end() <= n.start <= m.end() + 40 and re.match(r"\s+with\s", f[n.end :])
            ),
            None,
        )
        if name is None or re.search(r"[,;:.()]", f[m.end() : name.start]):
            continue
        at = f.index("with", name.end) + 4
        tail = f[at : at + 90]
        stop = END.search(tail)
        for offence in offences_in(tail[: stop.start()] if stop else tail):
            hits.append(charge_hit(offence, m.start(), m.end(), [name]))
    return hits
