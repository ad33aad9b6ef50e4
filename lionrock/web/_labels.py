"""Words for the identifiers the app's pages show: review states, roles, kinds of change
and of suggestion, the severities of consistency checks. Marked here so that
`scripts/extract_messages.py` puts them in the catalogs; templates print them with `_()`,
and English's catalog gives them words (`in_review` is "in review"; issue #13, item 2)."""

from __future__ import annotations


def N_(message: str) -> str:
    """Marks a message for the catalogs; translated where it is shown."""
    return message


#: the review states of facts and changes (lionrock.model.REVIEW_STATES, review.STATES)
STATES = (N_("draft"), N_("suggested"), N_("in_review"), N_("published"), N_("rejected"))
#: fact statuses (lionrock.model.STATUSES); "alleged" is already the site's word
STATUSES = (N_("confirmed"),)
#: account roles (lionrock.auth.ROLES), also the scopes of API tokens
ROLES = (N_("reader"), N_("contributor"), N_("reviewer"), N_("admin"))
#: kinds of change, and the actions an entity's history records
CHANGES = (N_("create"), N_("edit"), N_("restore"), N_("merge"), N_("baseline"))
#: kinds of suggested fact (lionrock.library.extract KINDS)
SUGGESTIONS = (
    N_("arrested"),
    N_("charged"),
    N_("bail_granted"),
    N_("bail_denied"),
    N_("plea"),
    N_("verdict"),
    N_("sentence"),
    N_("custody"),
)
#: consistency checks: severities and what was checked (lionrock.record.checks)
CHECKS = (N_("error"), N_("warning"), N_("defendants"), N_("charges"), N_("cases"),
          N_("entities"))  # fmt: skip
