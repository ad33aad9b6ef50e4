"""English sentences (HKFP-style digests and English quotes inside Chinese articles): the
pieces the triggers and the name finder share (issue #16, extract24, counted over the
unlabelled court-keyword pool, where 425 English sentences hold a trigger).

- An adverb between the auxiliary and the participle (Joshua Wong … was also arrested;
  Bao Choy … was even charged by the government; were subsequently charged).
- A second name joined by "and" after its role (Cheung Kim-hung and Chief Editor Law
  Wai-kong; Chairman Lai Man-ling and external vice chairman Yeung Yat-yi): one list.
- Titles before a name are not part of it (Chief Editor Law Wai-kong is Law Wai-kong).
- Remand as a state (Wu Chi-wai, who was still in remand; their immediate remanding).

Example: `bool(re.search(PASSIVE_AUX + "arrested", "was also arrested"))` is True.
"""

from __future__ import annotations

import re

from lionrock.library.extract._text import words

#: was/were … arrested or charged, with one adverb between (not a verb: "was arrested"
#: stays as before).
ADVERB = (
    r"(?:also|later|subsequently|then|again|eventually|formally|officially|first|even"
    r"|reportedly|initially|finally|previously|recently|already|briefly"
    r"|immediately|instantly|swiftly|promptly|separately|jointly|both|all)"  # (extract49)
)
PASSIVE_AUX = r"(?:was|were|been|being|got)\s+(?:" + ADVERB + r"\s+)?"

#: " and external vice chairman ", " (right) and Chief Editor ": a second name after its
#: role is the same list; the role's words are not verbs, clauses or prepositions.
_NOT_ROLE = (
    r"(?!(?:was|were|is|are|be|been|has|have|had|said|says|told|who|whom|which|that|then"
    r"|also|to|by|with|for|at|in|on|from|after|before|when|while|the\s+police|police"
    r"|his|her|their|its|not|no)\b)(?![a-z]+ed\b)"
)
AND_ROLE = (
    r"^\s*(?:[(（][^)）]{0,12}[)）])?\s*,?\s*and\s+(?:" + _NOT_ROLE + r"[A-Za-z][a-z-]*\s+){1,5}$"
)

#: Words of a role or title that start a run of capitals without being the name.
#: Not an official's (Judge, Magistrate, Superintendent, Secretary, Executive stay in
#: `EN_STOP`, so Chief Magistrate Victor So and Chief Executive Carrie Lam stay no one).
TITLES = frozenset(
    words(
        "Chairman Chairwoman Chair Vice External Internal Chief Editor Publisher Founder "
        "President Former Lawmaker Legislator Councillor Activist Convenor Convener"
    )
)

#: handed a 16-month jail term, with a two-year prison sentence: a term written before the
#: noun for it, after a verb of receiving (not "faces a 10-year jail term", a maximum; the
#: term itself is read by `TERM_EN` from the group `term`; extract49).
TERM_NOUN = re.compile(
    r"\b(?:handed|given|received|receiving|gets?|got|with)\s+(?:a|an)\s+"
    r"(?P<term>[\w.]+[\s-]+(?:years?|months?|weeks?)(?:[\s-]+and[\s-]+[\w.]+[\s-]+months?)?)"
    r"[\s-]+(?:jail|prison|custodial)\s+(?:term|sentence)\b"
)

#: in remand, remanding: a remand stated as a state or a noun of the act.
REMAND = r"\bin\s+remand\b|\bremanding\b"

#: Law Wai-kong, Lai Man-ling: a surname and a hyphenated given name.
CANTONESE = re.compile(r"[A-Z][a-z]+ [A-Z][a-z]+-[a-z]+")

_TITLE = re.compile(r"([A-Z][a-z]+)\s+")


def untitled(run: str) -> int:
    """How many characters of titles start the run of capitals (Chief Editor Law
    Wai-kong: 13), so that the name is what follows them."""
    at = 0
    while (m := _TITLE.match(run, at)) and m.group(1) in TITLES:
        at = m.end()
    return at
