"""The Python API (polemos/__init__.py) reads text as the CLI does."""

from __future__ import annotations

import pytest

import polemos
from polemos.errors import InputError

BODY = "Rebels attacked an army post near Goma on Monday, killing three soldiers."


def test_api_code_text_strips_a_leading_date_line(knowledge) -> None:
    headed = polemos.code_text(f"date 2024-02-03\n{BODY}", knowledge=knowledge)
    plain = polemos.code_text(BODY, date="2024-02-03", knowledge=knowledge)
    assert headed and [m.text for m in headed] == [BODY]
    assert {m.published for m in headed} == {"2024-02-03"}
    # the header is not article text: offsets and ids are those of the body alone
    assert [(m.id, m.trigger, m.date) for m in headed] == [(m.id, m.trigger, m.date) for m in plain]


def test_api_code_text_header_date_wins_over_the_argument(knowledge) -> None:
    mentions = polemos.code_text(f"date 2024-02-03\n{BODY}", date="2020-01-01", knowledge=knowledge)
    assert {m.published for m in mentions} == {"2024-02-03"}
    assert {m.published for m in polemos.code_text(BODY, date="2020-01-01", knowledge=knowledge)} \
        == {"2020-01-01"}


@pytest.mark.parametrize(("text", "date", "field"), [
    ("date 2024-02-31\nRebels attacked a post.", None, "date"),
    ("   ", "2024-01-01", "text"),
    (BODY, "2024-13-01", "date"),
])
def test_api_code_text_bad_input_raises_input_error(knowledge, text: str, date: str | None,
                                                    field: str) -> None:
    with pytest.raises(InputError) as caught:
        polemos.code_text(text, date=date, knowledge=knowledge)
    assert caught.value.field == field
