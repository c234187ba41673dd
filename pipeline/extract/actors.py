"""Actor resolution: surface forms in an article to canonical actor ids.

Ids follow ../shared/spec/extraction.md ("Actors"): ISO 3166-1 alpha-3 in lower case
for states (names and codes from `pycountry`, plus the aliases, capitals-as-metonyms
and demonyms in `pipeline/resources/actors/`), acronyms or slugs for intergovernmental
bodies and named groupings, `person:<full name as first written>`, `media:<name>`,
`anon:<country>` / `anon` for unnamed sources, `donors` for unnamed sets of states.

`ActorResolver(doc)` scans the body once with a few compiled regexes (no per-token
loop): gazetteer names, title + name patterns ("German Chancellor Friedrich Merz",
"Steven Mnuchin, Treasury secretary"), bare capitalised names, later surname mentions
("Merz", "Mr Osborne"), role nouns ("the chancellor"), pronouns and the common nouns
of `groups.tsv`. Pronouns and roles are resolved lazily, by position: "he"/"she" to
the nearest person before, "I"/"we" to the speaker of the quote they stand in,
"they" to the nearest state or body before (the usual news-style antecedents; see
Lee et al. 2013, "Deterministic coreference resolution based on entity-centric,
precision-ranked rules", for the sieve idea used here in a much smaller form).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeAlias

from pipeline.lexicon import data_lines, data_rows
from pipeline.nlp import doc_text

if TYPE_CHECKING:
    from spacy.tokens import Doc

RESOURCES = Path(__file__).resolve().parent.parent / "resources" / "actors"

__all__ = ["ActorRef", "ActorResolver", "Mention", "gazetteer"]


@dataclass
class ActorRef:
    actor: str | None
    """canonical id (`deu`, `eu`, `person:friedrich merz`, `media:afp`, `anon:deu`, `anon`)"""
    actor_country: str | None = None
    kind: str | None = None
    """country | organisation | person | media | anon | group"""
    name: str | None = None
    acts_for: str | None = None
    """the state or body this actor acts for: the committer id of a commitment it makes"""


@dataclass
class Mention:
    """One actor mention in the body: `[start, end)` and what it resolves to."""

    start: int
    end: int
    text: str
    kind: str
    """country | demonym | organisation | group | media | person | surname | role |
    pronoun | anon | state (a state's own organs: "ministers", "the government")"""
    actor: str | None = None
    title: str | None = None
    extra: dict[str, str | None] = field(default_factory=dict)


# ---------------------------------------------------------------- gazetteers


def _read_tsv(name: str) -> list[list[str]]:
    return data_rows(RESOURCES / name)


@dataclass
class Gazetteer:
    proper: dict[str, tuple[str, str]]
    """case-sensitive surface form -> (id, kind)"""
    titles: dict[str, str]
    groups: dict[str, tuple[str, str]]
    proper_re: re.Pattern[str]
    title_person_re: re.Pattern[str]
    appositive_re: re.Pattern[str]
    name_re: re.Pattern[str]
    common_re: re.Pattern[str]
    role_re: re.Pattern[str]


_CAP = r"(?:[a-z]{1,3}-)?[A-ZÀ-ÖØ-Þ][a-zà-öø-ÿ'’\-]+"
_PARTICLE = r"(?:von|van|der|den|de|da|di|del|bin|ibn|le|la|du|al|Von|Van|De|Al)"
_NAME = rf"{_CAP}(?:\s+(?:{_PARTICLE}\s+)*{_CAP}){{0,3}}"
_NAME2 = rf"{_CAP}(?:\s+(?:{_PARTICLE}\s+)*{_CAP}){{1,3}}"
_PRONOUNS = {
    "he": "he",
    "him": "he",
    "his": "he",
    "she": "she",
    "her": "she",
    "i": "i",
    "me": "i",
    "my": "i",
    "we": "i",
    "us": "i",
    "our": "i",
    "they": "they",
    "them": "they",
    "their": "they",
    "its": "they",
    "who": "who",
}
# Capitalised words that start sentences or name things other than people; a bare
# capitalised sequence starting or ending with one of them is not a person's name.
_NOT_NAME_FIRST = {
    "The",
    "A",
    "An",
    "In",
    "On",
    "At",
    "For",
    "But",
    "And",
    "Or",
    "As",
    "After",
    "Before",
    "During",
    "While",
    "When",
    "With",
    "Without",
    "This",
    "That",
    "These",
    "Those",
    "It",
    "He",
    "She",
    "They",
    "We",
    "I",
    "His",
    "Her",
    "Their",
    "Our",
    "My",
    "Its",
    "Mr",
    "Mrs",
    "Ms",
    "Dr",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
    "Among",
    "According",
    "Asked",
    "However",
    "Furthermore",
    "Despite",
    "Calling",
    "Separate",
    "Western",
    "International",
    "Donors",
    "Leaders",
    "Funds",
    "President",
    "Prime",
    "Minister",
    "Chancellor",
    "Secretary",
    "Foreign",
    "Defense",
    "Defence",
    "Treasury",
    "German",
    "Ukrainian",
    "Russian",
    "British",
    "French",
}
_NOT_NAME_LAST = {
    "Party",
    "Council",
    "Organization",
    "Organisation",
    "Union",
    "Law",
    "Day",
    "Show",
    "Fund",
    "Group",
    "Programme",
    "Program",
    "Ministry",
    "Agency",
    "Bank",
    "Forces",
    "Army",
    "Navy",
    "Fair",
    "Commission",
    "Office",
    "Court",
    "Conference",
    "Summit",
    "Strip",
    "Sea",
    "City",
    "House",
    "Street",
    "Democrats",
    "Republicans",
    "Initiative",
    "Shield",
    "News",
    "Times",
    "Post",
    "Minister",
    "Secretary",
    "President",
    "Chancellor",
    "Parliament",
    "Assembly",
    "Committee",
    "Department",
    "Treasury",
    "Coalition",
    "MPs",
    "Guard",
    "Corps",
    "Airbase",
    "East",
    "West",
    "North",
    "South",
    "Europe",
    "Asia",
    "Africa",
    "America",
}


_Trie: TypeAlias = dict[str, "_Trie"]
"""a character trie: each char maps to the trie of what may follow it; "" marks an end"""


def _alt(forms: list[str]) -> str:
    """One regex alternation for many literal forms, factored as a character trie: Python's
    `re` tries alternatives one by one, a trie lets it reject a position at the first char."""
    trie: _Trie = {}
    for f in set(forms):
        node = trie
        for ch in f:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _trie_re(trie)


def _trie_re(node: _Trie) -> str:
    end = "" in node
    branches = [re.escape(ch) + _trie_re(sub) for ch, sub in sorted(node.items()) if ch]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if end:
        body = "(?:" + body + ")?"
    return body


_NAMED_FUND = re.compile(
    r"(?<![\w\-])(?:The\s+)?"
    r"(?P<name>(?:[A-Z][\w\-]*[ \t]+(?:(?:for|of|and)[ \t]+)?){1,5}(?:Fund|Facility))(?![\w\-])"
    r"(?:[ \t]+\((?P<acr>[A-Z][A-Za-z\-]{1,14})\))?"
)


_DATELINE = re.compile(
    r"\s*(?P<place>[A-Z][A-Za-z.'\-]+(?:[ \t]+[A-Z][A-Za-z.'\-]+){0,2})"
    # "KABUL/ISLAMABAD, Sept. 4": filed from the first place
    r"(?:/[A-Z][A-Za-z.'\-]+(?:[ \t]+[A-Z][A-Za-z.'\-]+){0,2})*(?=,|:|[ \t]+\(|[ \t]+[-–—])"
)


@lru_cache(maxsize=1)
def _named_org_re() -> re.Pattern[str]:
    heads = _alt([row[0] for row in data_rows(RESOURCES / "organisation_heads.txt")] + _media_heads())
    return re.compile(
        r"(?<![\w\-])(?:The[ \t]+|the[ \t]+)?"
        rf"(?P<name>(?:[A-Z][\w\-&]*[ \t]+(?:(?:for|of)[ \t]+)?){{1,5}}(?:{heads}))"
        r"(?![\w\-]|[ \t]+(?:(?:for|of)[ \t]+)?[A-Z])(?:[ \t]+\((?P<acr>[A-Z][A-Za-z\-]{1,14})\))?"
    )


@lru_cache(maxsize=1)
def _name_only_heads() -> tuple[str, ...]:
    """Heads of bodies known by their name, not by the initials after it ("Red Cross")."""
    return tuple(row[0] for row in data_rows(RESOURCES / "organisation_heads.txt") if row[1:] == ["name"])


@lru_cache(maxsize=1)
def _media_heads() -> list[str]:
    """Last words of news organisations' names ("Broadcasting Corporation", "News")."""
    return data_lines(RESOURCES / "media_heads.txt")


@lru_cache(maxsize=1)
def _kind_bodies() -> dict[str, frozenset[str]]:
    """Anaphor head noun -> the bodies of that kind it may refer back to ("bloc" -> eu, asean...)."""
    return {row[0]: frozenset(row[1].split()) for row in _read_tsv("organisation_kinds.tsv") if len(row) > 1}


@lru_cache(maxsize=1)
def _state_anaphora_re() -> tuple[re.Pattern[str], dict[str, frozenset[str]]]:
    """ "the kingdom", "the Gulf state": the regex and each noun's candidate states."""
    table = {row[0].lower(): frozenset(row[1].split()) for row in _read_tsv("state_anaphora.tsv")}
    return (
        re.compile(
            rf"(?<![\w\-])[Tt]he[ \t]+(?P<head>(?i:{_alt(sorted(table))}))(?:['’]s)?(?![\w\-]|[ \t]+of[ \t])"
        ),
        table,
    )


@lru_cache(maxsize=1)
def _currency_names_re() -> re.Pattern[str]:
    """Currencies written after a figure and named after a state ("U.S. dollars", "Swiss francs",
    "Norwegian kroner"): the commitments' currency list, forms of two words or more."""
    forms = [
        row[0]
        for row in data_rows(RESOURCES.parent / "commitments" / "currencies.tsv")
        if len(row) > 4 and row[4] == "post" and " " in row[0]
    ]
    return re.compile(rf"(?<![\w\-])(?i:{_alt(forms)})(?![\w\-])")


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", name.lower()).strip("_")


def is_fund(actor: str) -> bool:
    """Whether an actor id names a fund: a named one ("Pacific Resilience Facility") or a
    gazetteer entry whose name ends in Fund or Facility (the Green Climate Fund, gcf)."""
    if actor.endswith(("_fund", "_facility")):
        return True
    return actor in _fund_ids()


@lru_cache(maxsize=1)
def _fund_ids() -> frozenset[str]:
    return frozenset(
        ident
        for name, (ident, _kind) in gazetteer().proper.items()
        if name.rstrip("'’s").split()[-1] in ("Fund", "Facility")
    )


@lru_cache(maxsize=1)
def _place_names_re() -> re.Pattern[str]:
    return re.compile(rf"(?<![\w\-])(?:{_alt(data_lines(RESOURCES / 'place_names.txt'))})(?![\w\-])")


@lru_cache(maxsize=1)
def _anaphora_heads() -> frozenset[str]:
    return frozenset(data_lines(RESOURCES / "anaphora_heads.txt"))


@lru_cache(maxsize=1)
def _anaphora_re() -> re.Pattern[str]:
    """ "the fund", "the regional bloc", "the Shanghai-based lender": a head noun after "the" and
    at most one modifier of anaphora_modifiers.txt or "<Place>-based" (not "the central bank")."""
    mods = _alt(data_lines(RESOURCES / "anaphora_modifiers.txt"))
    return re.compile(
        rf"(?<![\w\-])[Tt]he\s+(?:(?:{mods}|[A-Z][\w.]*-based)\s+){{0,2}}"
        rf"(?P<head>(?i:{_alt(sorted(_anaphora_heads()))}))(?![\w\-])"
    )


def _library_capitals() -> dict[str, str]:
    """Capitals of every state from the `countryinfo` package, used as metonyms ("to Lusaka"
    -> zmb), with their accents folded too ("Brasilia"). capitals.tsv (read first) decides
    its own entries; capital_exclusions.txt leaves out capitals that are common words or
    names ("Victoria", "Hamilton") or shared by two states."""
    import unicodedata

    import countryinfo

    skip = {
        w.strip()
        for w in (RESOURCES / "capital_exclusions.txt").read_text(encoding="utf-8").splitlines()
        if w.strip() and not w.startswith("#")
    }
    out: dict[str, str] = {}
    for c in countryinfo.all_countries():
        info = c.info()
        cap, alpha3 = info.get("capital"), (info.get("ISO") or {}).get("alpha3")
        if not isinstance(cap, str) or not alpha3 or cap in skip or not cap[:1].isupper():
            continue
        folded = unicodedata.normalize("NFKD", cap).encode("ascii", "ignore").decode()
        for name in {cap, folded} - skip:
            out.setdefault(name, alpha3.lower())
    return out


def _library_demonyms() -> dict[str, str]:
    """Demonyms of every country from the `countryinfo` package ("Tunisian" -> tun), and
    their people plurals ("Tunisians", "Iraqis"). A demonym that countryinfo gives to two
    states ("Congolese", "Dominican") is left out: demonyms.tsv decides those (and adds
    forms countryinfo lacks), and it is read first."""
    import countryinfo

    codes: dict[str, set[str]] = {}
    for c in countryinfo.all_countries():
        info = c.info()
        alpha3 = (info.get("ISO") or {}).get("alpha3")
        for d in re.split(r"[,/]", info.get("demonym") or ""):
            d = d.strip()
            if alpha3 and re.fullmatch(r"[A-Z][a-z]+(?:[ \-][A-Z][a-z]+)*", d):
                codes.setdefault(d, set()).add(alpha3.lower())
    out: dict[str, str] = {}
    for d, cs in codes.items():
        if len(cs) != 1:
            continue
        (code,) = cs
        out[d] = code
        if d.endswith(("an", "i")):
            out.setdefault(d + "s", code)
    return out


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """Load the actor lexicons once per process."""
    import unicodedata

    import pycountry

    proper: dict[str, tuple[str, str]] = {}
    for c in pycountry.countries:
        code = c.alpha_3.lower()
        for attr in ("name", "common_name", "official_name"):
            n = getattr(c, attr, None)
            if n and "," not in n:
                proper.setdefault(n, (code, "country"))
                # and as written without its accents ("Cote d'Ivoire", "Curacao")
                proper.setdefault(
                    unicodedata.normalize("NFKD", n).encode("ascii", "ignore").decode(), (code, "country")
                )
    for alias, code in _read_tsv("country_aliases.tsv"):
        proper[alias] = (code, "country")
    for alias, code in _read_tsv("capitals.tsv"):
        proper[alias] = (code, "country")
    for alias, code in _read_tsv("demonyms.tsv"):
        proper.setdefault(alias, (code, "demonym"))
    for alias, code in _library_demonyms().items():
        proper.setdefault(alias, (code, "demonym"))
    for alias, code in _library_capitals().items():
        proper.setdefault(alias, (code, "country"))
    for row in _read_tsv("organisations.tsv"):
        proper[row[0]] = (row[1], row[2] if len(row) > 2 else "organisation")
        if row[0].startswith("the "):  # "the Commission" opens a sentence as "The Commission"
            proper.setdefault("The " + row[0][4:], proper[row[0]])
    for alias, mid in _read_tsv("media.tsv"):
        proper[alias] = ("media:" + mid, "media")
    titles = {row[0].lower(): (row[1] if len(row) > 1 else "state") for row in _read_tsv("titles.tsv")}
    groups = {row[0].lower(): (row[1], row[2]) for row in _read_tsv("groups.tsv")}

    # "US$5 million" names a currency, not the United States
    proper_re = re.compile(rf"(?<![\w.\-])(?:{_alt(list(proper))})(?![\w\-$])(?:['’]s)?")
    title_alt = _alt(list(titles))
    # "[pre-modifiers] Title [of the X] Name": pre-modifiers are up to three capitalised
    # or upper-case words ("UK", "German", "NATO", "U.N.") or lower-case office words
    # ("foreign ministry spokeswoman").
    title_person_re = re.compile(rf"(?<![\w\-])(?P<title>(?i:{title_alt}))(?![\w\-])")
    appositive_re = re.compile(
        rf"(?P<name>{_NAME2}),\s+(?:the\s+|a\s+|an\s+)?(?P<pre>(?:[\w.\-]+\s+){{0,3}}?)"
        rf"(?P<title>(?i:{title_alt}))(?![\w\-])(?P<of>\s+(?:of|at)\s+(?:the\s+)?[^,.;]{{0,80}})?"
    )
    name_re = re.compile(rf"(?<![\w\-])(?:(?P<hon>Mr|Mrs|Ms|Dr)\.?\s+)?(?P<name>{_NAME})(?![\w])")
    common_forms = list(groups) + list(_PRONOUNS)
    common_re = re.compile(rf"(?<![\w\-])(?i:{_alt(common_forms)})(?![\w\-])")
    role_re = re.compile(
        rf"(?<![\w\-])(?P<det>[Tt]he|[Tt]his|[Tt]hat)\s+(?P<pre>(?:[A-Z][\w.\-]*\s+){{0,2}})"
        rf"(?P<title>(?i:{title_alt}))(?![\w\-])"
    )
    return Gazetteer(
        proper,
        titles,
        groups,
        proper_re,
        title_person_re,
        appositive_re,
        name_re,
        common_re,
        role_re,
    )


# ---------------------------------------------------------------- resolver

_QUOTE_RE = re.compile(r"[“\"‘](?=\S)[^“”\"]{3,}?[”\"]")
_SENT_END_RE = re.compile(r"[.!?]\s")


def _antecedent(found: list[Mention], head: str, start: int, text: str = "") -> Mention | None:
    """The last body named before `start` whose name ends in `head` ("the fund" -> the
    International Monetary Fund named before), if `head` is an anaphora head; or a state named
    as the first word of its own body's name ("the Kuwait Fund for ..." ... "the Fund": kwt)."""
    if head.lower() not in _anaphora_heads():
        return None
    head = head.lower()
    kind = _kind_bodies().get(head, frozenset())
    named = [
        x
        for x in found
        if x.end <= start
        and x.kind in ("organisation", "group", "country")
        and x.actor
        and (
            x.kind != "country"
            or text[x.end : x.end + len(head) + 1].lower() == " " + head
            or (len(x.text.split()) >= 3 and head in x.text.lower().split()[1:])
        )
        and (
            x.kind == "country"
            or _strip_poss(x.text).split()[-1].lower() == head
            # "the IMF ... the Fund", "Gavi ... the alliance": a body named by its initials or
            # one word, whose full name ends in the head
            or (len(_strip_poss(x.text).split()) == 1 and head in _name_heads().get(x.actor, frozenset()))
            # "ASEAN ... the bloc": a body of the head's kind (organisation_kinds.tsv)
            or x.actor in kind
        )
    ]
    if any(x.kind == "country" for x in named) and any(
        x.kind in ("organisation", "group")
        and x.actor
        and (x in named or (head in ("fund", "facility") and is_fund(x.actor)))
        for x in found
        if x.end <= start
    ):
        # another body of the kind (a fund: also "the Pacific Resilience Facility") is named
        # before: "the fund" is no longer surely the state's own
        named = [x for x in named if x.kind != "country"]
    return max(named, key=lambda x: x.start) if named else None


@lru_cache(maxsize=1)
def _name_heads() -> dict[str, frozenset[str]]:
    """The last word of every gazetteer name of each body: imf -> {"imf", "fund"}."""
    heads: dict[str, set[str]] = {}
    for row in _read_tsv("organisations.tsv"):
        if len(row) >= 2 and row[0].split():
            heads.setdefault(row[1], set()).add(row[0].split()[-1].lower())
    return {k: frozenset(v) for k, v in heads.items()}


def _refers_back(found: list[Mention], common: str, start: int, default: str, sentence: int = -1) -> bool:
    """Whether "the <head>" ("the alliance", whose gazetteer id is `default`, nato) refers back
    to another body named before ("Gavi, the Vaccine Alliance"), not to `default`: when
    `default` itself is not named before, or when the other body is named in the anaphor's own
    sentence (from `sentence` on: "ASEAN ministers said the bloc would ...") and `default` not
    after it."""
    words = _strip_poss(common.lower()).split()
    if len(words) != 2 or words[0] != "the":
        return False
    last = _antecedent(found, words[1], start)
    if last is None or last.actor == default:
        return False
    if last.start >= sentence >= 0 and not any(
        x.actor == default and last.start <= x.start < start for x in found
    ):
        return True
    return not any(x.actor == default and x.end <= start for x in found)


def _modified_by_name(found: list[Mention], text: str, start: int) -> bool:
    """True when a country or organisation name ends right before `start`, separated by
    spaces only, or by the bracket closing its initials ("Gulf Cooperation Council (GCC)
    countries"): the name modifies the noun that follows it."""
    return any(
        x.kind in ("country", "organisation")
        and x.end < start
        and re.fullmatch(r"\)?\s+", text[x.end : start]) is not None
        and not text[x.start : x.end].endswith(("'s", "’s"))  # "Kyiv's partners": its partners
        for x in found
        if start - 4 <= x.end <= start
    )


class ActorResolver:
    """Resolves actor mentions inside one document; later mentions reuse earlier ones."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.text: str = doc_text(doc)
        self.gaz = gazetteer()
        self.persons: dict[str, dict[str, str | None]] = {}
        """person id -> {name, country, body, title}"""
        self.mentions: list[Mention] = []
        self.funds: set[str] = set()
        """ids of the funds named in the text by a name no gazetteer knows ("the Pacific Resilience
        Facility"; the id is the gazetteer's when it knows the initials after the name)"""
        self.quotes: list[tuple[int, int]] = [(m.start(), m.end()) for m in _QUOTE_RE.finditer(self.text)]
        self._quote_starts = [a for a, _ in self.quotes]
        # sentence ends ("[.!?]\s", two characters: matches never overlap, so these are all of
        # them) and line breaks, for `_sentence_bounds` by bisection instead of a scan
        self._sent_ends = [m.start() for m in _SENT_END_RE.finditer(self.text)]
        self._newlines = [m.start() for m in re.finditer("\n", self.text)]
        self._title_country: dict[str, str | None] = {}
        self._memo: dict[tuple[object, ...], Any] | None = None
        self._scan()
        # the mentions and persons are final now: resolutions can be kept (a role mention
        # resolved by the one before it, and so on, costs once per mention, not once per path)
        self._memo = {}

    # ------------------------------------------------------------ scanning

    def _sentence_bounds(self, pos: int) -> tuple[int, int]:
        """The sentence around character `pos`: after the last line break or sentence end
        (within 400 characters) before it, to the next line break or sentence end."""
        import bisect

        nl, ends = self._newlines, self._sent_ends
        k = bisect.bisect_left(nl, pos) - 1
        last_nl = nl[k] if k >= 0 else -1
        # the last "[.!?]\s" lying wholly in [pos - 400, pos)
        j = bisect.bisect_right(ends, pos - 2) - 1
        last_end = ends[j] + 2 if j >= 0 and ends[j] >= max(0, pos - 400) else -1
        s = max(last_nl, last_end - 1)
        e_candidates = []
        k = bisect.bisect_left(nl, pos)
        if k < len(nl):
            e_candidates.append(nl[k])
        j = bisect.bisect_left(ends, pos)
        if j < len(ends):
            e_candidates.append(ends[j] + 1)
        e = min(e_candidates) if e_candidates else len(self.text)
        return max(s, 0), e

    def _in_crosshead(self, pos: int) -> bool:
        """Whether `pos` is on a line written all in capitals ("WHO IS PAYING")."""
        a = self.text.rfind("\n", 0, pos) + 1
        b = self.text.find("\n", pos)
        line = self.text[a : b if b >= 0 else len(self.text)]
        return len(line.split()) > 1 and not any(c.islower() or c.isdigit() for c in line)

    def _affiliation(self, text: str) -> tuple[str | None, str | None]:
        """(country, body) named inside a title's modifiers: "German", "UK", "NATO", "of the EU"."""
        country = body = None
        for m in self.gaz.proper_re.finditer(text):
            ident, kind = self.gaz.proper[_strip_poss(m.group(0))]
            if kind in ("country", "demonym") and country is None:
                country = ident
            elif kind in ("organisation", "group") and body is None:
                body = ident
        return country, body

    def _add_person(
        self, name: str, country: str | None, body: str | None, title: str | None, start: int
    ) -> str:
        name = _strip_poss(re.sub(r"\s+", " ", name).strip())
        pid = "person:" + name.lower()
        # a later full mention of a person already known by surname keeps the first id
        for known, info in self.persons.items():
            if info["surname"] == _surname(name) and (
                known == pid or name.lower().endswith(str(info["name"]).lower())
            ):
                pid = known
                break
        info = self.persons.setdefault(
            pid,
            {"name": name, "country": None, "body": None, "title": None, "surname": _surname(name)},
        )
        kind = self.gaz.titles.get(title or "", "state")
        if country and (kind == "state" or not body) and not info["country"] and not info["body"]:
            info["country"] = country
        elif body and not info["body"] and not info["country"]:
            info["body"] = body
        if title and not info["title"]:
            info["title"] = title
        if title and self.gaz.titles.get(title) == "state" and not info["country"] and not info["body"]:
            # an office with no state named: the state named earlier in the sentence, or
            # with the same office elsewhere ("the US treasury secretary"), or the article's first
            s, _ = self._sentence_bounds(start)
            c, _ = self._affiliation(self.text[s:start])
            if c is None:
                c = self._office_country(title)
            info["country"] = c or self._first_country()
        return pid

    def _office_country(self, title: str) -> str | None:
        """The state named with this office anywhere in the text ("the US treasury secretary"):
        the first such mention's; the text is read once per office, not once per person."""
        if title not in self._title_country:
            found = None
            for rm in self.gaz.role_re.finditer(self.text):
                if re.sub(r"\s+", " ", rm.group("title").lower()) == title:
                    found, _ = self._affiliation(rm.group("pre") or "")
                    if found:
                        break
            self._title_country[title] = found
        return self._title_country[title]

    def _first_country(self) -> str | None:
        for m in self.gaz.proper_re.finditer(self.text):
            ident, kind = self.gaz.proper[_strip_poss(m.group(0))]
            if kind in ("country", "demonym"):
                return ident
        return None

    def _scan(self) -> None:
        t, gaz = self.text, self.gaz
        mask = bytearray(len(t) + 1)

        class _Taken:
            def append(self, span: tuple[int, int]) -> None:
                mask[span[0] : span[1]] = b"\x01" * (span[1] - span[0])

        taken = _Taken()

        def free(s: int, e: int) -> bool:
            return mask.find(1, s, e) == -1

        found: list[Mention] = []
        # 0. places named after a state ("the South China Sea"): no mention inside them
        for m in _place_names_re().finditer(t):
            taken.append((m.start(), m.end()))
        # ... nor inside a currency named after one ("9.8 million U.S. dollars", "Swiss francs")
        for m in _currency_names_re().finditer(t):
            if m.group(0)[0].isupper():
                taken.append((m.start(), m.end()))
        # 1. title + name, and name + appositive title
        for tm in _title_persons(t, gaz):
            name = tm.group("name")
            if name.split()[0] in _NOT_NAME_FIRST or name in gaz.proper:
                continue
            title = re.sub(r"\s+", " ", tm.group("title").lower())
            country, body = self._affiliation((tm.group("pre") or "") + (tm.group("of") or ""))
            pid: str | None = self._add_person(name, country, body, title, tm.start())
            s = tm.start("pre") if tm.group("pre") else tm.start("title")
            pre = tm.group("pre") or ""
            # do not swallow a leading "his"/"the" or a sentence word into the span
            lead = re.match(r"(?:(?:his|her|their|its|the|The)\s+)+", pre)
            if lead and not country and not body:
                s += lead.end()
            found.append(Mention(s, tm.end(), t[s : tm.end()], "person", pid, title))
            taken.append((s, tm.end()))
        for m in gaz.appositive_re.finditer(t):
            if not free(m.start(), m.end("name")):
                continue
            name = m.group("name")
            if name.split()[0] in _NOT_NAME_FIRST or name in gaz.proper or name.split()[-1] in _NOT_NAME_LAST:
                continue
            title = re.sub(r"\s+", " ", m.group("title").lower())
            country, body = self._affiliation((m.group("pre") or "") + (m.group("of") or ""))
            if m.group("of") and not body and country:
                pass
            pid = self._add_person(name, country, body, title, m.start())
            found.append(Mention(m.start(), m.end("name"), name, "person", pid, title))
            taken.append((m.start(), m.end("name")))
        # 1b. a named body no gazetteer knows ("the Gates Foundation", "the Hong Kong Red
        # Cross"): an organisation with its slug, or with the acronym in brackets after it, which
        # then stands for it in the rest of the article (organisation_heads.txt)
        acronyms: dict[str, str] = {}
        # the gazetteer's names, scanned once: step 1b yields to them, step 2 adds them
        gazetteer_names = list(gaz.proper_re.finditer(t))
        known = [(g.start(), g.end()) for g in gazetteer_names]
        owners = {g.end(): g for g in gazetteer_names if re.search(r"['’]s$", g.group(0))}
        for m in _named_org_re().finditer(t):
            name = m.group("name")
            words = name.split()
            acr = m.group("acr")
            # "the World Bank's International Development Association (IDA)": a body's own body
            owner = owners.get(m.start() - 1) if t[m.start() - 1 : m.start()] == " " else None
            if owner is not None and gaz.proper[_strip_poss(owner.group(0))][1] != "organisation":
                owner = None
            # ... or by a body named just before ("the Nordic Bank's ..."): joined after the scan
            owned = any(
                x.kind == "organisation" and re.fullmatch(r"['’]s ", t[x.end : m.start()]) is not None
                for x in found[-3:]
            )
            if (
                not free(m.start("name"), m.end("name"))
                # part of a longer name the gazetteer knows ("Gavi, the Vaccine Alliance")
                or any(a < m.start("name") < b or a < m.end("name") < b for a, b in known)
                or _strip_poss(name) in gaz.proper
                # "International Development Association"; but "British Red Cross" is a body,
                # and so is a name given with its initials in brackets
                or (words[0] in _NOT_NAME_FIRST and words[0] not in gaz.proper and not acr)
                or (len(words) == 1 and not acr)
                # "The Fund said": the article and a head noun name no new body (step 6)
                or (len(words) == 2 and words[0] == "The")
                # "South Korea's Export-Import Bank": the state's own body
                or (
                    owner is None
                    and not owned
                    and re.search(r"['’]s\s+$", t[max(0, m.start() - 3) : m.start()])
                )
            ):
                continue
            if acr and acr in gaz.proper:
                continue  # "the Islamic Development Bank (IsDB)": the gazetteer's id
            start = owner.start() if owner is not None else m.start("name")
            bare = _strip_poss(name)
            media = next((h for h in _media_heads() if bare.endswith(" " + h)), None)
            if media is not None:
                # "the Australian Broadcasting Corporation": a news organisation, never a party
                found.append(Mention(start, m.end("name"), name, "media", "media:" + bare.lower()))
                taken.append((start, m.end("name")))
                continue
            # "the Gavi Alliance", "the NATO alliance": the body named before the head noun
            known_lead = gaz.proper.get(" ".join(bare.split()[:-1]))
            if (
                known_lead
                and known_lead[1] == "organisation"
                and bare.split()[-1].lower() in _name_heads().get(known_lead[0], ())
            ):
                ident = known_lead[0]
            elif acr and not bare.endswith(_name_only_heads()):
                # initials or a coined name in brackets are the body's usual name ("IDA",
                # "Afreximbank"): its id; a Red Cross society goes by its name (its slug)
                ident = acr.lower()
            else:
                ident = _slug(bare)
            found.append(Mention(start, m.end(), t[start : m.end()], "organisation", ident))
            taken.append((start, m.end()))
            if acr:
                acronyms[acr] = ident

        def add_acronym(acr: str, ident: str, kind: str) -> None:
            """Every later free "ACR" (or "ACR's") of the article as a mention of `ident`."""
            for a in re.finditer(rf"(?<![\w\-]){re.escape(acr)}(?:['’]s)?(?![\w\-])", t):
                if free(a.start(), a.end()):
                    found.append(Mention(a.start(), a.end(), a.group(0), kind, ident))
                    taken.append((a.start(), a.end()))

        for acr, ident in acronyms.items():
            add_acronym(acr, ident, "organisation")
        # 2. gazetteer names (states, capitals, demonyms, bodies, media)
        for m in gazetteer_names:
            if not free(m.start(), m.end()) or (m.group(0).isupper() and self._in_crosshead(m.start())):
                continue  # "WHO IS PAYING": a crosshead's capitals, not the WHO
            ident, kind = gaz.proper[_strip_poss(m.group(0))]
            if _refers_back(found, m.group(0), m.start(), ident, self._sentence_bounds(m.start())[0]):
                continue  # "the alliance" after "Gavi, the Vaccine Alliance": that one (step 6)
            found.append(Mention(m.start(), m.end(), m.group(0), kind, ident))
            taken.append((m.start(), m.end()))
        # 2b. a named fund no gazetteer knows ("the Pacific Resilience Facility"): a grouping
        # with its slug (extraction.md: "a fund such as gcf")
        for m in _NAMED_FUND.finditer(t):
            if not free(m.start("name"), m.end("name")):
                continue
            name = m.group("name")
            if name.split()[0] == "The" and len(name.split()) == 2:
                continue  # "The Fund said": the fund named before (step 6), no new one
            acr = m.group("acr")
            fund_id = gaz.proper.get(acr or "")
            if fund_id and fund_id[1] not in ("organisation", "group"):
                acr, fund_id = None, None  # "Fund (UK)": a state after the name is no acronym of it
            slug = fund_id[0] if fund_id else acr.lower() if acr else _slug(name)
            found.append(Mention(m.start("name"), m.end("name"), name, "group", slug))
            taken.append((m.start("name"), m.end("name")))
            self.funds.add(slug)
            if acr and not fund_id:
                add_acronym(acr, slug, "group")
        # 3. bare names: two or more capitalised words, or a known surname
        for m in gaz.name_re.finditer(t):
            if not free(m.start(), m.end()):
                continue
            name = m.group("name")
            words = _strip_poss(name).split()  # "Southeast Asia's": a place, like "Southeast Asia"
            hon = m.group("hon")
            if words[0] in _NOT_NAME_FIRST:
                # "The Chancellor ..." style openings: retry without the first word
                continue
            if len(words) >= 2 and re.search(
                r"[A-Z][\w\-]*[ \t]+(?:for|of|on)[ \t]+$", t[max(0, m.start() - 40) : m.start()]
            ):
                continue  # "Centers for Disease Control": the rest of a body's name, no person
            pid = self._person_by_surname(name)
            if pid is None and (len(words) >= 2 and words[-1] not in _NOT_NAME_LAST):
                if any(w in gaz.proper for w in words) or _sentence_initial_common(t, m.start(), words):
                    continue
                pid = self._add_person(name, None, None, None, m.start())
            if pid is None:
                continue
            found.append(
                Mention(
                    m.start(),
                    m.end(),
                    t[m.start() : m.end()],
                    "surname" if (hon or len(words) == 1) else "person",
                    pid,
                )
            )
            taken.append((m.start(), m.end()))
        # 4. role nouns ("the chancellor", "the US treasury secretary")
        for m in gaz.role_re.finditer(t):
            if not free(m.start(), m.end()):
                continue
            title = re.sub(r"\s+", " ", m.group("title").lower())
            country, body = self._affiliation(m.group("pre") or "")
            found.append(
                Mention(
                    m.start(),
                    m.end(),
                    m.group(0),
                    "role",
                    None,
                    title,
                    {"country": country, "body": body},
                )
            )
            taken.append((m.start(), m.end()))
        # 5. pronouns and common nouns (groups, unnamed sources, state organs)
        for m in gaz.common_re.finditer(t):
            if not free(m.start(), m.end()):
                continue
            low = m.group(0).lower()
            if low in _PRONOUNS:
                if low == "us" and m.group(0) == "US":
                    continue
                found.append(Mention(m.start(), m.end(), m.group(0), "pronoun", None, _PRONOUNS[low]))
            else:
                ident, kind = gaz.groups[low]
                if _refers_back(found, low, m.start(), ident, self._sentence_bounds(m.start())[0]):
                    continue  # "the alliance" after "Gavi, the Vaccine Alliance": that one (step 6)
                if kind == "group" and _modified_by_name(found, t, m.start()):
                    # "European Union governments", "Gulf Cooperation Council countries": the
                    # members of a named body, which the name stands for
                    continue
                found.append(Mention(m.start(), m.end(), m.group(0), kind, ident))
            taken.append((m.start(), m.end()))
        found.sort(key=lambda x: x.start)
        # "the World Bank's International Development Association": a body's own body, one mention
        merged: list[Mention] = []
        for x in found:
            prev = merged[-1] if merged else None
            if (
                prev is not None
                and prev.kind == "organisation"
                and x.kind == "organisation"
                and x.actor != prev.actor
                and (
                    (re.search(r"['’]s$", prev.text) and t[prev.end : x.start] == " ")
                    or re.fullmatch(r"['’]s ", t[prev.end : x.start])
                )
            ):
                merged[-1] = Mention(prev.start, x.end, t[prev.start : x.end], x.kind, x.actor)
            else:
                merged.append(x)
        found = merged
        # "Gavi, the Vaccine Alliance, said": a body's description in apposition is that body
        for k, x in enumerate(found[1:], 1):
            prev = found[k - 1]
            if (
                x.kind == "organisation"
                and prev.kind in ("organisation", "group")
                and prev.actor
                and prev.actor != "donors"
                and re.fullmatch(r",\s+(?:the\s+)?", t[prev.end : x.start])
                # "Gavi, the Vaccine Alliance, said"; not a list ("UNICEF, the Aga Khan
                # Foundation, and the Wellcome Trust", "the WHO, the Red Cross")
                and re.match(r"\s*,(?!\s*(?:and|or)\b)", t[x.end : x.end + 8])
                and not re.search(r",\s*(?:the\s+)?$", t[max(0, prev.start - 4) : prev.start])
                and _strip_poss(x.text) not in gaz.proper
            ):
                found[k] = Mention(x.start, x.end, x.text, prev.kind, prev.actor, x.title, x.extra)
        # 6. "the fund" / "the bank": the last body named before whose name ends in that noun
        for m in _anaphora_re().finditer(t):
            if not free(m.start(), m.end()):
                continue
            last = _antecedent(found, m.group("head"), m.start(), t)
            if last is not None:
                found.append(Mention(m.start(), m.end(), m.group(0), last.kind, last.actor))
                taken.append((m.start(), m.end()))
        # 6b. "the kingdom", "the Gulf state": the last state of that kind named before
        state_re, state_kinds = _state_anaphora_re()
        for m in state_re.finditer(t):
            if not free(m.start(), m.end()):
                continue
            kinds = state_kinds[re.sub(r"\s+", " ", m.group("head").lower())]
            prior = [x for x in found if x.end <= m.start() and x.kind in ("country", "demonym")]
            last = next((x for x in reversed(sorted(prior, key=lambda x: x.start)) if x.actor in kinds), None)
            if last is not None:
                found.append(Mention(m.start(), m.end(), m.group(0), "country", last.actor))
                taken.append((m.start(), m.end()))
        found.sort(key=lambda x: x.start)
        self.mentions = found
        self._starts = [x.start for x in found]

    def _person_by_surname(self, name: str) -> str | None:
        """A known person by full name, surname ("Merz", "von der Leyen") or the last part
        of a prefixed surname ("Sumait" for "al-Sumait"); one dict lookup."""
        index: dict[str, str] = self.__dict__.setdefault("_name_index", {})
        if self.__dict__.get("_indexed") != len(self.persons):
            index.clear()
            for pid, info in self.persons.items():
                full = str(info["name"]).lower()
                sur = str(info["surname"]).lower()
                for key in (full, sur, sur.split("-")[-1], " ".join(full.split()[-2:])):
                    index.setdefault(key, pid)
            # "Chinese Premier Li Keqiang ... Li pledged", "Xi Jinping ... Xi said": the family
            # name written first; after every surname, so a surname always wins
            for pid, info in self.persons.items():
                words = str(info["name"]).split()
                if len(words) >= 2 and len(words[0]) >= 2 and words[0][0].isupper():
                    index.setdefault(words[0].lower(), pid)
            self.__dict__["_indexed"] = len(self.persons)
        return index.get(name.lower())

    # ------------------------------------------------------------ queries

    def mentions_in(self, start: int, end: int) -> list[Mention]:
        """Mentions lying inside `[start, end)`, in order."""
        import bisect

        i = bisect.bisect_left(self._starts, start)
        out = []
        while i < len(self.mentions) and self.mentions[i].start < end:
            if self.mentions[i].end <= end:
                out.append(self.mentions[i])
            i += 1
        return out

    def _overlapping(self, start: int, end: int) -> list[Mention]:
        """Mentions overlapping `[start, end)`, in order (by bisection: a mention starting
        more than the longest mention's length before `start` cannot reach it)."""
        import bisect

        longest = self._memo.get(("longest",)) if self._memo is not None else None
        if longest is None:
            longest = max((m.end - m.start for m in self.mentions), default=0)
            if self._memo is not None:
                self._memo[("longest",)] = longest
        lo = bisect.bisect_left(self._starts, start - longest)
        hi = bisect.bisect_left(self._starts, end)
        return [m for m in self.mentions[lo:hi] if m.end > start]

    def in_quote(self, pos: int) -> tuple[int, int] | None:
        import bisect

        # the quotes are regex matches in order, never overlapping: only the last one
        # starting at or before `pos` can hold it
        k = bisect.bisect_right(self._quote_starts, pos) - 1
        if k >= 0 and pos < self.quotes[k][1]:
            return self.quotes[k]
        return None

    def speaker_at(self, pos: int) -> ActorRef:
        """Who speaks at `pos`: for a quote, the person named right after it ("...," Lambrecht
        said) or before it in the sentence (Scholz said "..."), else the last person named."""
        q = self.in_quote(pos)
        if q:
            # only the first mention after the quote counts, and only within 40 characters:
            # a bounded window keeps this constant however long the sentence is
            s, e = self._sentence_bounds(q[1])
            after = [
                m
                for m in self.mentions_in(q[1], min(len(self.text), max(e, q[1] + 60), q[1] + 240))
                if m.kind in ("person", "surname", "role", "pronoun") and m.title != "i"
            ]
            if after and after[0].start - q[1] < 40:
                return self._resolve_mention(after[0])
            s0, _ = self._sentence_bounds(q[0])
            # the last person named before the quote in its sentence, found walking back from
            # the quote (not by listing the whole sentence's mentions)
            import bisect

            k = bisect.bisect_left(self._starts, q[0]) - 1
            floor = max(s0, q[0] - 400)  # a sentence's own speaker, not one pages back
            while k >= 0 and self.mentions[k].start >= floor:
                m = self.mentions[k]
                if m.end <= q[0] and (
                    m.kind in ("person", "surname", "role")
                    or (m.kind == "pronoun" and m.title in ("he", "she"))
                ):
                    return self._resolve_mention(m)
                k -= 1
        return self._last_person(pos)

    def _last_person(self, pos: int, gender: str | None = None) -> ActorRef:
        import bisect

        i = bisect.bisect_left(self._starts, pos) - 1
        if self._memo is None:  # still scanning: the mentions are not final
            return self._last_person_from(i)
        return self._last_person_at(i)

    def _last_person_from(self, i: int) -> ActorRef:
        """The person named by mention i or the nearest one before it (a role resolved)."""
        while i >= 0:
            m = self.mentions[i]
            if m.kind in ("person", "surname") and m.actor:
                return self._person_ref(m.actor)
            if m.kind == "role":
                ref = self._resolve_mention(m)
                if ref.actor:
                    return ref
            i -= 1
        return ActorRef(None)

    def _last_person_at(self, i: int) -> ActorRef:
        """`_last_person_from(i)`, kept for every mention up to i and computed in text order:
        a role resolved by the person before it (itself perhaps a role) is looked up, not
        searched again, so a run of roles costs once per role and never recurses deeply."""
        if i < 0:
            return ActorRef(None)
        done = self._memo.setdefault(("last_person_list",), [])  # type: ignore[union-attr]
        while len(done) <= i:
            k = len(done)
            m = self.mentions[k]
            ref = done[k - 1] if k else ActorRef(None)
            if m.kind in ("person", "surname") and m.actor:
                ref = self._person_ref(m.actor)
            elif m.kind == "role":
                own = self._resolve_mention(m)  # looks up only mentions before k
                if own.actor:
                    ref = own
            done.append(ref)
        return done[i]  # type: ignore[no-any-return]

    def _subject_person(self, pos: int) -> ActorRef:
        """Antecedent of he/she: the first person named in the sentence before the pronoun,
        else the first person of the nearest earlier sentence naming one (the subject is
        the preferred antecedent: Grosz, Joshi & Weinstein 1995, centering)."""
        s, _ = self._sentence_bounds(pos)
        while True:
            people = [m for m in self.mentions_in(s, pos) if m.kind in ("person", "surname", "role")]
            if people:
                return self._resolve_mention(people[0])
            if s <= 0:
                return ActorRef(None)
            pos = s
            s, _ = self._sentence_bounds(max(0, s - 2))
            if s >= pos:
                return ActorRef(None)

    def _last_state(self, pos: int, *, skip_groups: bool = False, plural: bool = False) -> ActorRef:
        """The nearest state, body or grouping named before `pos` ("they" prefers a named
        state or body over a common noun such as "allies" within 300 characters, unless that
        noun is the nearest and in its own sentence: "26 governments said that they ...")."""
        import bisect

        i = bisect.bisect_left(self._starts, pos) - 1
        fallback: Mention | None = None
        sentence = self._sentence_bounds(pos)[0]
        while i >= 0:
            m = self.mentions[i]
            if m.kind in ("country", "demonym", "organisation", "group") and m.actor:
                if (
                    m.kind == "group"
                    and plural
                    and fallback is None
                    and m.start >= sentence
                    and _SUBJECT_SAYS.match(self.text, m.end, pos)
                ):
                    return self._resolve_mention(m)  # "26 governments said that they ..."
                if m.kind == "group" and skip_groups and pos - m.start < 300:
                    fallback = fallback or m
                else:
                    return self._resolve_mention(m)
            i -= 1
        return self._resolve_mention(fallback) if fallback else ActorRef(None)

    def _person_ref(self, pid: str) -> ActorRef:
        info = self.persons.get(pid, {})
        country = info.get("country")
        return ActorRef(pid, country, "person", info.get("name"), country or info.get("body"))

    def _country_before(self, pos: int) -> str | None:
        s, _ = self._sentence_bounds(pos)
        named = [m.actor for m in self.mentions_in(s, pos) if m.kind in ("country", "demonym")]
        return named[0] if named else None

    def _speaker_country(self, organ: Mention) -> str | None:
        """The state of the office-holder named last before a state organ in its sentence
        ("Finance Minister X said the government ..."), unless the organ names its own state
        after it ("the government of Chad")."""
        if re.match(r"\s+of\s", self.text[organ.end : organ.end + 4]):
            return None
        s, _ = self._sentence_bounds(organ.start)
        people = [x for x in self.mentions_in(s, organ.start) if x.kind == "person" and x.title]
        if not people:
            return None
        if self.gaz.titles.get(people[-1].title or "", "state") != "state":
            return None
        return self._resolve_mention(people[-1]).actor_country

    def _paragraph_country_if_two_datelines(self, pos: int) -> str | None:
        """For an article filed from two places ("TAIPEI/WASHINGTON -"), whose first place need
        not be the organ's state: the last state named before `pos` in its paragraph."""
        dl = _DATELINE.match(self.text)
        if dl is None or "/" not in dl.group(0):
            return None
        start = self.text.rfind("\n", 0, pos) + 1
        named = [x.actor for x in self.mentions_in(start, pos) if x.kind in ("country", "demonym")]
        return named[-1] if named else None

    def _dateline_country(self) -> str | None:
        """The state of the place the article is filed from ("BERN, April 10 (SDA) -")."""
        dl = _DATELINE.match(self.text)
        if dl is None:
            return None
        for place in (dl.group("place"), dl.group("place").title()):
            hit = self.gaz.proper.get(place.strip())
            if hit and hit[1] in ("country", "demonym"):
                return hit[0]
        return None

    def _country_near(self, pos: int) -> str | None:
        s, e = self._sentence_bounds(pos)
        for m in self.mentions_in(s, e):
            if m.kind in ("country", "demonym"):
                return m.actor
        return None

    def _resolve_mention(self, m: Mention) -> ActorRef:
        memo = self._memo
        if memo is None:
            return self._resolve_mention_uncached(m)
        key = ("mention", m.start, m.end, m.kind, m.actor, m.title, m.text)
        ref = memo.get(key)
        if ref is None:
            ref = memo[key] = self._resolve_mention_uncached(m)
        return ref

    def _resolve_mention_uncached(self, m: Mention) -> ActorRef:
        if m.kind in ("country", "demonym"):
            return ActorRef(m.actor, m.actor, "country", _strip_poss(m.text), m.actor)
        if m.kind in ("organisation", "group"):
            return ActorRef(
                m.actor,
                None,
                "organisation" if m.kind == "organisation" else "group",
                _strip_poss(m.text),
                m.actor,
            )
        if m.kind == "media":
            return ActorRef(m.actor, None, "media", _strip_poss(m.text), None)
        if m.kind in ("person", "surname"):
            return self._person_ref(str(m.actor))
        if m.kind == "role":
            title = m.title or ""
            cands = [
                pid
                for pid, info in self.persons.items()
                if info.get("title")
                and (
                    str(info["title"]) == title
                    or str(info["title"]).endswith(" " + title)
                    or title.endswith(" " + str(info["title"]))
                )
            ]
            if cands:
                # the nearest preceding person with this title, else the first one named later
                prev = [x for x in self.mentions if x.end <= m.start and x.actor in cands]
                return self._person_ref(str(prev[-1].actor if prev else cands[0]))
            if title in ("official",):
                return ActorRef("anon", None, "anon", m.text)
            return self._last_person(m.start)
        if m.kind == "pronoun":
            if m.title == "who":
                return self._last_person(m.start)
            if m.title in ("he", "she"):
                return self._subject_person(m.start)
            if m.title == "i":
                return self.speaker_at(m.start)
            return self._last_state(m.start, skip_groups=True, plural=m.text.lower() != "its")
        if m.kind == "anon":
            country = None
            low = m.text.lower()
            if any(w in low for w in ("government", "official", "diplomat", "ministry")):
                country = self._country_near(m.start)
            return ActorRef("anon:" + country if country else "anon", country, "anon", m.text, country)
        if m.kind == "state":
            q = self.in_quote(m.start)
            country = None
            # "the Biden administration", "the Tusk government": the leader's state
            lead = re.search(r"([A-Z][\w\-]+)(?:['’]s)?\s+$", self.text[max(0, m.start - 30) : m.start])
            if lead:
                word = lead.group(1)
                pid = self._person_by_surname(word)
                if pid and self.persons[pid].get("country"):
                    country = self.persons[pid]["country"]
                elif word in self.gaz.proper and self.gaz.proper[word][1] in ("country", "demonym"):
                    country = self.gaz.proper[word][0]
            if q and m.text.lower() in ("this government", "the government", "government"):
                country = self.speaker_at(m.start).actor_country
            if country is None:
                # a state named before the organ in its sentence, else the state of a minister
                # speaking in it ("Finance Minister X said the government would ..."), else the
                # dateline's state ("BERN - The Federal Council approved ... for Ukraine": not the
                # recipient after it)
                country = (
                    self._country_before(m.start)
                    or self._speaker_country(m)
                    or self._paragraph_country_if_two_datelines(m.start)
                    or self._dateline_country()
                )
            if country is None:
                country = self._country_near(m.start)
            if country is None:
                country = self._last_state(m.start).acts_for or self._first_country()
            return ActorRef(country, country, "country", m.text, country)
        return ActorRef(None)

    def resolve(self, start: int, end: int) -> ActorRef:
        """The actor named by body[start:end] (character offsets)."""
        text = self.text[start:end].strip()
        exact = self.gaz.proper.get(_strip_poss(text))
        if exact and exact[1] != "demonym":
            ident, kind = exact
            for x in self._overlapping(start, end):
                if x.text == text and x.kind in ("organisation", "group") and x.actor != ident:
                    return self._resolve_mention(x)  # "the alliance" read as the body named before
            if kind == "media":
                return ActorRef(ident, None, "media", text, None)
            if kind == "country":
                return ActorRef(ident, ident, "country", text, ident)
            return ActorRef(ident, None, kind, text, ident)
        inside = self._overlapping(start, end)
        if (
            inside
            and _ANON_HEAD.search(text)
            and not any(m.kind in ("person", "surname", "media") for m in inside)
        ):
            # "a German government source", "a senior Russian official": unnamed, tied to a state
            country = next((m.actor for m in inside if m.kind in ("country", "demonym")), None)
            if country is None and re.search(r"government|official|diplomat|ministry", text, re.I):
                country = self._country_near(start)
            return ActorRef("anon:" + country if country else "anon", country, "anon", text, country)
        if inside:
            # the head of "X and his counterpart Y" / "a government source cited by AFP" is
            # the first mention; a leading demonym in "The German conservative opposition"
            # or "a German government source" qualifies the noun after it
            first = inside[0]
            last = inside[-1]
            if (
                len(inside) > 1
                and first.kind in ("country", "demonym", "organisation")
                and last.kind == "person"
                and last.end >= start + len(self.text[start:end].rstrip())
                and not re.search(
                    r",|\band\b|\bby\b|\bvia\b|\bto\b|\bof\b", self.text[first.end : last.start]
                )
            ):
                # "EU foreign policy chief Federica Mogherini": the person the phrase ends in
                return self._resolve_mention(last)
            if (
                len(inside) > 1
                and first.kind in ("person", "surname")
                and re.search(r"['’]s$", first.text)
                and inside[1].kind == "state"
                and not self.text[first.end : inside[1].start].strip()
            ):
                # "Olaf Scholz's government": the state the person's government is
                ref = self._resolve_mention(inside[1])
                if ref.actor:
                    return ref
            if (
                first.kind == "demonym"
                and len(inside) > 1
                and inside[1].kind in ("anon", "state", "group", "person")
            ):
                ref = self._resolve_mention(inside[1])
                if inside[1].kind == "anon":
                    return ActorRef("anon:" + str(first.actor), first.actor, "anon", ref.name, first.actor)
                if inside[1].kind == "state":
                    return ActorRef(first.actor, first.actor, "country", ref.name, first.actor)
                return ref
            return self._resolve_mention(first)
        if not text:
            return ActorRef(None)
        m = self.gaz.name_re.fullmatch(text)
        if m:
            pid = self._person_by_surname(m.group("name"))
            if pid:
                return self._person_ref(pid)
        return ActorRef(None, None, None, text)


class _TitleMatch:
    """A title + name match assembled from three anchored regexes (fast: the title is
    found first, then the modifiers before it and the name after it)."""

    def __init__(
        self,
        text: str,
        pre: re.Match[str] | None,
        pre_off: int,
        title: re.Match[str],
        tail: re.Match[str],
    ) -> None:
        self._g = {
            "title": (title.start("title"), title.end("title")),
            "pre": (pre_off + pre.start(), pre_off + pre.end()) if pre and pre.group(0) else None,
            "of": (tail.start("of"), tail.end("of")) if tail.group("of") else None,
            "name": (tail.start("name"), tail.end("name")),
        }
        self._t = text

    def group(self, k: str) -> str:
        span = self._g[k]
        return self._t[span[0] : span[1]] if span else ""

    def start(self, k: str | None = None) -> int:
        if k is None:
            first = self._g["pre"] or self._g["title"]
            assert first is not None
            return first[0]
        span = self._g[k]
        return span[0] if span else -1

    def end(self, k: str | None = None) -> int:
        return self._g["name"][1] if k is None else self._g[k][1]  # type: ignore[index]


_PRE_RE = re.compile(
    r"(?:(?:[A-Z](?:\.[A-Z])+\.|[A-Z][\w\-]*(?:['’]s)?|foreign|defen[cs]e|finance|interior|ministry|development|"
    r"his|her|their|its|the|The)[ \t]+){1,4}$"
)
_TAIL_RE = re.compile(
    rf"(?P<of>\s+of\s+(?:the\s+)?(?:[A-Z][\w\-]*(?:\s+[A-Z][\w\-]*)*|[a-z]+))?"
    # "Ukraine's Minister of Foreign Affairs, Dmytro Kuleba", "Japan's ambassador, Kenji Morita":
    # a full name after a comma too (not the office's last word)
    rf"(?:,(?=\s+{_NAME2}))?\s+(?P<name>{_NAME})(?![\w])"
)


def _title_persons(text: str, gaz: Gazetteer) -> list[_TitleMatch]:
    out = []
    for tm in gaz.title_person_re.finditer(text):
        tail = _TAIL_RE.match(text, tm.end())
        if not tail:
            continue
        off = max(0, tm.start() - 80)
        pre = _PRE_RE.search(text, off, tm.start())
        if "," in text[tm.end() : tail.start("name")] and not _CLOSED_APPOSITION.match(
            text, tail.end("name")
        ):
            # "Japan's ambassador, Kenji Morita, said": the name in a closed apposition holds the
            # title; "After meeting the Chinese president, Joe Biden promised": a new clause's
            # subject does not
            continue
        out.append(_TitleMatch(text, pre, 0, tm, tail))
    return out


# after a name: the apposition it stands in is closed (a comma, the sentence's end)
_CLOSED_APPOSITION = re.compile(r"\s*(?:[,.;:)]|$)")


# what lies between a group and the "they" it is the antecedent of: the group says, in the same
# clause, no quote opened ("26 governments said in a joint declaration that they ...")
_SUBJECT_SAYS = re.compile(
    r"\s+(?:[a-z]+\s+){0,2}(?:said|say|says|agreed|agree|declared|announced|stated|insisted|warned)"
    r"\b[^.;:\"“”]*$"
)

_ANON_HEAD = re.compile(
    r"\b(?:a|an|one|two|three|several|some)\s+(?:[\w\-]+\s+){0,4}"
    r"(?:source|sources|official|diplomat|diplomats|insider|person|people)\b",
    re.I,
)


def _strip_poss(s: str) -> str:
    return re.sub(r"['’]s$", "", s)


def _surname(name: str) -> str:
    words = name.split()
    i = len(words) - 1
    while i > 0 and re.fullmatch(_PARTICLE, words[i - 1]):
        i -= 1
    return " ".join(words[i:])


def _sentence_initial_common(text: str, start: int, words: list[str]) -> bool:
    """Sentence-initial "Separate sanctions", "Flash floods": a capitalised first word
    followed by a lower-case one is no name; only multi-capital runs reach here."""
    return False
