"""Actor mentions that are no state: regions and treaties named after one, first names that are
capitals after an office title (pipeline/resources/actors/place_names.txt, titles.tsv)."""

from __future__ import annotations

import pytest

from pipeline.extract.actors import ActorResolver
from pipeline.nlp import get_nlp


def mentions(text: str) -> list[tuple[str, str | None]]:
    return [(m.text, m.actor) for m in ActorResolver(get_nlp()(text)).mentions]


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        ("Trade with Latin America grew by a fifth.", "usa"),
        ("Aid to Latin American countries will rise.", "usa"),
        ("Flights to Central America resumed.", "usa"),
        ("Canada said it would meet its Paris Agreement targets.", "fra"),
        ("Gavi chief executive Sofia Marchetti said the gap was large.", "bgr"),
    ],
)
def test_no_state_mention_inside_these_names(text: str, absent: str) -> None:
    assert absent not in [a for _, a in mentions(text)]


def test_the_bodys_name_with_a_region_adjective_is_kept() -> None:
    text = "The Community of Latin American and Caribbean States met in Havana."
    assert ("Community of Latin American and Caribbean States", "celac") in mentions(text)


def test_a_title_before_a_name_makes_a_person() -> None:
    found = mentions("IMF managing director Lena Okafor said talks would continue.")
    assert any(a == "person:lena okafor" for _, a in found)
