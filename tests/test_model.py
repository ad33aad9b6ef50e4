"""The model: FtM plus the YAML extensions, with values checked loudly."""

from __future__ import annotations

import pytest

from lionrock.model import date_precision, get_model


def test_extensions_load_as_data() -> None:
    model = get_model()
    charge = model.get("Charge")
    assert charge is not None and charge.extension
    assert charge.ftm.name == "CourtCaseParty"
    assert charge.properties["plea"].enum == ("guilty", "not_guilty")
    assert set(charge.required) == {"defendant", "case", "offence"}
    person = model.get("Person")
    assert person is not None
    assert "custodyStatus" in person.properties
    assert "in_exile" in person.properties["custodyStatus"].enum
    # every schema named in the issue exists
    for name in (
        "Person",
        "Organization",
        "PublicBody",
        "Event",
        "CourtCase",
        "CourtCaseParty",
        "Sanction",
        "Position",
        "Occupancy",
        "Membership",
        "Documentation",
        "Article",
        "Address",
        "Mention",
        "Jurisdiction",
    ):
        assert model.get(name) is not None, name


@pytest.mark.parametrize(
    ("prop", "value", "expected"),
    [
        ("birthDate", "1957-12-07", "1957-12-07"),
        ("birthDate", "1957-12", "1957-12"),
        ("birthDate", "1957", "1957"),
        ("nationality", "Hong Kong", "hk"),
        ("custodyStatus", "remanded", "remanded"),
    ],
)
def test_clean_accepts(prop: str, value: str, expected: str) -> None:
    model = get_model()
    person = model.get("Person")
    assert person is not None
    assert model.clean(person, person.properties[prop], value) == expected


@pytest.mark.parametrize(
    ("prop", "value"),
    [
        ("birthDate", "2021-13-01"),  # FtM would silently keep "2021"
        ("birthDate", "07 Dec 1957"),
        ("birthDate", "2021-02-30"),
        ("nationality", "Atlantis"),
        ("custodyStatus", "free"),
        ("name", ""),
    ],
)
def test_clean_refuses(prop: str, value: str) -> None:
    model = get_model()
    person = model.get("Person")
    assert person is not None
    with pytest.raises(ValueError):
        model.clean(person, person.properties[prop], value)


def test_required_properties_are_enforced() -> None:
    model = get_model()
    charge = model.get("Charge")
    assert charge is not None
    assert model.missing_required(charge, {"defendant"}) == ["case", "offence"]


def test_date_precision() -> None:
    assert date_precision("2021") == "year"
    assert date_precision("2021-06") == "month"
    assert date_precision("2021-06-24") == "day"
