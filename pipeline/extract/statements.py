"""Statements (attributions): who said, reported, believes or wants what.

Definition: ../shared/spec/extraction.md, after PolNeAR / PARC (Pareti 2016;
Newell, Margolin and Ruths, LREC 2018): a statement is a **source**, a **cue**
and a **content** span. The rules run over the shared blank-English Doc
(tokens, sentences, lookup lemmas; no tagger or parser exists), so they read
English reporting constructions off token order:

- ``X said (that) C`` / ``X told reporters (that) C`` / ``X emphasized C``:
  source left of the cue, content right (textacy ``direct_quotations`` and the
  PARC cue-source adjacency);
- ``C, X said`` / ``"C," said X`` / ``C - X said``: content first;
- ``according to X, C`` / ``C, according to X``, incl. nested ``a source cited
  by AFP`` (source = inner source, ``via`` = outer);
- ``..., adding/emphasizing that C``: participial cue, source of the clause;
- belief and intent (``X believes/thinks/wants C``);
- quotes over several sentences take the whole quote; a quote continued after
  ``he said`` in a following sentence or paragraph is its own statement with
  the same source and cue (extraction.md, Judgement calls);
- ``..., UNN reports with reference to AFP`` wrapping another attribution adds
  the media to that statement's ``via`` instead of a statement of its own.

No statement is made without a source in the text ("is seen as" is skipped), nor
where nothing is claimed (extraction.md "Statements need a claim"): a reason given
("citing the law"), an intent to give or raise something ("hopes to raise $6bn"), an
amount handed over ("released $5 million"), the verb of a relative clause on a noun
("..., a claim Kigali denies"), or an attribution reported inside another statement's
content ("the minister said Kenya had asked China to ..."). Datelines ("WASHINGTON,
Jan 28 (AP) -", "NEW DELHI:") are neither content nor a speaker.
Cue words come from data files (`statement_lexicon.py`), learned from PolNeAR
train plus a curated list; a word that is a cue only some of the time in PolNeAR train
(class "learned") needs the attribution tagger to tag it as a cue too, when the tagger runs.
"""

from __future__ import annotations

import heapq
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import accumulate
from typing import TYPE_CHECKING, Any

from spacy.attrs import IDX, IS_ALPHA, IS_SPACE, LEMMA, LOWER, ORTH, SENT_START, SPACY

from pipeline.extract import confidence
from pipeline.extract.attribution_model import Tokens, model_available, tag
from pipeline.extract.statement_lexicon import Lexicon, load_lexicon
from pipeline.extract.statement_quotes import (
    DOUBLE_CLOSE,
    DOUBLE_OPEN,
    DOUBLE_STRAIGHT,
    QUOTE_CHARS,
    SINGLE_CLOSE,
    SINGLE_OPEN,
    Coverage,
    pair_quote_tokens,
    paragraphs_of,
)
from pipeline.nlp import doc_text, lemma_table

if TYPE_CHECKING:
    from collections.abc import Callable

    from spacy.tokens import Doc

    from pipeline.extract.actors import ActorResolver
    from pipeline.extract.statement_quotes import Quote

__all__ = ["find_statements"]

DOUBLE = DOUBLE_OPEN | DOUBLE_CLOSE | DOUBLE_STRAIGHT
ALL_QUOTES = QUOTE_CHARS
DASHES = {"-", "–", "—", "--", "―"}
MAX_SOURCE = 12
MIN_CONTENT_WORDS = 2
CLAIM_HEAD = 6
DATELINE = 16
"""tokens a dateline may run before its dash or colon ('WASHINGTON, Jan 28, 2019 (AP) -')"""
"""tokens of a content within which a clause shows its finite verb (see `_Finder.claim`)"""
EMBEDDED_DROP = ("belief", "learned")


@dataclass
class _Tok:
    """Per-token arrays of one Doc (built once, read by every rule)."""

    text: list[str]
    lower: list[str]
    lemma: list[str]
    start: list[int]
    end: list[int]
    alpha: list[bool]
    upper: list[bool]
    space: list[bool]
    sent: list[int]
    para: list[int]
    qin: list[int]
    """index of the double-quote span a token is inside, or -1"""


@dataclass
class _Stmt:
    src: tuple[int, int] | None  # token span
    cue: tuple[int, int]
    content: tuple[int, int]
    direct: bool = False
    via: list[str] = field(default_factory=list)
    src_chars: tuple[int, int] | None = None  # copied source (continuations)
    cue_chars: tuple[int, int] | None = None
    lemma: str = ""
    sent: int = -1
    continuation: bool = False
    strength: str = ""
    """how the content was found: quote, strong (that/colon), clause,
    weak (noun phrase), left, participle; model (the attribution tagger)"""
    cls: str = ""
    """cue class (speech, position, clause_only, belief, relay, learned; model)"""


class _Finder:
    def __init__(self, doc: Doc, resolver: ActorResolver, lex: Lexicon) -> None:
        self.doc = doc
        self.text = doc_text(doc)
        self.resolver = resolver
        self.lex = lex
        self.w = lex.words
        self.source_phrases = [tuple(p.split()) for p in lex.words.get("source_phrases", ())]
        self.pledge_lemmas = _pledge_lemmas(lex.pledge_verbs)
        table = lemma_table()  # for capitalised tokens: the lemmatizer is case sensitive
        text, lower, lemma, start, end, alpha, upper, space = [], [], [], [], [], [], [], []
        trailing: list[str] = []
        raw_lemma: list[str] = []  # spaCy's own lemma, as the tagger was trained on it
        sent: list[int] = []
        self.sents: list[tuple[int, int]] = []
        si, s_start = -1, 0
        # one pass over the Doc's arrays (a Token object per token costs more than the rest of
        # this loop; so does Doc.sents): ids become strings through one dict per article
        strings = doc.vocab.strings
        named: dict[int, str] = {}
        lowered: dict[int, str] = {}
        rows = doc.to_array([ORTH, LOWER, LEMMA, IDX, IS_ALPHA, IS_SPACE, SENT_START, SPACY])
        for i, (o, lo_id, le_id, idx, is_alpha, is_space, sent_start, spacy) in enumerate(rows.tolist()):
            x = named.get(o)
            if x is None:
                x = named[o] = strings[o]
            lo = named.get(lo_id)
            if lo is None:
                lo = named[lo_id] = strings[lo_id]
            le = lowered.get(le_id)
            if le is None:
                le = lowered[le_id] = strings[le_id].lower()
            raw_lemma.append(le)
            if le == lo and not x.islower():
                le = str(table.get(lo, lo)) if table else lo
            if sent_start == 1 or si < 0:
                if si >= 0:
                    self.sents.append((s_start, i))
                s_start = i
                si += 1
            sent.append(si)
            text.append(x)
            lower.append(lo)
            lemma.append(le)
            start.append(idx)
            end.append(idx + len(x))
            alpha.append(bool(is_alpha))
            upper.append(x[:1].isupper())
            space.append(bool(is_space))
            trailing.append(" " if spacy else "")
        if si >= 0:
            self.sents.append((s_start, len(text)))
        para = paragraphs_of(text, trailing)
        self.tagger_lower = lower  # the tagger reads the words as it was trained on them
        lower = _acronyms_kept(text, lower, sent)
        self.quotes = pair_quote_tokens(self.text, text, start, space, para)
        qin = [-1] * len(doc)
        for qi, q in enumerate(self.quotes):
            for i in range(q.open + 1, min(q.close, len(doc))):
                qin[i] = qi
        self.t = _Tok(text, lower, lemma, start, end, alpha, upper, space, sent, para, qin)
        self.raw_lemma = raw_lemma
        self.open_map = {q.open: q for q in self.quotes}
        self.close_map = {q.close: q for q in self.quotes if q.closed}
        self.n = len(doc)
        self.tagger_cues: list[tuple[int, int]] | None = None
        """the cues the attribution tagger found (token spans), None until it ran or when it is off"""
        # word tokens as a prefix count: `words_in` is O(1), not a scan of its range
        self.word = [any(c.isalnum() for c in x) for x in text]
        self.word_prefix = list(accumulate(self.word, initial=0))
        # quotes by position, for the joins' look-ups (`self.quotes` is sorted by `open`)
        self.quote_opens = [q.open for q in self.quotes]
        self.quote_rank = {id(q): k for k, q in enumerate(self.quotes)}
        self.closed_closes = sorted(self.close_map)
        # the last word token before each position (-1: none), for `join_quote_before`
        self.last_word_before = [-1] * (self.n + 1)
        for i in range(self.n):
            self.last_word_before[i + 1] = i if self.word[i] else self.last_word_before[i]

    # ------------------------------------------------------------ helpers

    def is_word(self, i: int) -> bool:
        return 0 <= i < self.n and self.word[i]

    def is_quote(self, i: int) -> bool:
        return 0 <= i < self.n and self.t.text[i] in ALL_QUOTES

    def is_sep(self, i: int) -> bool:
        if not 0 <= i < self.n:
            return False
        x = self.t.text[i]
        if x == "-":
            # a hyphen inside a word ("Holtz-Eakin", "R-Ga.") does not separate
            return (
                i == 0
                or self.t.start[i] > self.t.end[i - 1]
                or (i + 1 < self.n and self.t.start[i + 1] > self.t.end[i])
            )
        return x in self.w["separators"] or x in DASHES

    def words_in(self, a: int, b: int) -> int:
        """Word tokens in [a, b) (positions outside the Doc count none)."""
        a, b = max(a, 0), min(b, self.n)
        return self.word_prefix[b] - self.word_prefix[a] if b > a else 0

    def trim(self, a: int, b: int) -> tuple[int, int]:
        """Drop leading/trailing punctuation, spaces and quote marks."""
        while a < b and (not self.is_word(a)) and self.t.text[a] not in ("$", "€", "£"):
            a += 1
        while b > a and not self.is_word(b - 1) and self.t.text[b - 1] not in ("%", "$"):
            b -= 1
        return a, b

    def quote_of(self, i: int) -> Quote | None:
        q = self.t.qin[i] if 0 <= i < self.n else -1
        return self.quotes[q] if q >= 0 else None

    def opening_quote_at(self, i: int) -> Quote | None:
        return self.open_map.get(i)

    def closing_quote_at(self, i: int) -> Quote | None:
        return self.close_map.get(i)

    # ------------------------------------------------------------ cues

    def cue_class(self, i: int) -> str | None:
        t = self.t
        if not t.alpha[i]:
            return None
        if (i + 1 < self.n and t.text[i + 1] == "-" and t.start[i + 1] == t.end[i]) or (
            i > 0 and t.text[i - 1] == "-" and t.end[i - 1] == t.start[i]
        ):
            return None  # part of a compound: "counter-drone", "so-called"
        cls = self.lex.cue_class.get(t.lemma[i]) or self.lex.cue_class.get(t.lower[i])
        if cls is None and t.lemma[i] in self.lex.learned_rate and not t.upper[i]:
            cls = "learned"
        if cls is None:
            return None
        lo = t.lower[i]
        w_subj = self.w["subject_pronouns"] | {"i", "we", "they"}
        fr = self.lex.form_rate.get(lo)
        if fr is not None and fr[1] >= self.lex.form_min[1] and fr[0] < self.lex.form_min[0]:
            return None  # this form is mostly something else in news text ("tweets", "states")
        forms = self.lex.only_forms.get(t.lemma[i])
        if forms is not None and lo not in forms:
            return None
        prev = self.prev_word(i)
        if prev is not None:
            pl = t.lower[prev]
            contracted = (
                pl in ("'s", "’s")
                and prev > 0
                and t.lower[prev - 1] in self.w["subject_pronouns"] | {"there", "what"}
                and t.lower[i] != t.lemma[i]
            )  # "he’s claiming", "she’s sought": is/has, not a possessive
            if (
                (pl in self.w["determiners"] and pl not in ("that", "both", "all"))
                or pl in self.w["possessive"]
            ) and not (contracted or self.quantifier_subject(prev, i)):
                return None  # "the call", "his statement", "the world's call": a noun
            if pl == "to" and not lo.endswith("ing") and self.control_before(prev) is None:
                return None  # infinitive: "plans to announce" (not "appeared to suggest")
        if (
            lo == t.lemma[i]
            and cls != "belief"
            and not lo.endswith("s")
            and prev is not None
            and t.lower[prev] not in self.w["aux"]
            and t.lower[prev] not in self.w["subject_pronouns"]
            and t.lower[prev] not in ("i", "we", "you", "they")
            and not self.quantifier_subject(prev, i)
        ):
            # base form after anything but an auxiliary or a pronoun ("the bill would call")
            # is usually a noun or an imperative; keep only plain present forms
            nxt = i + 1
            followed = nxt < self.n and (
                t.lower[nxt] in ("that", ":")
                or self.opening_quote_at(nxt) is not None
                or t.lower[nxt] in w_subj
            )
            coordinated = "and" in t.lower[max(0, prev - 4) : prev] or t.lower[prev] in self.w["relative"]
            if not (
                t.lower[prev].endswith("s")
                or followed
                or coordinated
                or t.lower[prev] in ("and", "also", "often", "still")
            ):
                return None
        if (
            cls == "position"
            and lo != t.lemma[i]
            and lo.endswith("s")
            and i + 1 < self.n
            and t.lower[i + 1] in ("about", "of", "or")
        ):
            return None  # "faces questions about", "demands of the unions": a plural noun
        if t.upper[i]:
            first = self.sent_start(i)
            while first < i and (t.space[first] or self.is_quote(first)):
                first += 1
            if first != i:
                return None  # capitalised mid-sentence: a name ("Call of Duty")
        return cls

    def quantifier_subject(self, q: int, i: int) -> bool:
        """Does the determiner at q stand alone as the subject of the cue at i ("Some say the
        plan will fail", "Both said they would stay", "the two said that ...")? Only when the
        cue is followed by the start of its content: 'that', a colon, a quote, a pronoun, a
        determiner or a name ("the said agreement", "many reported cases" are nouns)."""
        t, w = self.t, self.w
        if t.lower[q] not in w["quantifier_subjects"] or i + 1 >= self.n:
            return False
        before = self.prev_word(q)
        if before is not None and t.lower[before] in w["possessive"]:
            return False
        nxt = i + 1
        return (
            t.lower[nxt] in ("that", ":")
            or self.opening_quote_at(nxt) is not None
            or (t.lower[nxt] == "," and nxt + 1 < self.n and self.opening_quote_at(nxt + 1) is not None)
            or t.lower[nxt] in w["subject_pronouns"]
            or t.lower[nxt] in ("i", "we", "they")
            or t.lower[nxt] in w["determiners"]
            or (t.upper[nxt] and t.alpha[nxt])
        )

    def prev_word(self, i: int) -> int | None:
        j = i - 1
        s0 = self.sent_start(i)
        while j >= s0 and self.t.space[j]:
            j -= 1
        return j if j >= s0 else None

    def sent_start(self, i: int) -> int:
        return self.sents[self.t.sent[min(max(i, 0), self.n - 1)]][0]

    def sent_end(self, i: int) -> int:
        # (a position past the last token, "... was pledged by" at the end of a text, is in
        # the last sentence)
        return self.sents[self.t.sent[min(max(i, 0), self.n - 1)]][1]

    def is_passive(self, i: int) -> bool:
        t = self.t
        j = i - 1
        s0 = self.sent_start(i)
        while j >= s0 and (t.lower[j] in self.w["adverbs"] or t.lower[j].endswith("ly")):
            j -= 1
        participle = t.lower[i] != t.lemma[i] and not t.lower[i].endswith(("ing", "s"))
        if participle and i + 1 < self.n and t.lower[i + 1] == "by":
            return True  # "a government source cited by AFP", "remarks quoted by Reuters"
        if j < s0 or t.lower[j] not in self.w["passive_be"]:
            return False
        return t.lower[i] != t.lemma[i] and not t.lower[i].endswith("ing")

    def particle_end(self, i: int) -> int:
        parts = self.lex.particles.get(self.t.lemma[i], ())
        if i + 1 < self.n and self.t.lower[i + 1] in parts:
            return i + 2
        return i + 1

    # ------------------------------------------------------------ sources

    def control_before(self, to: int) -> int | None:
        """'appeared to suggest', 'went on to say', 'has yet to explain': the index of the
        raising/control verb before the infinitive marker at `to`, else None."""
        t = self.t
        j = self.prev_word(to)
        if j is None:
            return None
        if t.lower[j] == "on":  # "went on to say"
            j = self.prev_word(j)
            if j is None or t.lemma[j] != "go":
                return None
        if t.lemma[j] in self.w["control_verbs"] or t.lower[j] in self.w["control_verbs"]:
            return j
        return None

    def skip_left_modifiers(self, k: int, s0: int) -> int:
        """From token k leftwards, skip auxiliaries, adverbs, time phrases ('on Friday')."""
        t, w = self.t, self.w
        steps = 0
        while k >= s0 and steps < 8:
            lo = t.lower[k]
            if lo == "to" and (control := self.control_before(k)) is not None:
                k = control - 1
                steps += 1
                continue
            if lo in w["quantifier_subjects"] and (
                k == s0 or not t.alpha[k - 1] or t.lower[k - 1] in w["determiners"]
            ):
                break  # "Both said ...", "The two each said": the quantifier is the subject
            if (
                lo in w["aux"]
                or (t.alpha[k] and not t.upper[k] and lo.endswith("ly"))
                or (lo in w["adverbs"] and lo not in ("in", "on", "at"))
            ):
                k -= 1
                steps += 1
                continue
            if (
                lo.isdigit()
                and len(lo) == 4
                and k - 1 >= s0
                and t.lower[k - 1] in ("in", "since", "by", "until")
            ):
                k -= 2  # "who in 2010 said"
                steps += 1
                continue
            if lo in w["time_words"] or (t.upper[k] and lo in w["time_words"]):
                # "on Friday", "last week", "days ago", "in an interview"
                j = k - 1
                while (
                    j >= s0
                    and j >= k - 4
                    and t.lower[j] not in ("on", "in", "at", "last", "this", "earlier", "late", "during")
                ):
                    if not t.alpha[j] or t.upper[j] and t.lower[j] not in w["time_words"]:
                        break
                    j -= 1
                if j >= s0 and t.lower[j] in (
                    "on",
                    "in",
                    "at",
                    "last",
                    "this",
                    "earlier",
                    "late",
                    "during",
                ):
                    k = j - 1
                    steps += 1
                    continue
                if lo in ("ago",):
                    k -= 1
                    steps += 1
                    continue
            break
        return k

    def left_source(self, cue: int) -> tuple[int, int] | None:
        """The noun phrase that ends just before the cue (after auxiliaries/adverbs)."""
        t, w = self.t, self.w
        s0 = self.sent_start(cue)
        k = self.skip_left_modifiers(cue - 1, s0)
        if k < s0:
            return None
        lo = t.lower[k]
        if lo in w["subject_pronouns"] or lo in ("i", "we", "you", "they"):
            return (k, k + 1) if lo != "that" else None
        if lo in w["relative"]:
            # "many of whom say ...": the quantified relative is the source
            a = k
            if k - 2 >= s0 and t.lower[k - 1] == "of":
                a = k - 2
            return (a, k + 1)
        if (not self.is_word(k) and lo != ")") or lo in w["clause_breakers"]:
            return None
        j = k
        count = 0
        while j >= s0 and count < MAX_SOURCE:
            lj = t.lower[j]
            if lj == ")" and j == k or lj == ")":
                # "Sen. David Perdue (R-Ga.)": skip a parenthesis inside the name
                m = j - 1
                while m > s0 and t.lower[m] != "(" and j - m < 8:
                    m -= 1
                if t.lower[m] == "(" and m > s0:
                    j = m - 1
                    count += 1
                    continue
                break
            phrase = next(
                (
                    len(p)
                    for p in self.source_phrases
                    if j - len(p) + 1 > s0 and j < k and tuple(t.lower[j - len(p) + 1 : j + 1]) == p
                ),
                0,
            )
            if phrase:
                # "two people with knowledge of the proposal", "sources familiar with the talks"
                j -= phrase
                count += phrase
                continue
            if j - 1 > s0 and j < k and tuple(t.lower[j - 1 : j + 1]) in self.lex.via_markers:
                # "a Gulf diplomat cited by AFP said": the inner source speaks, AFP relays
                return self.left_source(j - 1)
            if self.is_quote(j) or (self.is_sep(j) and lj not in ("-", "–")):
                break
            if lj in ("-", "–") and (t.space[j] or j + 1 < self.n and t.start[j + 1] > t.end[j]):
                break  # spaced dash separates clauses; a hyphen inside a name does not
            if lj == "in" and s0 < j < k and self.number_word(j - 1) and self.number_word(j + 1):
                j -= 1  # "one in three said", "four in 10 voters say": a share speaks
                count += 1
                continue
            if (
                lj in w["clause_breakers"]
                and lj not in w["source_inner"]
                and not (
                    lj in ("in", "to")
                    and j > s0
                    and j < k
                    and (t.upper[j + 1] or (j + 2 <= k and t.lower[j + 1] == "the" and t.upper[j + 2]))
                )
            ):
                # (but "the Japanese embassy in Kabul", "diplomats in Brussels", "Britain's
                # ambassador to the AU" go on)
                break
            if lj in w["subject_pronouns"] and j != k:
                break
            if t.space[j]:
                break
            if (
                t.alpha[j]
                and not t.upper[j]
                and lj not in w["source_inner"]  # "the French armed forces ministry"
                and (
                    (t.lemma[j] != lj and lj.endswith(("ed", "ing")))
                    or (t.lemma[j] in self.lex.cue_class and (j == k or t.lemma[j] != lj))
                )
                and not (j == k and self.determined_noun(j, s0))
            ):
                # a verb form: the noun phrase ends here ("rejected growing calls"); a bare
                # form inside it modifies ("state media", "press office")
                break
            j -= 1
            count += 1
        a = j + 1
        while a <= k and (
            t.lower[a] in w["source_inner"] and t.lower[a] != "the" and not t.upper[a] or not self.is_word(a)
        ):
            a += 1
        if a > k or not any(self.is_word(i) and not t.text[i].isdigit() for i in range(a, k + 1)):
            return None
        if t.lower[a] in w["np_prepositions"]:
            return None  # "Outside the formal pledges, ...": a noun phrase never opens with a preposition
        return (a, k + 1)

    def determined_noun(self, j: int, s0: int) -> bool:
        """A cue word right after a determiner or a possessive is a noun that can head a
        source: "The report found ...", "the agency's reports say ...", "Their advocates
        argue ..." (not the verb of "rejected growing calls")."""
        t, w = self.t, self.w
        if t.lower[j].endswith(("ed", "ing")) or j - 1 < s0:
            return False
        before = t.lower[j - 1]
        return (before in w["determiners"] and before not in w["quantifier_subjects"]) or before in w[
            "possessive"
        ]

    def number_word(self, i: int) -> bool:
        """A number in digits or a small one written out ("three", "10")."""
        lo = self.t.lower[i]
        return lo.isdigit() or lo in self.w["number_words"]

    def right_source(self, i: int) -> tuple[int, int] | None:
        """Inverted order: '..., said X' / '..., says the minister'."""
        t, w = self.t, self.w
        end = self.sent_end(i)
        j = i
        while j < end and j < i + MAX_SOURCE:
            lj = t.lower[j]
            if lj == "(" and j > i:
                break
            if self.is_sep(j) or self.is_quote(j) or lj in (".", "!", "?") or t.space[j]:
                break
            if lj in w["relative"] or (lj in w["clause_breakers"] and lj not in w["source_inner"] and j > i):
                break
            j += 1
        a, b = self.trim(i, j)
        if b <= a or not any(self.is_word(x) and not t.text[x].isdigit() for x in range(a, b)):
            return None
        return (a, b)

    def subordinate_subject(self, k: int, found: list[_Stmt]) -> tuple[int, int] | None:
        """'..., while Scholz's own coalition partners are in favour and have criticized him':
        the subject of the subordinate clause that the coordinated verb at k belongs to."""
        t = self.t
        s0 = self.sent_start(k)
        floor = max([st.cue[1] for st in found if st.sent == t.sent[k] and st.cue[0] < k] + [s0])
        j = k - 1
        while j > floor and t.lower[j] not in self.w["subordinators"]:
            j -= 1
        if j <= floor or t.lower[j] not in self.w["subordinators"]:
            return None
        rs = self.right_source(j + 1)
        if rs is None or not any(t.upper[x] for x in range(rs[0], rs[1])):
            return None
        return rs

    def clause_subject(self, i: int, found: list[_Stmt]) -> tuple[int, int] | None:
        """Source of a participial cue (', adding that ...'): the last source in the sentence,
        else the sentence-initial noun phrase."""
        s = self.t.sent[i]
        for st in reversed(found):
            if st.sent == s and st.cue[0] < i:
                return st.src  # the same speaker as the clause's attribution
        t, w = self.t, self.w
        s0 = self.sent_start(i)
        a = s0
        while a < i and not self.is_word(a):
            a += 1
        if a >= i:
            return None
        if t.lower[a] in w["subject_pronouns"] and t.lower[a] not in ("that", "which", "it"):
            return (a, a + 1)
        b = a
        while (
            b < i
            and (t.upper[b] or t.lower[b] in w["determiners"] or t.lower[b] in w["source_inner"])
            and not self.is_sep(b)
            and b - a < 8
        ):
            b += 1
        if b > a and t.lower[b - 1] in w["possessive"]:
            # "Kosovo's government thanked NATO and asked ...": the possessed noun
            while b < i and b - a < 10 and t.alpha[b] and not t.upper[b] and self.cue_class(b) is None:
                if t.lower[b] in w["aux"] or t.lower[b] in w["adverbs"] or t.lower[b] in w["clause_breakers"]:
                    break
                if t.lemma[b] != t.lower[b] and not t.lower[b].endswith("s"):
                    break  # a verb form ("went", "urged"), not a noun (plurals end in -s)
                b += 1
        if b > a and any(t.upper[x] and t.alpha[x] for x in range(a, b)):
            return self.trim(a, b)
        return None

    # ------------------------------------------------------------ contents

    def quote_content(self, q: Quote) -> tuple[int, int]:
        return self.trim(q.open + 1, q.close)

    def right_content(self, p: int, lemma: str, cls: str) -> tuple[tuple[int, int], str] | None:
        """Content after the cue: ('that'|':') clause, a quote, or the rest of the sentence.
        Returns (span, strength) with strength 'strong' (that/colon/quote/clause) or 'weak'."""
        t, w = self.t, self.w
        end = self.sent_end(p - 1) if p > 0 else self.n
        if p >= end:
            return None
        strength = "weak"
        # 'said, "..."' / 'said: ‘...’' / 'adding later, "..."' (an adverb before the quote)
        k = p
        while k < min(end, p + 2) and t.alpha[k] and t.lower[k] in w["adverbs"] and t.lower[k] != "in":
            k += 1
        if k + 1 < end and t.lower[k] in (",", ":") and self.opening_quote_at(k + 1) is not None:
            p = k + 1
        # "told reporters (on Friday) that ...", "said in a statement that ...", "said: ..."
        limit = min(end, p + 12)
        jump = None
        for j in range(p, limit):
            lj = t.lower[j]
            if lj in ("that", ":") or (j == p and self.opening_quote_at(j) is not None):
                jump = j
                break
            if (
                lj == ","
                and not (t.lower[p] in w["prepositions"] and t.lower[p] not in ("and", "but"))
                or lj in (".", ";", "?", "!")
                or (t.lower[j] in self.lex.cue_class or t.lemma[j] in self.lex.cue_class)
                and j > p + 1
            ):
                break  # "says at a campaign stop in Toledo, Ohio, that ..." runs on
        if jump is not None:
            first = t.lower[p]
            between_ok = (
                jump == p
                or lemma in self.lex.object_first
                or first in w["prepositions"]
                or first in w["time_words"]
                # "said this week that ..."
                or (first in ("last", "this", "next") and p + 1 < end and t.lower[p + 1] in w["time_words"])
            )
            if between_ok and t.lower[jump] == "that" and self.words_in(jump + 1, min(end, jump + 5)) < 3:
                between_ok = False  # "... could change that."
            if between_ok and any(
                t.lower[j] == ","
                and (
                    t.lower[j + 1] in ("a", "an", "the")
                    or (t.lower[j + 1].endswith("ing") and t.lemma[j + 1] != t.lower[j + 1])
                )
                for j in range(p, jump)
            ):
                # "said on Thursday, a move that drew ...": a relative clause; "told reporters,
                # adding that ...": the participle's own content
                between_ok = False
            if between_ok:
                strength = "strong"
                p = jump if t.lower[jump] not in ("that", ":") else jump + 1
                if t.lower[jump] == "that" and p < end and t.lower[p] in w["finite_markers"]:
                    p = jump  # "said that was not her view": 'that' is the subject
                if t.lower[jump] == ":":
                    end = self.block_quote_end(jump, end)
        elif lemma in self.lex.small_clause and self.small_clause(p, end):
            strength = "clause"  # "the poll shows the governor leading": no addressee to skip
        elif lemma in self.lex.object_first:
            # skip the addressee: "told reporters", "told AFP", "told him"
            k = p
            while (
                k < end
                and k < p + 6
                and (t.lower[k] in w["object_heads"] or t.upper[k])
                and t.lower[k] not in w["subject_pronouns"]
                and not self.is_quote(k)
            ):
                if k + 1 < end and t.lower[k + 1] in w["finite_markers"] and k > p:
                    break  # "told parliament France would ...": France is the content's subject
                if t.lower[k] in w["determiners"] and k + 2 < end and t.lower[k + 2] in w["finite_markers"]:
                    break  # "told reporters his country would ...", "told AFP the plan was ..."
                k += 1
            p = k  # no addressee ("warned against X", "told of X"): the content starts here
            while k < end and (t.lower[k] in w["time_words"] or t.lower[k] in ("this", "last", "next")):
                k += 1
            if k > p and (k >= end or self.is_sep(k) or t.lower[k] in (".", "!", "?")):
                return None  # "told Reuters this week."
        elif t.lower[p] == "to" and lemma in self.lex.infinitive_content:
            strength = "strong"  # "wants to ...", "hopes to ..."
        elif (
            t.lower[p] in w["wh_content"]
            and p + 1 < end
            and (t.lower[p + 1] != "asked" and not t.lower[p + 1].endswith("ing"))
            and self.has_finite(p + 1, min(end, p + 7))
        ):
            strength = "strong"  # an embedded question: "have not said when they would ..."
        elif t.lower[p] in w["prepositions"] and lemma not in self.lex.particles:
            # "said after the convention he would ...": a short phrase, then the clause
            k = p + 1
            while (
                k < min(end, p + 8)
                and not self.is_sep(k)
                and t.lower[k] not in w["subject_pronouns"]
                and t.lower[k] not in ("i", "we", "they")
            ):
                k += 1
            if any(t.text[x].endswith(".") and len(t.text[x]) > 1 for x in range(p, k)):
                return None  # "wrote on X. He said ...": the phrase ended the sentence ("X." is no initial)
            if k < end and t.lower[k] in (",", ":") and (q := self.opening_quote_at(k + 1)) is not None:
                a, b = self.quote_content(q)  # 'says of Clinton, "..."'
                return ((a, b), "quote") if self.words_in(a, b) >= MIN_CONTENT_WORDS else None
            if (
                k < min(end, p + 8)
                and k > p + 1
                and t.lower[k] in (w["subject_pronouns"] | {"i", "we", "they"})
                and t.lower[k] not in ("which", "who", "it")
            ):
                p = k + 1 if t.lower[k] == "that" else k
                strength = "clause"
            else:
                return None  # "he said via video link", "said on Friday."
        else:
            # "said Friday afternoon, as ...": a time phrase is not content
            k = p
            while k < end and (
                t.lower[k] in w["time_words"]
                # "this week", not "this kind of talk" (but "disclosed this in a statement")
                or (
                    t.lower[k] in ("last", "this", "next", "late", "early")
                    and (
                        k + 1 >= end
                        or not t.alpha[k + 1]
                        or t.lower[k + 1] in w["time_words"] | w["prepositions"]
                    )
                )
            ):
                k += 1
            if k > p and (k >= end or self.is_sep(k) or t.lower[k] in (".", "!", "?")):
                return None
            if k > p and t.lower[k] == "that":
                k += 1
                strength = "strong"
            elif k > p and t.lower[k] in w["prepositions"]:
                # "said Thursday morning on Fox News": the time phrase runs on into a place
                j = k
                while j < end and not self.is_sep(j) and self.opening_quote_at(j) is None:
                    if t.lower[j] == "that" and j > k:
                        break
                    j += 1
                if j < end and t.lower[j] == "that":
                    k = j + 1
                    strength = "strong"
                else:
                    return None
            p = k
        while p < end and t.space[p]:
            p += 1
        if p >= end:
            return None
        q = self.opening_quote_at(p)
        if q is not None:
            a, b = self.quote_content(q)
            if self.words_in(a, b) < MIN_CONTENT_WORDS:
                return None
            after = q.close + 1
            while after < end and t.space[after]:
                after += 1
            if (
                q.closed
                and after < end - 1
                and self.is_word(after)
                and t.lower[after] not in w["subordinators"]
                and t.lower[q.close - 1] not in (",", ".", "!", "?")
                and not (t.lower[after].endswith("ing") and not t.upper[after])
            ):
                # 'claimed "Trump exaggerates" the level of ...': the quote is part of the content
                a2, b2 = self.trim(p, end)
                return (a2, b2), "strong"
            return (a, b), "quote"
        if t.lower[p] in w["clause_starts"] or t.lower[p] in w["subject_pronouns"]:
            strength = "strong"
        b = end
        k = bisect_left(self.quote_opens, p)  # the quotes opening in [p, end - 1), in order
        while k < len(self.quotes) and self.quotes[k].open < end - 1:
            q = self.quotes[k]
            if q.close >= end and self.words_in(q.open + 1, end) > 0:
                b = max(b, q.close + (1 if q.closed else 0))
            k += 1
        # an unquoted ", while ..." / ", but ..." / ", and Berlin will ..." starts another clause
        for j in range(p + 1, min(b, end) - 1):
            if (
                t.lower[j] == ","
                and self.quote_of(j) is None
                and (
                    (
                        t.lower[j + 1] in w["content_stops"]
                        # "..., but only if two conditions are met": the claim's own condition
                        and not (j + 2 < end and t.lower[j + 1] == "but" and t.lower[j + 2] == "only")
                    )
                    or (t.lower[j + 1] == "and" and self.named_subject(j + 2, min(b, end)))
                    or (
                        # "..., and he also refused to ...": the writer's next clause
                        t.lower[j + 1] == "and"
                        and j + 3 < end
                        and t.lower[j + 2] in ("he", "she", "they")
                        and (t.lower[j + 3] == "also" or t.lemma[j + 3] != t.lower[j + 3])
                    )
                )
                and not self.parenthetical_relative(j, min(b, end))
            ):
                b = j
                break
        if self.subordinate_cue(p):
            # "While he said he would hold a hearing, it is unlikely ...": the cue's clause is
            # subordinate, and its content ends where the sentence's main clause begins
            for j in range(p + 1, min(b, end) - 1):
                if t.lower[j] == "," and self.quote_of(j) is None and self.main_clause_at(j + 1, min(b, end)):
                    b = j
                    break
        a, b = self.trim(p, b)
        if self.words_in(a, b) < MIN_CONTENT_WORDS:
            return None
        if (
            strength == "weak"
            and (
                self.has_finite(a + 1, min(b, a + 6))
                or any(
                    t.lower[j] == "," and self.parenthetical_relative(j, b)
                    for j in range(a + 1, min(b, a + 6))
                )
            )
            and (t.upper[a] or t.lower[a] in w["subject_pronouns"] or t.lower[a] in w["determiners"])
        ):
            strength = "clause"  # (also "the talks, which began in May, were useful")
        if strength == "weak" and t.lower[a] not in w["clause_starts"]:
            # a noun-phrase content ends before ", ..." or "as/while/when ..." (first cut)
            for j in range(a + 2, b):
                nxt = t.lower[j + 1] if j + 1 < b else ""
                if self.quote_of(j) is None and (
                    t.lower[j] == ";"
                    or (
                        t.lower[j] in w["subordinators"]
                        and t.lower[j] != "if"
                        # "as Pyongyang fired", not "as long as" / "as part of"
                        and (
                            t.lower[j] != "as"
                            or t.lower[j - 1] != "such"  # "deals such as the NAFTA"
                            and (t.upper[j + 1] or nxt in w["subject_pronouns"] or nxt == "the")
                        )
                    )
                    or (
                        t.lower[j] in ("-", "–", "—", "--")
                        and self.is_sep(j)
                        # a pair of dashes sets off an aside: "families - gay, straight - would"
                        and not any(
                            t.lower[x] in ("-", "–", "—", "--") and self.is_sep(x) for x in range(j + 1, b)
                        )
                    )
                    or (
                        t.lower[j] == ","
                        and (
                            nxt in ("yet", "he", "she", "they", "we", "i", "he’s", "she’s")
                            or nxt in w["subordinators"]
                            or nxt in w["relative"]
                            or (nxt.endswith("ing") and t.alpha[j + 1] and nxt != "including")
                        )
                    )
                ):
                    if (
                        not self.has_finite(a, j)
                        and not self.has_past(a + 1, j)
                        and self.words_in(a, j) >= MIN_CONTENT_WORDS
                    ):
                        a, b = self.trim(a, j)
                    break
        return (a, b), strength

    def small_clause(self, a: int, b: int) -> bool:
        """A noun phrase (a name, a pronoun or a determiner first) and, within four words and
        before any separator, a lower-case participle: "the governor leading her rival",
        "smaller towns spending more", "him standing" (not "a package including ..."); or a
        poll's standing, the noun phrase and a preposition of standing ("with", "at", "ahead")
        followed within six words by a number or a word of standing: "the survey shows the
        senator with a narrow lead", "polls show her at 40 percent"."""
        t, w = self.t, self.w
        if not (
            t.upper[a]
            or t.lower[a] in w["determiners"]
            or t.lower[a] in w["object_pronouns"]
            or t.lower[a] in w["subject_pronouns"]
        ):
            return False
        for x in range(a + 1, min(b, a + 5)):
            if self.is_sep(x) or self.is_quote(x):
                return False
            lo = t.lower[x]
            if t.alpha[x] and not t.upper[x] and lo.endswith("ing") and t.lemma[x] != lo:
                return lo not in w["small_clause_not"]
            if lo in w["standing_preps"]:
                return self.standing(x + 1, b)
        return False

    def standing(self, a: int, b: int) -> bool:
        """A number or a word of standing ("lead", "percent", "edge") within six words from a,
        before any separator: the rest of "X with a 5-point lead", "X at 36 percent"."""
        t, w = self.t, self.w
        for x in range(a, min(b, a + 6)):
            if self.is_sep(x) or self.is_quote(x):
                return False
            lo = t.lower[x]
            if any(c.isdigit() for c in lo) or lo in w["standing_words"]:
                return True
            if any(lo.endswith("-" + s) for s in w["standing_words"]):
                return True  # "a 16-point lead"
        return False

    def has_past(self, a: int, b: int) -> bool:
        """A lower-case past form after a noun ("officers encountered Scott"): a clause."""
        t = self.t
        return any(
            t.alpha[x]
            and not t.upper[x]
            and t.lower[x].endswith("ed")
            and t.lemma[x] != t.lower[x]
            and t.lower[x - 1] not in self.w["determiners"]
            and t.lower[x - 1] not in self.w["aux"]
            and t.lower[x - 1] not in self.w["passive_be"]
            for x in range(a, b)
        )

    def named_subject(self, k: int, limit: int) -> bool:
        """Does token k start a named actor (a state, a person, a body) followed closely by a
        finite verb: the subject of a new clause ("..., and Berlin intends to ...")?"""
        t = self.t
        while k < limit and t.space[k]:
            k += 1
        if k >= limit or not t.upper[k]:
            return False
        ments = self.resolver.mentions_in(t.start[k], t.end[min(limit, k + 4) - 1])
        if (
            not ments
            or ments[0].start != t.start[k]
            or ments[0].kind not in ("country", "person", "surname", "organisation")
        ):
            return False
        after = k
        while after < limit and t.start[after] < ments[0].end:
            after += 1
        while after < limit and t.space[after]:
            after += 1
        if after >= limit:
            return False
        if self.has_finite(after, min(limit, after + 3)):
            return True
        # a verb in -s / -ed right after the name: "and Berlin intends", "and Paris pledged"
        return t.alpha[after] and not t.upper[after] and t.lower[after].endswith(("s", "ed"))

    def subordinate_cue(self, p: int) -> bool:
        """Is the content starting at p (right after its cue) inside a subordinate clause that
        opens the sentence ("While X said ...", "Although he claimed ..."), before the
        sentence's main clause has begun?"""
        t = self.t
        s0 = self.sent_start(p - 1) if p > 0 else 0
        f = s0
        while f < p and (t.space[f] or self.is_quote(f)):
            f += 1
        if f >= p or t.lower[f] not in self.w["subordinators"] or self.quote_of(f) is not None:
            return False
        return not any(
            t.lower[j] in (",", ";") and self.quote_of(j) is None and self.main_clause_at(j + 1, p)
            for j in range(f + 1, p)
        )

    def main_clause_at(self, x: int, end: int) -> bool:
        """A clause opens at x: a pronoun, 'there', a determiner or a name, then within seven
        words a finite verb ("it is unlikely", "the market did", "Smith agreed")."""
        t, w = self.t, self.w
        if x >= end:
            return False
        lo = t.lower[x]
        if (
            not (
                lo in w["subject_pronouns"]
                or lo in ("i", "we", "they", "there")
                or lo in w["determiners"]
                or (t.upper[x] and t.alpha[x])
            )
            or lo in w["relative"]
        ):
            return False
        head = min(end, x + 8)
        return self.has_finite(x + 1, head) or self.has_past(x + 1, head)

    def answer_at(self, x: int) -> tuple[int, int] | None:
        """A one-word answer right after a verb of saying, closing its clause: "said yes.",
        'said, "No."', "said yes while ..." (not "said no to the plan", "said no one")."""
        t = self.t
        end = self.sent_end(x - 1) if x > 0 else self.n
        while x < end and (t.lower[x] == "," or self.is_quote(x) or t.space[x]):
            x += 1
        if x >= end or t.lower[x] not in self.w["answers"]:
            return None
        y = x + 1
        while y < end and (self.is_quote(y) or t.space[y]):
            y += 1
        if y >= end or t.lower[y] in (".", "!", "?", ",", ";") or t.lower[y] in self.w["coordinators"]:
            return (x, x + 1)
        if t.lower[y] in self.w["subordinators"] or t.lower[y] in self.w["content_stops"]:
            return (x, x + 1)
        return None

    def has_finite(self, a: int, b: int) -> bool:
        return any(self.t.lower[i] in self.w["finite_markers"] for i in range(a, b))

    def parenthetical_relative(self, j: int, end: int) -> bool:
        """ "said the talks, which began in May, were useful": the relative clause at the comma
        j closes with a comma and the clause goes on with its finite verb."""
        t, w = self.t, self.w
        if j + 1 >= end or t.lower[j + 1] not in ("which", "who"):
            return False
        close = next((k for k in range(j + 2, min(end, j + 25)) if t.lower[k] == ","), None)
        return (
            close is not None
            and close + 1 < end
            and (t.lower[close + 1] in w["finite_markers"] or t.lower[close + 1] in w["aux"])
        )

    def np_end(self, a: int, b: int) -> tuple[int, int]:
        """A noun-phrase content ("attacked X", "called for Y") ends where a new clause
        begins: "; ", ", V-ing", ", but", ", and he ...", "and N would ...", "because ...",
        provided the part kept has no finite verb. (A content that starts as a clause,
        "the plan because it was costly", was already upgraded to strength "clause" by
        right_content and never reaches here.)"""
        t, w = self.t, self.w
        for x in range(a + 1, b):
            lo = t.lower[x]
            nxt = t.lower[x + 1] if x + 1 < b else ""
            after = t.lower[x + 2] if x + 2 < b else ""
            if (
                lo == ";"
                or lo in w["np_content_breaks"]
                or (
                    lo == ","
                    and (
                        nxt == "but"
                        or (nxt == "and" and after in w["subject_pronouns"])
                        or (
                            nxt.endswith("ing")
                            and nxt != "including"
                            and not t.upper[x + 1]
                            and t.lemma[x + 1] != nxt
                        )
                    )
                )
                or (lo == "and" and after in w["aux"] and nxt not in w["aux"])
                # a second predicate of the same subject: "welcomed the decision and described
                # it as ...", "thanked Germany but urged ..."
                or (lo in w["coordinators"] and self.predicate_at(x + 1, b))
                # "urged the President to act, with several senators saying ...": an aside
                or (lo == "," and nxt == "with")
                # "endorsed the governor on Thursday", "praised the plan during a visit": when or
                # how it was said, the writer's aside
                or lo in w["np_asides"]
                or self.aside_phrase(x, b)
                # "dismissed the labels, a sentiment the crowd shared": the writer's apposition
                # (not a list, "condemned the strikes, a blockade and the arrests", nor a
                # name's own description, "praised Ann Roe, a former judge who ...")
                or (
                    lo == ","
                    and nxt in ("a", "an", "another")
                    and not t.upper[x - 1]
                    and not any(
                        t.lower[y] in w["coordinators"] or t.lower[y] == "or" for y in range(x + 2, b)
                    )
                )
            ):
                na, nb = self.trim(a, x)
                n = self.words_in(na, nb)
                if (n >= MIN_CONTENT_WORDS or (n == 1 and t.upper[na] and lo in w["coordinators"])) and not (
                    self.has_finite(na, nb)
                ):
                    return (na, nb)  # (one word: a name, "thanked Germany but urged ...")
                break
        return (a, b)

    def aside_phrase(self, x: int, b: int) -> bool:
        """Does 'on/in' at x open a phrase of when or how within b ("on Thursday", "in
        early-morning tweets", "in a ruling released Monday"): its head, within three words, a
        time word or a medium (grammar.json time_words, np_aside_heads)?"""
        t, w = self.t, self.w
        if t.lower[x] not in ("on", "in"):
            return False
        heads = (w["time_words"] - w["np_aside_not_heads"]) | w["np_aside_heads"]
        for y in range(x + 1, min(b, x + 4)):
            nxt = t.lower[y + 1] if y + 1 < b else ""
            if t.lower[y] in heads:
                # the phrase ends at its head ("on Thursday.", "in a ruling released ..."), it
                # does not run on into a name or a number ("in the October 7 attacks")
                return nxt != "of" and not (y + 1 < b and (t.text[y + 1][:1].isdigit() or t.upper[y + 1]))
            if t.upper[y] or not (t.alpha[y] or t.text[y] == "-") or t.text[y][:1].isdigit():
                return False  # "in Brussels next month": a place first
        return False

    def as_complement(self, k: int) -> bool:
        """Does a short object at k end in 'as' + a description ("the deployment as a gesture
        of solidarity"), before any separator or clause?"""
        t = self.t
        end = min(self.sent_end(k), k + 10)
        for x in range(k, end):
            if t.lower[x] == "as":
                return x > k and x + 1 < self.n and self.is_word(x + 1) or self.is_quote(x + 1)
            if self.is_sep(x) or t.lower[x] in self.w["finite_markers"] or t.lower[x] == "that":
                return False
        return False

    def continues_clause(self, lc: tuple[int, int], r: int) -> bool:
        """'The museum, Mr. Obama said, would make ...': the words after the inserted 'X said,'
        at r go on with the clause begun in lc (a verb follows, or lc has none of its own);
        not 'Aid will continue, the ministry added, with about 20 million euros set aside' or
        '..., the Office said, but ministers will ...' (the writer's next clause)."""
        t, w = self.t, self.w
        lo = t.lower[r]
        if lo == "and" and r + 1 < self.n:
            # "He had no known affiliations, the airline added, and had passed all checks": the
            # same subject's second predicate
            return t.lower[r + 1] in w["aux"] or self.predicate_at(r + 1, self.n)
        if lo == "by" and lc[1] - lc[0] >= 2 and t.lower[lc[1] - 2] in w["passive_be"]:
            return True  # "The argument would be aided, Devine said, by the calendar"
        if lo == "to" and r + 1 < self.n and self.infinitive_at(r + 1):
            return True  # "It is his job, he said, to talk to Congress": the clause's infinitive
        if lo in w["prepositions"] or lo in w["subordinators"]:
            return False
        if lo in w["finite_markers"] or lo in w["aux"] or lo in w["adverbs"]:
            return True
        if t.lower[lc[0]] in w["subordinators"]:
            return (
                True  # "Though the move was seamless, he said, replacing him would be ...": the main clause
            )
        return not self.has_finite(*lc)

    def infinitive_at(self, x: int) -> bool:
        """Is the word at x, right after "to", a verb's bare form ("to talk"), not the start of
        a noun phrase ("to the dismay of", "to Congress", "to 40 percent")?"""
        t, w = self.t, self.w
        lo = t.lower[x]
        return (
            t.alpha[x]
            and not t.upper[x]
            and t.lemma[x] == lo
            and lo not in w["determiners"]
            and lo not in w["possessive"]
            and lo not in w["object_pronouns"]
            and lo not in w["number_words"]
        )

    def predicate_at(self, x: int, end: int) -> bool:
        """Does a lower-case verb in the past ("urged", "described") or a cue verb start at x
        (before `end`): a predicate, not a noun ("and Japan", "and aid")?"""
        t = self.t
        if x >= end or not t.alpha[x] or t.upper[x]:
            return False
        lo = t.lower[x]
        past = lo.endswith("ed") and t.lemma[x] != lo
        return past or (lo != t.lemma[x] and self.cue_class(x) is not None and not lo.endswith("ing"))

    def across_aside(self, lc: tuple[int, int], k: int, send: int) -> tuple[int, int]:
        """'Since last November, according to the group, forces have killed 400 people': after
        an attribution set off by commas in mid-sentence, the clause begun before it goes on
        after it (as after "C, X said, D"); the content runs from C to the sentence's end. Not
        when the part after the comma is a quote, the writer's addition ('a move that ...') or
        a new clause of its own after a complete one ("C, according to X, and D")."""
        t = self.t
        if k >= send or t.lower[k] != "," or self.appended(k):
            return lc
        r = k + 1
        while r < send and t.space[r]:
            r += 1
        w = self.w
        lo = t.lower[r] if r < send else ""
        if (
            r >= send
            or self.quote_of(r) is not None
            or self.is_quote(r)
            # "..., according to X, and has ..." / "..., where ...": the writer's next clause
            or lo in w["coordinators"]
            or lo in w["relative"]
            or lo in w["wh_content"]
            or not self.continues_clause(lc, r)
        ):
            return lc
        if not (lo in w["finite_markers"] or lo in w["aux"] or lo in w["adverbs"]) and (
            self.has_past(lc[0] + 1, lc[1])
            or any(
                t.alpha[x]
                and not t.upper[x]
                and t.lemma[x] != t.lower[x]
                and not t.lower[x].endswith("s")
                and t.lower[x] not in w["irregular_plurals"]
                for x in range(lc[0] + 1, lc[1])
            )
        ):
            return lc  # "The economy grew 3 percent, according to X, the fastest pace ...": C is whole
        a, b = self.trim(r, send)
        return (lc[0], b) if b > a else lc

    def addressee_comma(self, ce: int) -> int:
        """The comma after a short addressee right after the cue ("told them,", "told
        reporters,", "told the BBC,"), else ce: in mid-sentence "C, X told them, D" the words
        after that comma go on with C as they do after "C, X said, D"."""
        t, w = self.t, self.w
        k = ce
        while (
            k < min(self.n, ce + 4)
            and not self.is_sep(k)
            and (t.lower[k] in w["object_pronouns"] or t.lower[k] in w["object_heads"] or t.upper[k])
            # "said on Monday,": a time or place, not an addressee
            and t.lower[k] not in w["prepositions"]
            and t.lower[k] not in w["time_words"]
        ):
            k += 1
        if k > ce and k < self.n and t.lower[k] in ("on", "in", "at", "last", "this", "earlier"):
            # "told me on Friday,", "told reporters last week,": the addressee, then a time
            j = k + 1 if t.lower[k] in ("on", "in", "at") else k
            m = j
            while m < min(self.n, j + 2) and (
                t.lower[m] in w["time_words"] or t.lower[m] in ("last", "this")
            ):
                m += 1
            if m > j:
                k = m
        return k if k > ce and k < self.n and t.lower[k] == "," else ce

    def appended(self, k: int) -> bool:
        """After 'C, X said,' a participle or an appositive noun phrase is the writer's addition
        ('pointing to ...', 'a move that drew ...'), not the rest of C."""
        t = self.t
        a = k
        while (
            a < min(self.n, k + 5)
            and (t.lower[a] in self.w["object_heads"] or t.lower[a] in self.w["determiners"] or t.upper[a])
            and not self.is_sep(a)
        ):
            a += 1  # "told reporters, adding that ...": past the addressee
        if a > k and a < self.n and t.lower[a] == ",":
            k = a
        if k < self.n and t.lower[k] in self.w["prepositions"]:
            # "said on Thursday, a move that ...": past the time or place phrase
            stop = next((j for j in range(k, min(self.n, k + 7)) if t.lower[j] == ","), None)
            if stop is None:
                return False
            k = stop
        k0 = k
        while k < self.n and (t.space[k] or self.is_sep(k)):
            k += 1
        if k == k0 or k >= self.n:
            return False  # no comma: "called for a moratorium" is the content itself
        end = self.sent_end(k)
        if t.lower[k] in ("and", "but") and k + 1 < end and t.upper[k + 1]:
            return True  # "X said, and Greece has agreed ...": the writer's next clause
        if t.lower[k] in ("a", "an"):
            # "a move that drew ...", not "a majority of Americans have come to believe ..."
            rel = next(
                (j for j in range(k + 1, min(end, k + 7)) if t.lower[j] in ("that", *self.w["relative"])),
                None,
            )
            return rel is not None and not self.has_finite(k, rel)
        return (
            t.lower[k].endswith("ing")
            and not t.upper[k]
            and t.lemma[k] != t.lower[k]
            and (
                # "adding that ...", "pointing to ...", not "replacing Clinton would be ..."
                (k + 1 < end and (t.lower[k + 1] == "that" or t.lower[k + 1] in self.w["prepositions"]))
                or not self.has_finite(k, min(end, k + 6))
            )
        )

    def left_content(self, sep: int) -> tuple[int, int] | None:
        """Content before a separator that precedes the source: 'C, X said' / '"C," X said'."""
        t = self.t
        k = sep
        while k >= 0 and (self.is_sep(k) or t.space[k]) and not self.is_quote(k):
            k -= 1
        if k >= 0 and self.is_quote(k):
            q = self.closing_quote_at(k)
            if q is None:
                # the mark before the comma may close a quote that another rule paired differently
                q = next((q for q in self.quotes if q.close == k), None)
            if q is not None:
                a, b = self.quote_content(q)
                s0 = self.sent_start(sep)
                if q.open > s0 and self.words_in(s0, q.open) >= 3 and self.quote_of(s0) is None:
                    # 'Her plans send a message that a priority "is raising taxes," X said'
                    a = self.trim(s0, q.open)[0]
                return (a, b) if self.words_in(a, b) >= MIN_CONTENT_WORDS else None
        s0 = self.sent_start(sep)
        a = s0
        # dateline "WASHINGTON ― ..." / "KYIV, Ukraine (AP) — ..."
        for d in range(s0, min(sep, s0 + 8)):
            if (
                t.text[d] in DASHES
                and self.is_sep(d)
                and any(t.text[x].isupper() and len(t.text[x]) > 1 for x in range(s0, d))
            ):
                a = d + 1
                break
        else:
            a = self.dateline_end(s0, sep)
        qa = self.quote_of(s0) or self.quote_of(s0 + 1)
        if qa is not None and qa.open < s0:
            a = qa.open + 1
        a, b = self.trim(a, k + 1)
        if self.words_in(a, b) < MIN_CONTENT_WORDS:
            return None
        return (a, b)

    def dateline_end(self, s0: int, limit: int) -> int:
        """After a dateline opening the sentence at s0, 'WASHINGTON, Jan 28, 2019 (AP) - ...' or
        'NEW DELHI: ...' (a place in capitals, then only capitalised words, numbers and
        punctuation up to a spaced dash or a colon): the first token after it; else s0."""
        t = self.t
        a = s0
        while a < limit and (t.space[a] or self.is_quote(a)):
            a += 1
        if a >= limit or not (
            (t.text[a].isupper() and sum(c.isalpha() for c in t.text[a]) > 1)
            or (t.sent[a] == 0 and t.upper[a])  # the body's first words: "Islamabad, Dec 19 -- ..."
        ):
            return s0
        for d in range(a + 1, min(limit, a + DATELINE)):
            x = t.text[d]
            if (x in DASHES and self.is_sep(d)) or x == ":":
                return d + 1
            if t.space[d] and "\n" in x:
                return s0
            if any(c.isalpha() for c in x) and not x[:1].isupper():
                return s0  # a lower-case word: a sentence, not a dateline
        return s0

    # ------------------------------------------------------------ rules

    def according(self, i: int) -> tuple[_Stmt, int] | None:
        """'according to X, C' / 'C, according to X' / 'as outlined in X'; 'cited by Y' -> via."""
        t = self.t
        for phrase in self.lex.according:
            n = len(phrase)
            if tuple(t.lower[i : i + n]) != phrase:
                continue
            s0, send = self.sent_start(i), self.sent_end(i)
            j = i + n
            # source runs to the next separator
            k = j
            while (
                k < send and not self.is_sep(k) and not self.is_quote(k) and t.lower[k] not in (".", "?", "!")
            ):
                k += 1
            a, b = self.trim(j, k)
            if b <= a:
                return None
            # "statements made by X" -> X
            for x in range(a, b):
                if (
                    t.lower[x] == "by"
                    and x + 1 < b
                    and all(t.lower[y] in self.lex.according_heads for y in range(a, x))
                ):
                    a = x + 1
                    break
            via: list[str] = []
            for x in range(a + 1, b):
                hit = self.via_at(x, b)
                if hit is not None:
                    if hit:
                        via.append(hit)
                    b = x
                    break
            a, b = self.trim(a, b)
            if b <= a:
                return None
            cue = (i, i + n)
            # content: before the cue when text precedes it in the sentence, else after the source
            before = self.words_in(s0, i)
            if before >= MIN_CONTENT_WORDS and (i == s0 or self.is_sep(self.prev_word(i) or i)):
                content = self.left_content(self.prev_word(i) or i)
                if content is not None and self.adverbial_clause(*content) and k < send and t.lower[k] == ",":
                    # "While most were kept, according to X, two were upgraded": the main clause
                    ca, cb = self.trim(k + 1, send)
                    content = (ca, cb) if self.words_in(ca, cb) >= MIN_CONTENT_WORDS else None
                elif content is not None and i > s0:
                    content = self.across_aside(content, k, send)
            elif before < MIN_CONTENT_WORDS:
                ca, cb = self.trim(k, send)
                q = self.opening_quote_at(ca - 1) if ca > 0 else None
                if q is not None:
                    ca, cb = self.quote_content(q)
                content = (ca, cb) if self.words_in(ca, cb) >= MIN_CONTENT_WORDS else None
            else:
                content = self.left_content(i - 1) if self.is_sep(i - 1) else None
            if content is None:
                return None
            return _Stmt((a, b), cue, content, via=via, lemma="according", sent=t.sent[i]), i + n
        return None

    def claim_noun(self, i: int) -> _Stmt | None:
        """A noun of claiming whose holder a possessive names, with a that-clause after it (or
        after 'is/was that'): "the senator's claim that the vote was rigged", "his view is that
        the plan will fail", "a Times report that the talks had stalled" (a document speaks).
        Source: the possessor (the noun phrase before 's, the pronoun) or the name right before
        the noun (when the word cannot be a verb: "the Tax Office estimates that" is the verb's);
        cue: the noun; content: the clause. No holder ("the claim that ..."), or a relative
        'that' ("the report that found ..."), is no statement."""
        t, w = self.t, self.w
        s0, end = self.sent_start(i), self.sent_end(i)
        p = i + 1
        if p < end and t.lower[p] in w["claim_links"]:
            p += 1
        if p + 1 >= end or t.lower[p] != "that":
            return None
        nxt = p + 1
        lo = t.lower[nxt]
        if (
            lo in w["finite_markers"]
            or lo in ("that", "which", "who")
            or not (t.alpha[nxt] or t.text[nxt][:1].isdigit() or self.opening_quote_at(nxt) is not None)
            or (
                not t.upper[nxt]
                and t.lemma[nxt] != lo
                and lo.endswith(("ed", "s"))
                and not (nxt + 1 < end and t.lower[nxt + 1] in w["finite_markers"])
            )
        ):
            return None  # "the report that found ...": a relative clause on the noun
        k = i - 1
        if (
            k - 1 >= s0
            and t.alpha[k]
            and not t.upper[k]
            and t.lower[k] not in w["determiners"]
            and (t.lower[k - 1] in w["possessive"] or t.lower[k - 1] in w["possessive_pronouns"])
        ):
            k -= 1  # one modifier: "his earlier claim", "Trump's own admission"
        if k < s0:
            return None
        lo = t.lower[k]
        src: tuple[int, int] | None
        opens = -1  # where the noun phrase of the holder opens, when not at the source
        if lo in w["possessive_pronouns"]:
            if k > s0 and t.lower[k - 1] not in w["prepositions"] and self.is_word(k - 1):
                # "Trump repeated his claim that ...": a pronoun after a verb is mostly its own
                # subject, whose statement the verb already makes
                return None
            src = (k, k + 1)
        elif lo in w["possessive"] and k - 1 >= s0 and self.is_word(k - 1):
            src = self.left_source(k)
        elif t.upper[k] and t.alpha[k] and k == i - 1 and self.cue_class(i) is None:
            j = k
            while (
                j - 1 >= s0 and t.upper[j - 1] and t.alpha[j - 1] and t.lower[j - 1] not in ("a", "an", "the")
            ):
                j -= 1
            if j - 1 < s0 or t.lower[j - 1] not in ("a", "an", "the"):
                return None  # "a New York Times report that ...", not "Senate Report that"
            src, opens = (j, k + 1), j - 1
        else:
            return None
        if src is None or src[1] <= src[0]:
            return None
        rc = self.right_content(p, "say", "speech")
        if rc is None:
            return None
        (a, b), strength = rc
        start = opens if opens >= 0 else src[0]
        first = s0
        while first < start and (t.space[first] or self.is_quote(first)):
            first += 1
        before = self.prev_word(start)
        if first == start or (before is not None and t.lower[before] in w["prepositions"]):
            b = self.noun_clause_end(a, b, at_start=first == start)
        if a <= p or self.words_in(a, b) < MIN_CONTENT_WORDS:
            return None
        return _Stmt(
            src, (i, i + 1), (a, b), lemma=t.lemma[i], sent=t.sent[i], strength=strength, cls="speech"
        )

    def noun_clause_end(self, a: int, b: int, *, at_start: bool) -> int:
        """Where the that-clause of a claim noun ends when the noun is not the object of a verb:
        in a phrase of its own, at the first comma ("Contrary to his claim that X, Y ..."); as
        the subject of the sentence, before the second finite verb ("The senator's claim that
        the audit had cleared him was wrong": 'was' is the sentence's)."""
        t, w = self.t, self.w
        finite = 0
        for x in range(a, b):
            if t.qin[x] >= 0:
                continue
            if t.lower[x] == "," and not at_start:
                return self.trim(a, x)[1]
            lo, prev = t.lower[x], t.lower[x - 1] if x > a else ""
            past = (
                lo.endswith("ed")
                and t.lemma[x] != lo
                and not t.upper[x]
                and prev not in w["aux"]
                and prev not in w["passive_be"]
                and prev not in w["relative"]
            )  # "a report that the deal had been signed prompted ...": 'prompted' is a verb
            if (lo in w["finite_markers"] or past) and prev not in w["finite_markers"]:
                if finite and at_start and prev not in ("and", "or", "but", ",") and x - a > 2:
                    return self.trim(a, x)[1]
                finite += 1
        return b

    def in_document(self, i: int) -> _Stmt | None:
        """A poll or a document that speaks for itself at the opening of a sentence: "In the
        latest survey, the mayor leads by five points" (source: the survey; cue: 'In'; content:
        the clause after the comma). The phrase is short, ends in a document noun
        (grammar.json document_heads) and a comma. A sentence where something else attributes
        the clause ("In a statement, the ministry said ...") keeps that attribution only (see
        `rule_statements`)."""
        t, w = self.t, self.w
        s0, end = self.sent_start(i), self.sent_end(i)
        first = s0
        while first < i and (t.space[first] or self.is_quote(first)):
            first += 1
        if first != i:
            return None
        k = i + 1
        while k < end and t.space[k]:
            k += 1
        if k >= end or not (t.lower[k] in w["determiners"] or t.lower[k] in w["possessive_pronouns"]):
            return None  # "In response to the report, ...": no document of its own opens it
        while k < min(end, i + 14) and t.lower[k] != "," and not self.is_quote(k):
            if t.lower[k] == "of" and t.lower[k - 1] not in w["determiners"]:
                return None  # "In the wake of the report, ...": the phrase is about something else
            if t.lower[k] in w["prepositions"] and t.lower[k] != "of":
                return None  # "In the run-up to the census, ...": a phrase about something else
            k += 1
        if k >= end or t.lower[k] != "," or k - 1 <= i or t.lower[k - 1] not in w["document_heads"]:
            return None
        a, b = self.trim(k + 1, end)
        verb = any(
            t.alpha[x] and not t.upper[x] and t.lemma[x] != t.lower[x] and not t.lower[x].endswith("ing")
            for x in range(a + 1, min(b, a + 6))
        )  # "the mayor leads ...", "turnout rose ...": a clause, not a phrase
        if self.words_in(a, b) < MIN_CONTENT_WORDS + 1 or not (verb or self.has_finite(a, b)):
            return None
        return _Stmt(
            (i + 1, k), (i, i + 1), (a, b), lemma="in", sent=t.sent[i], strength="clause", cls="speech"
        )

    def verb_cue(self, i: int, cls: str, found: list[_Stmt]) -> _Stmt | None:
        t, w = self.t, self.w
        lemma = t.lemma[i]
        ce = self.particle_end(i)
        cue = (i, ce)
        s0 = self.sent_start(i)
        sent = t.sent[i]
        if self.is_passive(i):
            return self.passive_by(i, cls, ce)
        if i >= 2 and t.lower[i - 1] == "as" and t.lower[i - 2] in ("quoted", "cited"):
            return self.quoted_as(i - 2, ce)
        if cls == "clause_only" and lemma in w["as_complement_cues"] and self.as_complement(ce):
            cls = "position"  # "describing the donation as 'a true gift'": a stance on a noun
        needs_pq = lemma in self.lex.needs_particle_or_quote and ce == i + 1
        participle = t.lower[i].endswith("ing")
        prev = self.prev_word(i)
        if prev is None:
            prev = self.question_before(i)  # '"Why now?" said the mayor.'
        after_sep = (
            prev is not None and (self.is_sep(prev) or self.is_quote(prev)) and self.t.text[prev] != ")"
        )

        def make(
            src: tuple[int, int] | None,
            rc_or_span: tuple[int, int],
            direct: bool = False,
            strength: str = "left",
        ) -> _Stmt | None:
            span = rc_or_span
            if needs_pq and not self.has_quote(*span) and not self.names_something(src, span):
                return None
            if cls == "learned":
                need = self.lex.learned_min.get("quote" if direct else strength, 1.0)
                fr = self.lex.form_rate.get(t.lower[i])
                rate = fr[0] if fr is not None and fr[1] >= 5 else self.lex.learned_rate.get(lemma, 0.0)
                if rate < need:
                    return None
                if src is None or not (
                    t.upper[src[0]]
                    or t.lower[src[0]] in w["subject_pronouns"]
                    or any(t.upper[x] for x in range(src[0], src[1]))
                ):
                    return None
                last = t.lower[src[1] - 1]
                if src[1] <= i and not (
                    ce > i + 1  # with its particle it is the verb: "the mayor spoke of ..."
                    or t.upper[src[1] - 1]
                    or last in w["subject_pronouns"]
                    or last in w["relative"]
                    or (last.endswith("s") and not last.endswith("ss"))
                    or t.text[src[1] - 1] == ")"
                ):
                    return None  # "send a clear message that ...": a noun, not a speaker's verb
            if strength == "weak" and cls not in ("speech", "belief"):
                span = self.np_end(*span)
            return _Stmt(src, cue, span, direct=direct, lemma=lemma, sent=sent, strength=strength, cls=cls)

        # sentence-initial participle: 'Calling the deal "a significant outcome," Biden told ...'
        first = s0
        while first < i and (self.is_quote(first) or t.space[first]):
            first += 1
        if participle and first == i:
            k = ce
            send = self.sent_end(i)
            while k < send and t.lower[k] != ",":
                k += 1
            ca, cb = self.trim(ce, k)
            j = k + 1
            while j < send and (self.is_quote(j) or t.space[j]):
                j += 1
            rs = self.right_source(j) if j < send else None
            if rs is not None and self.words_in(ca, cb) >= MIN_CONTENT_WORDS:
                return make(rs, (ca, cb), False, "participle")
            return None

        # "X, who co-chaired the event, said ..." / "X, a senior official at Y, called ..."
        pc = prev
        if not after_sep and prev is not None and prev > s0:
            # "X, in particular, has sharply criticized ...": auxiliaries after the aside
            k = self.skip_left_modifiers(i - 1, s0)
            if s0 < k < prev and t.lower[k] == "," and self.quote_of(k) is None:
                pc = k
        if (after_sep or pc != prev) and not participle and pc is not None and t.lower[pc] == ",":
            m = pc - 1
            while m > s0 and not (t.lower[m] == "," and self.quote_of(m) is None):
                m -= 1
            if (
                m > s0
                and pc - m <= 30
                and (t.lower[m + 1] in w["relative"] or t.lower[m + 1] in ("a", "an", "the"))
            ):
                cand = self.left_source(m)
                if cand is not None and t.upper[cand[1] - 1]:
                    rc = self.right_content(ce, lemma, cls)
                    if rc is not None and (rc[1] != "weak" or cls in ("speech", "position")):
                        return make(cand, rc[0], rc[1] == "quote", rc[1])
            # "Richard Revesz, director of the institute at NYU's law school, said that ...":
            # the source is the noun phrase opening the sentence
            d0 = self.dateline_end(s0, pc)  # 'WASHINGTON -- President X, opening ..., said': past it
            if pc - d0 <= 40:
                rc = self.right_content(ce, lemma, cls)
                if rc is not None and (
                    rc[1] in ("strong", "quote", "clause")
                    # (after a dateline only a clause: "CAIRO (AFP) - Donors pledged $5bn, said X")
                    or (cls in ("speech", "position", "learned"))
                    and self.words_in(*rc[0]) >= 3
                    and d0 == s0
                ):
                    a0 = d0
                    while a0 < pc and t.space[a0]:
                        a0 += 1
                    # skip introductory phrases: "In a statement, ..."
                    if t.lower[a0] in w["coordinators"] and t.upper[a0 + 1]:
                        a0 += 1  # "But Megan Hester, senior associate at ..., said"
                    while t.lower[a0] in w["prepositions"] or self.is_quote(a0):
                        m = a0
                        while m < pc and t.lower[m] != ",":
                            m += 1
                        if m >= pc:
                            break
                        a0 = m + 1
                    m = a0
                    while m < pc and t.lower[m] != ",":
                        m += 1
                    a, b = self.trim(a0, m)
                    if (
                        b > a
                        and (t.upper[a] or t.lower[a] in w["determiners"])
                        and not self.is_quote(s0)
                        and not self.has_finite(a, b)  # "C could start this week, said X"
                        and b - a <= MAX_SOURCE
                    ):
                        return make((a, b), rc[0], rc[1] == "quote", rc[1])

        src = None if after_sep else self.left_source(i)
        if src is None and not after_sep:
            # "... and added that ...", "... but stressed ...": coordinated verb, clause subject
            k = self.skip_left_modifiers(i - 1, s0)
            if k >= s0 and t.lower[k] in w["coordinators"]:
                rc = self.right_content(ce, lemma, cls)
                if rc is None or (cls == "clause_only" and rc[1] not in ("strong", "quote", "clause")):
                    return None
                subj = self.subordinate_subject(k, found) or self.clause_subject(i, found)
                if subj is None:
                    return None
                return make(subj, rc[0], rc[1] == "quote", rc[1])
        if src is None and not after_sep and participle:
            # "began by saying he would ...", "criticized for saying that ...": the gerund's
            # speaker is the subject of the clause
            k = self.skip_left_modifiers(i - 1, s0)
            if k > s0 and t.lower[k] in w["gerund_preps"]:
                rc = self.right_content(ce, lemma, cls)
                if rc is not None and (rc[1] in ("strong", "quote", "clause")):
                    subj = self.clause_subject(i, found)
                    if subj is not None:
                        return make(subj, rc[0], rc[1] == "quote", rc[1])
        if (
            src is not None
            and participle
            and not any(t.upper[x] for x in range(src[0], src[1]))
            and t.lower[src[0]] not in w["subject_pronouns"]
            and t.lower[i - 1] not in w["aux"]
        ):
            src = None  # "$4.5 billion this year underscoring ...": not a speaker
        if src is not None and cls == "speech" and (ans := self.answer_at(ce)) is not None:
            return make(src, ans, self.quote_of(ans[0]) is not None, "strong")  # "60 percent said yes"
        if src is not None:
            rc = self.right_content(ce, lemma, cls)
            # "C, X said" / "C - X said" / '"C," X said': a separator right before the source
            before_src = self.prev_word(src[0])
            if before_src is None:
                before_src = self.question_before(src[0])  # '"Why now?" the mayor asked.'
            lc = None
            lc_quote = False
            if (
                before_src is not None
                and t.lower[before_src] == "as"
                and self.is_sep(before_src - 1)
                and self.prev_word(ce) is not None
                and (ce >= self.sent_end(i) - 1 or self.is_sep(ce) or t.lower[ce] in (".", "!", "?"))
            ):
                before_src -= 1  # "..., as police have said."
            if (
                before_src is not None
                and (self.is_sep(before_src) or self.is_quote(before_src))
                and t.lower[before_src] not in ("(", ":")
            ):
                lc = self.left_content(before_src)
                lc_quote = (
                    lc is not None
                    and self.quote_of(lc[0]) is not None
                    and self.quote_of(lc[0]) is self.quote_of(lc[1] - 1)
                )
                if (
                    lc is not None
                    and not lc_quote
                    and not (ce < self.n and t.lower[ce] == ",")  # (not "During X, he said, C")
                    and (self.introductory(*lc) or self.adverbial_clause(*lc))
                ):
                    lc = None  # "Last month, the agency warned ...": a setting, not what was said
            # "The solution, the partner told them, was simple": past a short addressee
            ac = self.addressee_comma(ce) if lemma in self.lex.object_first else ce
            arc = rc if ac == ce else self.right_content(ac, lemma, cls)
            if (
                lc is not None
                and not lc_quote
                and arc is not None
                and arc[1] != "quote"
                and self.quote_of(arc[0][0]) is None
                and ac < self.n
                and t.lower[ac] == ","
                and before_src is not None  # always so when lc is set: for mypy
                and t.lower[before_src] == ","
                and self.quote_of(ac) is None
                and not self.appended(ce)
                and (
                    ac == ce
                    or (t.lower[arc[0][0]] not in w["coordinators"] and self.continues_clause(lc, arc[0][0]))
                )
            ):
                # "The museum, Mr. Obama said, would make visitors face uncomfortable truths."
                if self.continues_clause(lc, arc[0][0]):
                    return make(src, (lc[0], arc[0][1]), False, "left")
                return make(src, lc)  # "C, X said, without giving details": C alone
            if rc is not None and rc[1] in ("strong", "quote"):
                return make(src, rc[0], rc[1] == "quote", rc[1])
            if lc is not None and (
                lc_quote
                or rc is None
                or self.words_in(*rc[0]) < 3
                or self.appended(ce)
                # "C, X told a joint news conference": what follows "told" is its addressee
                or (lemma in self.lex.object_first and rc[1] == "weak")
            ):
                if cls == "clause_only" and not lc_quote and not self.has_finite(*lc):
                    return None
                return make(src, lc)
            if rc is not None:
                if cls == "clause_only" and rc[1] not in ("strong", "quote", "clause"):
                    return None
                if cls == "belief" and not (t.lower[src[0]] in w["subject_pronouns"] or t.upper[src[0]]):
                    return None
                if cls in ("speech", "relay") and rc[1] == "weak" and self.words_in(*rc[0]) < 3:
                    return None
                return make(src, rc[0], False, rc[1])
            if lc is not None:
                return make(src, lc)
            return None
        if after_sep and prev is not None:
            # '"C," said X' / 'C, says the minister'
            if not participle and cls in ("speech", "relay", "position"):
                rs = self.right_source(ce)
                if rs is not None and t.lower[rs[0]] in w["prepositions"]:
                    # '"C," Ann Roe, head of the centre, said on Monday': a time, place or topic
                    # follows the cue; the speaker is the noun phrase between the quote and it
                    rs = None
                    qs = self.quote_then_source(prev)
                    if qs is not None:
                        return make(qs[0], qs[1])
                if (
                    rs is not None
                    and rs[1] - rs[0] <= 10
                    and not any(
                        t.lower[x] in w["finite_markers"]
                        or (not t.upper[x] and t.lower[x].endswith("ing"))
                        or (not t.upper[x] and t.lemma[x] != t.lower[x] and t.lower[x].endswith("ed"))
                        for x in range(rs[0], rs[1])
                    )
                    and (
                        rs[1] >= self.sent_end(i) - 1
                        or t.lower[rs[1]] in (",", ".", "!", "?", ";", "(")
                        or t.lower[rs[1]] in ("on", "in", "at", "of", "for", "from", "with", "who", "during")
                    )
                ):
                    lc = self.left_content(prev)
                    if lc is not None:
                        return make(rs, lc)
            sep_before = t.lower[prev] in (",", "-", "–", "—", ";") or (
                self.is_quote(prev) and prev > s0 and t.lower[prev - 1] == ","
            )
            if participle and sep_before and prev > s0:
                rc = self.right_content(ce, lemma, cls)
                if rc is None or (cls == "clause_only" and rc[1] not in ("strong", "quote", "clause")):
                    return None
                subj = self.clause_subject(i, found)
                if subj is None:
                    return None
                return make(subj, rc[0], rc[1] == "quote", rc[1])
        return None

    def question_before(self, x: int) -> int | None:
        """The closing quote mark of a quoted question or exclamation that ends the sentence
        before the one x opens, in the same paragraph ('"Why is it closed?" the mayor asked.':
        the '?' ended the sentence, the attribution follows); else None."""
        t = self.t
        if x != self.sent_start(x):
            return None
        j = x - 1
        while j >= 0 and t.space[j] and "\n" not in t.text[j]:
            j -= 1
        if j < 1 or t.space[j] or not any(q.close == j for q in self.quotes):
            return None
        return j if t.text[j - 1] in ("?", "!") else None

    def block_quote_end(self, colon: int, end: int) -> int:
        """'The governor added:' closing its paragraph, then a paragraph of his words without
        quotation marks: a block quotation, whose content is that whole paragraph, not its
        first sentence. Else `end` unchanged."""
        t = self.t
        k = colon + 1
        while k < self.n and t.space[k]:
            k += 1
        if k >= self.n or t.para[k] == t.para[colon] or self.is_quote(k):
            return end
        e = k
        while e < self.n and t.para[e] == t.para[k]:
            e += 1
        return max(end, e)

    def adverbial_clause(self, a: int, b: int) -> bool:
        """Is the text before 'X said ...' an opening adverbial clause of the sentence ("When
        pressed by reporters, Smith apologized for ...", "While praising the plan, she
        questioned its cost"): a subordinator, then no separator before the source? It sets
        the scene for the cue, whose content comes after it. ("If elected, I will cut taxes,
        Smith said" has a main clause after the comma: that is the content.)"""
        t = self.t
        return (
            t.lower[a] in self.w["subordinators"]
            and t.lower[a] != "as"  # "As a senator, she ..." / "As he put it": not a clause of time
            and not any(self.is_sep(x) or self.is_quote(x) for x in range(a + 1, b))
            and not self.introductory(a, b)  # "Since last November,": a phrase, no clause
        )

    def introductory(self, a: int, b: int) -> bool:
        """Is the text before 'X said' an opening modifier of the sentence, not a claim: a
        phrase with no verb of its own that opens with a preposition, a participle or a time
        word ("In offering an analysis,", "Campaigning in 2012,", "Last month,", "Like
        his father,")?"""
        t, w = self.t, self.w
        first = t.lower[a]
        opener = (
            first in w["np_prepositions"] or first in w["intro_openers"] or first in w["time_words"]
        ) or (first.endswith("ing") and t.lemma[a] != first and t.alpha[a])
        return opener and not self.has_finite(a, b) and not self.has_past(a + 1, b)

    def quote_then_source(self, sep: int) -> tuple[tuple[int, int], tuple[int, int]] | None:
        """'"C," Ann Roe, head of the centre, said ...': the source runs from the quote that
        closes before the separator `sep` (right before the cue) to `sep`; the content is that
        quote. Without a quote, 'C, the bank's chief, Ann Roe, said ...': the source is the
        name and its appositive (two short comma-separated noun phrases, one of them a name)
        and the content the clause before them. None when neither fits."""
        t = self.t
        s0 = self.sent_start(sep)
        m = sep - 1
        while m > s0 and not self.is_quote(m):
            m -= 1
        if m <= s0 or not any(q.close == m for q in self.quotes):
            return self.appositive_source(sep) if m <= s0 else None
        if t.lower[m - 1] not in (",", ".", "?", "!") and t.lower[m + 1] != ",":
            return None  # 'Marcia "Cia" Price, ...': a nickname in quotes, not what was said
        a, b = self.trim(m + 1, sep)
        if b <= a or not t.upper[a] or b - a > 3 * MAX_SOURCE or self.has_finite(a, a + 3):
            return None
        lc = self.left_content(m)
        return None if lc is None else ((a, b), lc)

    def appositive_source(self, sep: int) -> tuple[tuple[int, int], tuple[int, int]] | None:
        """'C, a government spokesman, Ann Roe, said in Berlin' / 'C, Ann Roe, director of the
        centre, said on Friday' (no quote): source = the two noun phrases, content = C."""
        t, w = self.t, self.w
        s0 = self.sent_start(sep)
        commas = [j for j in range(s0, sep) if t.lower[j] == "," and self.quote_of(j) is None]
        if len(commas) < 2:
            return None
        j2, j1 = commas[-2], commas[-1]
        parts = [self.trim(j2 + 1, j1), self.trim(j1 + 1, sep)]
        for a, b in parts:
            if (
                b <= a
                or self.words_in(a, b) > 8
                or self.has_finite(a, b)
                or self.has_past(a + 1, b)
                or not (t.upper[a] or t.lower[a] in w["determiners"] or t.lower[a] in w["possessive"])
            ):
                return None
        if not any(all(t.upper[x] or not t.alpha[x] for x in range(a, b)) for a, b in parts):
            return None  # one of the two is a name ("Ann Roe", "Sen. Ann Roe (D-Mass.)")
        lc = self.left_content(j2)
        return None if lc is None else ((parts[0][0], parts[1][1]), lc)

    def quoted_as(self, q: int, ce: int) -> _Stmt | None:
        """'X was quoted as saying (that) C' / '"C," X was quoted as saying by AFP': one cue from
        'quoted' to 'saying', the source before it, the content after it or the quote before
        the source; the medium after 'by' is a via."""
        t = self.t
        src = self.left_source(q)
        if src is None:
            return None
        rc = self.right_content(ce, t.lemma[ce - 1], "speech")
        content: tuple[int, int] | None = None
        direct = False
        if rc is not None and rc[1] in ("strong", "quote", "clause"):
            content, direct = rc[0], rc[1] == "quote"
        else:
            before = self.prev_word(src[0])
            if before is not None and (self.is_sep(before) or self.is_quote(before)):
                content = self.left_content(before)
                direct = content is not None and self.quote_of(content[0]) is not None
        if content is None:
            return None
        via: list[str] = []
        if ce < self.n and t.lower[ce] == "by":
            va, vb = self.trim(ce + 1, self.sent_end(ce))
            v = self.resolver.resolve(t.start[va], t.end[vb - 1]).actor if vb > va else None
            if v:
                via.append(v)
        return _Stmt(
            src,
            (q, ce),
            content,
            direct=direct,
            via=via,
            lemma="say",
            sent=t.sent[q],
            strength="left",
            cls="speech",
        )

    def passive_by(self, i: int, cls: str, ce: int) -> _Stmt | None:
        """Passive with an agent: 'The registration issue was first reported by The Washington
        Post', 'His views were echoed by a number of tax experts': source = the agent after
        'by', content = the subject noun phrase before the verb."""
        t, w = self.t, self.w
        if t.lemma[i] in self.lex.via_lemmas or cls == "learned":
            return None
        k = ce
        while k < self.n and (t.lower[k] in w["adverbs"] or t.lower[k].endswith("ly") and t.alpha[k]):
            k += 1
        if k >= self.n or t.lower[k] != "by":
            return None
        rs = self.right_source(k + 1)
        if rs is None or not any(t.upper[x] for x in range(rs[0], rs[1])):
            return None
        s0 = self.sent_start(i)
        j = i - 1
        while j >= s0 and (
            t.lower[j] in w["aux"]
            or t.lower[j] in w["passive_be"]
            or t.lower[j] in w["adverbs"]
            or (t.alpha[j] and not t.upper[j] and t.lower[j].endswith("ly"))
        ):
            j -= 1
        if j == i - 1:
            return None  # "a penalty imposed by ...": a modifier, not a clause
        a = j
        while a > s0 and not self.is_sep(a - 1) and t.lower[a - 1] not in w["subordinators"]:
            if self.is_quote(a - 1) and self.quote_of(a - 1) is None and a - 1 not in self.close_map:
                break
            a -= 1
        ca, cb = self.trim(a, j + 1)
        if self.words_in(ca, cb) < MIN_CONTENT_WORDS or self.has_finite(ca, cb):
            return None
        return _Stmt(rs, (i, ce), (ca, cb), lemma=t.lemma[i], sent=t.sent[i], strength="left", cls=cls)

    def names_something(self, src: tuple[int, int] | None, span: tuple[int, int]) -> bool:
        """'Clinton called her vote in favor of the Iraq War a mistake': call + object + a/an
        + noun, said by a named speaker or a pronoun (not 'called a meeting', 'the police')."""
        t = self.t
        if src is None or not (
            any(t.upper[x] for x in range(src[0], src[1])) or t.lower[src[0]] in self.w["subject_pronouns"]
        ):
            return False
        a, b = span
        if b - a < 4 or t.lower[a] in ("a", "an") or self.has_finite(a, b):
            return False
        return any(t.lower[x] in ("a", "an") for x in range(a + 1, b - 1))

    def has_quote(self, a: int, b: int) -> bool:
        return any(self.is_quote(x) for x in range(max(a - 1, 0), min(b + 1, self.n))) or (
            self.quote_of(a) is not None
        )

    # ------------------------------------------------------------ driver

    def run(self) -> list[_Stmt]:
        t = self.t
        found = self.rule_statements()
        found += self.tagged(found)
        if self.tagger_cues is not None:
            found = [s for s in found if not self.unconfirmed(s, self.tagger_cues)]
        found = [
            s
            for s in found
            if not self.unsaid(s)
            and not self.pledge_only(s)
            and not self.transaction_only(s)
            and not self.relative_clause(s)
        ]
        found += self.continuations(found)
        found.sort(key=lambda s: (t.start[s.content[0]], t.start[s.cue[0]]))
        return found

    @staticmethod
    def unconfirmed(st: _Stmt, tagger_cues: list[tuple[int, int]]) -> bool:
        """A cue known only from PolNeAR train's counts (class "learned": a word that is a cue
        some of the time there, "support", "veto", "know") that the trained tagger, reading the
        whole sentence, does not tag as a cue: the word is used for something else here ("vetoed
        a proposed agreement", "ordered 180 tanks"). The curated classes need no confirmation.
        On PolNeAR dev 19 such statements were right, 44 wrong; on the training corpus 0 and 10.
        A cue with its curated particle ("spoke of", "talked about", a two-word cue) is a verb
        of speaking as it stands and needs no confirmation."""
        return (
            st.cls == "learned"
            and st.cue[1] - st.cue[0] < 2
            and not any(a < st.cue[1] and st.cue[0] < b for a, b in tagger_cues)
        )

    def pledge_only(self, st: _Stmt) -> bool:
        """ "The bank approved $50 million", "$40 million was pledged by Ottawa": the undertaking
        is a commitment, not a statement, unless a claim is made ("announced that ...")."""
        t = self.t
        cue = [x for x in range(*st.cue) if t.alpha[x]]
        return (
            bool(cue)
            and (
                t.lower[cue[-1]] in self.lex.pledge_verbs
                or t.lemma[cue[-1]] in self.pledge_lemmas  # "will approve $50m"
            )
            and not self.claim(*st.content, st.cue[1])
            # "The bank (AfDB) has approved a $500m loan, the ministry announced": a clause before
            # the cue is the claim, wherever its verb stands
            and not (
                st.content[1] <= st.cue[0] and (self.has_finite(*st.content) or self.has_past(*st.content))
            )
        )

    def relative_clause(self, st: _Stmt) -> bool:
        """The cue is the verb of a relative clause without 'that' on a noun inside the found
        'source': "..., a claim Kigali denies", "a step the IMF demanded", "well short of the
        $2.5 billion the United Nations sought". The writer describes the noun; the clause
        before it is nobody's claim: no statement. When the cue has a content of its own after
        it ("a declaration their prime ministers described as 'a guarantee'"), the statement
        stays with the clause's subject as its source."""
        x = self.relative_subject(st)
        if x is None:
            return False
        if st.content[0] < st.cue[0] or st.cls not in ("speech", "model") or st.strength == "weak":
            return True
        assert st.src is not None  # (relative_subject found one)
        st.src = (x, st.src[1])
        return False

    def relative_subject(self, st: _Stmt) -> int | None:
        """Where the subject of a relative clause without 'that' starts inside the statement's
        source (see `relative_clause`), else None: a common noun followed by a determiner, or
        after 'a/an' by a name that ends the source ("a claim Kigali")."""
        t, w = self.t, self.w
        if st.src is None or st.src[1] > st.cue[0]:
            return None
        a, b = st.src
        for x in range(a + 1, b):
            prev = x - 1
            if not t.alpha[prev] or t.upper[prev] or t.space[x] or t.space[prev]:
                continue
            lp = t.lower[prev]
            if lp in w["determiners"] or lp in w["source_inner"] or lp in w["adverbs"]:
                continue
            if lp in w["clause_breakers"] or lp in w["np_prepositions"] or lp in w["prepositions"]:
                continue
            if lp.endswith("ed") and t.lemma[prev] != lp:
                continue  # a verb: "offered the man a job"
            if t.lower[x] in w["determiners"] and t.lower[x] not in ("a", "an", "one"):
                return x  # "a request the government", "the $2.5 billion the United Nations"
            if (
                t.upper[x]
                and t.lower[a] in ("a", "an")
                and prev == a + 1
                and t.upper[b - 1]
                and t.lower[x] not in w["time_words"]
            ):
                return x  # "a claim Kigali", not "a senior Bank official", "a statement Wednesday"
        return None

    def transaction_only(self, st: _Stmt) -> bool:
        """No claim is made, something is done (extraction.md "Statements need a claim"):
        - a reason given for an action, "refused the request, citing the neutrality law";
        - an intent to give or raise something, "hopes to raise $6bn", "wants to contribute"
          (a commitment of modality intention, or a fundraising target);
        - a quantity handed over or listed, "released $5 million", "added 150 million crowns",
          "listed more than 2,500 entities": a noun-phrase content that opens with an amount;
        - a thing added ("added four companies to its list"), a request ("asked not to be named").
        A content with a clause ("citing that ...", "said 500 people died") stays a statement."""
        t, w = self.t, self.w
        a, b = st.content
        if st.direct or a < st.cue[1]:
            return False
        if t.lower[a] == "not" and a + 1 < b and t.lower[a + 1] == "to":
            return True  # "who asked not to be named": a request, no claim
        if st.strength == "weak" and st.lemma in w["object_not_words"]:
            return True  # "added four companies to its export list": a thing added, no words
        if any(t.lower[x] in w["reason_cues"] for x in range(*st.cue)):
            # (a participle in the reason is no clause: "citing a law adopted in May")
            said_that = t.lower[a] in ("that", ":") or t.lower[a - 1] in ("that", ":")
            return not (said_that or self.has_quote(a, b) or self.has_finite(a, b))
        if self.claim(a, b):
            return False
        if t.lower[a] == "to":
            return a + 1 < b and (
                t.lemma[a + 1] in w["intent_undertakings"] or t.lower[a + 1] in w["intent_undertakings"]
            )
        if self.has_finite(a, b) or self.has_past(a + 1, b):
            return False
        money = any(t.lower[x] in w["money_words"] or t.text[x][:1] in w["money_words"] for x in range(a, b))
        if st.cls == "position" or (st.cls not in ("learned", "model") and not money):
            # "has reported more than 20 drone incursions": a report of a number; "appealed for
            # $2.7 billion": a call (a position with a noun-phrase content)
            return False
        k = a
        while k < b and k < a + 4 and t.lower[k] in w["quantity_openers"]:
            k += 1
        return k < b and (t.text[k][:1].isdigit() or t.text[k][:1] in w["money_words"])

    def unsaid(self, st: _Stmt) -> bool:
        """No claim is made (extraction.md "Statements need a claim"): a cue denied or declined
        ("declined to say whether", "has not said whether"), or a cue learned from PolNeAR whose
        source is a bare relative pronoun ("Rome, which has pressed for ...", "who signed")."""
        t = self.t
        k = st.cue[0] - 1
        while k >= 0 and t.space[k]:
            k -= 1
        prev = [t.lower[x] for x in range(max(0, k - 2), k + 1) if not t.space[x]]
        if prev and (
            prev[-1] in self.w.get("negations", ())
            or (prev[-1] == "to" and len(prev) > 1 and prev[-2] in self.w.get("declining", ()))
            # "has yet to decide whether": undecided (but "has yet to explain why" asks a question)
            or (prev[-1] == "to" and len(prev) > 1 and prev[-2] == "yet" and st.cls == "clause_only")
        ):
            return True
        if st.cls in ("learned", "model") and st.src is not None and st.src[1] - st.src[0] == 1:
            return t.lower[st.src[0]] in self.w.get("relative", ())
        return False

    def rule_statements(self) -> list[_Stmt]:
        """What the rules alone find (before the tagger and quote continuations)."""
        t = self.t
        found: list[_Stmt] = []
        i = 0
        while i < self.n:
            if not t.alpha[i]:
                st = self.dash_byline(i)
                if st is not None:
                    found.append(st)
                    i = st.cue[1]
                    continue
                i += 1
                continue
            if t.lower[i] in ("according", "as", "in"):
                r = self.according(i)
                if r is not None:
                    found.append(r[0])
                    i = r[1]
                    continue
                if t.lower[i] == "in":
                    st = self.in_document(i)
                    if st is not None:
                        found.append(st)
                        i = st.cue[1]
                        continue
            st = self.speaker_label(i)
            if st is not None:
                found.append(st)
                i = st.cue[1]
                continue
            if t.lower[i] in self.lex.claim_nouns:
                st = self.claim_noun(i)
            cls = self.cue_class(i) if st is None else None
            if cls is not None:
                st = self.verb_cue(i, cls, found)
            if st is not None:
                found.append(st)
                i = st.cue[1]
                continue
            i += 1
        found = [
            s
            for s in found
            if s.lemma != "in"
            or not any(o is not s and o.sent == s.sent and o.src is not None for o in found)
        ]  # "In a statement, the ministry said ...": the verb attributes, not the document
        found = [s for s in found if not self.nested(s)]
        found = [s for s in found if not self.embedded_belief(s, found)]
        found = self.fold_relays(found)
        self.join_split_quotes(found)
        self.trim_overlaps(found)
        return [s for s in found if self.enough_content(s)]

    def enough_content(self, st: _Stmt) -> bool:
        """Two words at least; one is enough for a name right after a stance ("thanked NATO",
        "welcomed Japan but urged ...")."""
        a, b = st.content
        n = self.words_in(a, b)
        if n >= MIN_CONTENT_WORDS or (n == 1 and b == a + 1 and self.t.lower[a] in self.w["answers"]):
            return True
        t = self.t
        return n == 1 and st.cls in ("position", "learned") and a >= st.cue[1] and t.upper[a] and t.alpha[a]

    def tagger_tokens(self) -> Tokens:
        """The tagger's input built from this finder's arrays: the same as
        attribution_model.tokens_of (what it was trained on), without a second pass."""
        t = self.t
        return Tokens(
            t.text,
            self.tagger_lower,
            self.raw_lemma,
            t.space,
            [i == 0 or t.sent[i] != t.sent[i - 1] for i in range(self.n)],
            t.para,
            [q >= 0 for q in t.qin],
        )

    def tagged(self, found: list[_Stmt]) -> list[_Stmt]:
        """Attributions the trained tagger (attribution_model.py) finds whose cue the rules did
        not take: cues outside the lexicons ("pledged", "declined", "the outlook") and shapes the
        rules refuse. The source is the tagger's (in the cue's sentence), else the noun phrase
        before the cue or the subject after it; without a source there is no statement
        (extraction.md), and neither is there for a passive cue or an undertaking."""
        if not model_available():
            return []
        t = self.t
        out: list[_Stmt] = []
        taken = [s.cue for s in found]
        inside = [s.content for s in found]
        tags = tag(self.doc, self.tagger_tokens())
        self.tagger_cues = [tg.cue for tg in tags]
        for tg in tags:
            if tg.content is None or any(a < tg.cue[1] and tg.cue[0] < b for a, b in taken):
                continue
            if any(a <= tg.cue[0] and tg.cue[1] <= b for a, b in inside):
                continue
            a, b = self.trim(*tg.content)
            if b <= a or self.words_in(a, b) < MIN_CONTENT_WORDS:
                continue
            c0 = tg.cue[0]
            first = self.sent_start(c0)
            while first < c0 and (t.space[first] or self.is_quote(first)):
                first += 1
            if first == c0 and t.lower[c0].endswith("ed") and t.lemma[c0] != t.lower[c0]:
                continue  # "Asked about X, he replied": the subject was asked, it did not ask
            if (
                not any(t.alpha[x] for x in range(*tg.cue))
                and self.dateline_end(first, tg.cue[1]) == tg.cue[1]
            ):
                continue  # the colon after a dateline, "NEW DELHI: ...", attributes nothing
            if any(t.alpha[x] and self.is_passive(x) for x in range(*tg.cue)):
                continue  # "is seen as": no source; "cited by AFP" is a relay the rules fold
            if t.lower[a] == "to" or (
                not self.claim(a, b)
                and any(
                    t.lower[x] in self.lex.undertakings or t.lemma[x] in self.lex.undertakings
                    for x in range(*tg.cue)
                )
            ):
                # an undertaking ("agreed to procure", "imposed sanctions") is a commitment; a
                # to-infinitive content is an intention (beliefs/intents are the rules' part)
                continue
            if any(s.content[0] == a and tg.cue[1] <= s.cue[0] < a for s in found):
                continue  # the content of a nearer cue the rules found ("thanked X and asked Y to ...")
            src = (tg.source and self.trim(*tg.source)) or self.left_source(tg.cue[0])
            src = src or self.right_source(tg.cue[1])
            if src is None or src[1] <= src[0] or (src[0] < b and a < src[1]) or not self.speaker_like(*src):
                continue
            last = tg.cue[1] - 1
            if (
                a >= tg.cue[1]
                and self.quote_of(a) is None
                and t.lower[a] not in ("that", ":")
                and self.cue_class(tg.cue[0]) not in ("speech", "belief")
            ):
                a, b = self.np_end(a, b)  # a noun-phrase content ends at a new clause
            out.append(
                _Stmt(
                    src,
                    tg.cue,
                    (a, b),
                    direct=self.quote_of(a) is not None and self.opening_quote_at(a - 1) is not None,
                    lemma=t.lemma[last],
                    sent=t.sent[tg.cue[0]],
                    strength="model",
                    cls="model",
                )
            )
            taken.append(tg.cue)
        return out

    def speaker_like(self, a: int, b: int) -> bool:
        """Can the tagger's source span name a speaker: not a phrase that opens with a
        preposition or an adverb of the writer, nor one that ends in an article or a
        preposition ("In the", "In its", "Moreover", "worth", "The")? A pronoun ("his",
        "some"), a name or a phrase ending in a noun can."""
        t, w = self.t, self.w
        first, last = t.lower[a], t.lower[b - 1]
        if first in w["np_prepositions"] or first in w["source_not_first"]:
            return False
        if b - a > 1 and (last in w["determiners"] or last in w["prepositions"]):
            return False
        return b - a > 1 or last not in ("a", "an", "the")

    def claim(self, a: int, b: int, cue_end: int | None = None) -> bool:
        """Content that states something (extraction.md "Statements need a claim"): a quote, a
        that/wh-clause or a colon, or a clause with a finite verb. With the cue's end, a content
        right after 'that' or ':' close behind the cue is the that-clause ("added that the
        farmers seem ..."), not a relative clause ("agreed to roll over loans that fall due")."""
        t = self.t
        first = t.lower[a]
        if self.has_quote(a, b) or first in ("that", ":"):
            return True
        before = self.prev_word(a)
        if (
            cue_end is not None
            and before is not None
            and t.lower[before] in ("that", ":")
            and cue_end <= before <= cue_end + 4
        ):
            return True
        if first in self.w["wh_content"]:
            return a + 1 < b and t.lower[a + 1] != "to"  # "whether to expand": undecided
        if first == "to":
            return False
        head = min(b, a + CLAIM_HEAD)  # the clause's verb comes early; a long content may
        return self.has_finite(a, head) or self.has_past(a, head)  # run into another clause

    def speaker_label(self, i: int) -> _Stmt | None:
        """Transcripts: a paragraph opening with an upper-case speaker label, 'PENCE: Well, ...'
        (source = the label, cue = the colon, content = the rest of the paragraph)."""
        t = self.t
        if not t.text[i].isupper() or len(t.text[i]) < 2:
            return None
        k = i - 1
        while k >= 0 and (t.space[k] or self.is_quote(k)):
            k -= 1
        if k >= 0 and t.para[k] == t.para[i]:
            return None  # not at the start of a paragraph
        quoted = any(self.is_quote(x) for x in range(k + 1, i))
        if k < 0 and not quoted and self.dateline_end(i, min(self.n, i + 6)) > i:
            return None  # the body opens with a dateline, 'NEW DELHI: The cabinet ...' (never quoted)
        j = i
        while j < self.n and j < i + 3 and t.text[j].isupper() and t.alpha[j]:
            j += 1
        if j >= self.n or t.text[j] != ":":
            return None
        end = j + 1
        while end < self.n and t.para[end] == t.para[j]:
            end += 1
        a, b = self.trim(j + 1, end)
        if self.words_in(a, b) < MIN_CONTENT_WORDS:
            return None
        return _Stmt(
            (i, j),
            (j, j + 1),
            (a, b),
            direct=True,
            lemma=":",
            sent=t.sent[i],
            strength="quote",
            cls="speech",
        )

    def dash_byline(self, i: int) -> _Stmt | None:
        """A quotation signed with a dash and a name, '"...." ― Sonya Herridge' (the
        typographic attribution line of reader quotes and epigraphs): source = the name,
        cue = the dash, content = the quote."""
        t = self.t
        if t.text[i] not in DASHES:
            return None
        k = i - 1
        while k >= 0 and t.space[k]:
            k -= 1
        if k < 0 or t.text[k] not in DOUBLE_CLOSE | DOUBLE_STRAIGHT:
            return None
        j = i + 1
        while j < self.n and t.space[j] and "\n" not in t.text[j]:
            j += 1
        a = j
        while (
            j < self.n
            and j < a + 6
            and (t.upper[j] and (t.alpha[j] or t.text[j][1:] == ".") or t.text[j] == ".")
        ):
            if t.text[j] == "." and (j + 1 >= self.n or not t.upper[j + 1]):
                break
            j += 1
        if j == a or a >= self.n or not t.upper[a] or j - a > 5:
            return None
        # the name ends the line: a paragraph break, a full stop or the end of the text
        e = j
        while e < self.n and t.text[e] == ".":
            e += 1
        if e < self.n and t.para[e] == t.para[a] and not t.space[e]:
            return None
        q = self.close_map.get(k)
        if q is not None:
            ca, cb = self.quote_content(q)
        else:
            s = k
            while s > 0 and t.para[s - 1] == t.para[k]:
                s -= 1
            ca, cb = self.trim(s, k)
        if self.words_in(ca, cb) < 3:
            return None
        return _Stmt(
            (a, j),
            (i, i + 1),
            (ca, cb),
            direct=True,
            lemma=t.text[i],
            sent=t.sent[i],
            strength="quote",
            cls="speech",
        )

    def nested(self, st: _Stmt) -> bool:
        """An attribution inside a quotation belongs to the quoted speaker's words; PolNeAR
        (and the gold) do not annotate it. A quote left open at a paragraph end counts only
        when it opened the paragraph (a multi-paragraph quote), not a stray mark."""
        q = self.quote_of(st.cue[0])
        if q is None or st.lemma == ":":
            return False  # a transcript label opens its own quoted paragraph
        if q.closed:
            return True
        prev = self.prev_word(q.open) if q.open > 0 else None
        return prev is None or self.t.para[prev] != self.t.para[q.open]

    def clause_break(self, a: _Stmt, b: _Stmt) -> int | None:
        """Where a's content must stop because b's attribution starts a new clause inside it
        (", and X said", ", something that X said", ", adding"); None when b is embedded in
        a's content ("X said Y claimed Z") or not inside it at all."""
        t = self.t
        ca, cb = a.content
        if b.src is None or not (ca <= b.cue[0] < cb) or self.quote_of(b.cue[0]) is not None:
            return None
        stop = min(b.src[0], b.cue[0]) if b.src[0] > ca else b.cue[0]
        if stop <= ca:
            return None
        before = stop - 1
        while before > ca and t.space[before]:
            before -= 1
        if b.src[0] < ca:
            # a coordinated predicate of the same subject: ", and has called for ..."
            while before > ca and (t.lower[before] in self.w["aux"] or t.lower[before] in self.w["adverbs"]):
                before -= 1
        if (
            b.src[0] >= ca >= a.cue[1]
            and b.content[0] >= b.cue[1]
            and (
                t.lower[b.src[0]] in self.w["relative"]
                or (
                    a.strength in ("strong", "clause")
                    and not self.has_quote(ca, stop)
                    and not self.has_finite(ca, stop)
                    and not self.has_past(ca + 1, stop)
                )
            )
        ):
            # (both contents after their cues) "found that in the three largest counties,
            # officials have ...": only an opening phrase comes before b, whose clause is a's
            # claim; "people who think ...": a relative clause on a noun of the content
            return None
        joined = (
            self.is_sep(before)
            or t.lower[before] in self.w["coordinators"]
            or t.lower[before] in self.w["subordinators"]
            or t.lower[before] in self.w["relative"]
            or (t.lower[before] == "that" and before > ca and t.lower[before - 1] in ("something", "what"))
        )
        return stop if joined else None

    def embedded_belief(self, st: _Stmt, found: list[_Stmt]) -> bool:
        """An attribution reported inside someone's statement ('Trump said he finally believes
        ...', 'the minister said Kenya had asked China to ...') is part of that content, not an
        attribution of its own: neither PolNeAR nor the gold annotates the inner one. A belief
        or a weakly attested verb goes inside any statement; a verb of saying only inside
        reported speech that follows its own cue ('X said (that) ...'): a content before the
        cue or after 'according to' is too often cut wrong to overrule a speech verb."""
        weak = st.cls in EMBEDDED_DROP
        return any(
            o is not st
            and o.cls != "learned"
            and not (o.cls == "belief" and st.cls == "belief")
            and o.content[0] <= st.cue[0] < o.content[1]
            and (
                weak
                or (
                    o.content[0] >= o.cue[1]
                    and o.lemma != "according"
                    and o.cls in ("speech", "position", "clause_only", "belief")
                    and o.strength in ("strong", "clause")
                    and st.strength != "quote"
                    and not self.t.lower[st.cue[0]].endswith("ing")
                )
            )
            and self.quote_of(st.cue[0]) is None
            and self.clause_break(o, st) is None
            for o in found
        )

    def join_split_quotes(self, found: list[_Stmt]) -> None:
        """'"A," Tester said, referring to X, "B."': one statement whose content runs from A to B
        (PolNeAR annotates the split quote as one discontinuous content).

        Linear in the statements and quotes: the quote after a cue is found by bisection, and
        "does another statement's content hold this token" is a point query on a coverage count
        of all contents (`Coverage`), kept up to date as contents grow."""
        t = self.t
        cover = Coverage(self.n + 2)
        copies: dict[int, int] = {}
        for o in found:
            cover.add(*o.content)
            copies[id(o)] = copies.get(id(o), 0) + 1

        def held_by_another(st: _Stmt, x: int) -> bool:
            own = copies[id(st)] if st.content[0] <= x < st.content[1] else 0
            return cover.at(x) > own

        def set_content(st: _Stmt, content: tuple[int, int]) -> None:
            for _ in range(copies[id(st)]):
                cover.add(*st.content, -1)
                cover.add(*content)
            st.content = content

        for st in found:
            self.join_quote_before(st, held_by_another, set_content)
            qa = self.quote_of(st.content[0])
            if qa is None or qa.close > st.cue[0] or st.content[1] > st.cue[0]:
                continue
            send = self.sent_end(st.cue[0])
            k = bisect_left(self.quote_opens, st.cue[1])
            if k == len(self.quotes) or self.quotes[k].open >= send:
                continue
            q = self.quotes[k]  # the first quote opening after the cue, in its sentence
            if held_by_another(st, q.open + 1):
                continue
            a, b = self.quote_content(q)
            if b > st.content[1] and self.words_in(a, b) >= 1 and t.sent[a] == st.sent:
                set_content(st, (st.content[0], b))

    def join_quote_before(
        self,
        st: _Stmt,
        held_by_another: Callable[[_Stmt, int], bool],
        set_content: Callable[[_Stmt, tuple[int, int]], None],
    ) -> None:
        """'"A," Smith said, "B."': the rules took B (the quote after the cue); the quote that
        ends right before the source and cue, in the same sentence, is the first half of it.

        Only closed quotes ending after the last word before the source can qualify (no words
        between the quote and the source): they are found by bisection, in quote order."""
        t = self.t
        first = min(st.cue[0], st.src[0] if st.src is not None else st.cue[0])
        if st.content[0] < st.cue[1] or self.quote_of(st.content[0]) is None:
            return
        lo = max(self.last_word_before[min(max(first, 0), self.n)], 0)
        closes = self.closed_closes[
            bisect_left(self.closed_closes, lo) : bisect_left(self.closed_closes, first)
        ]
        candidates = sorted((self.close_map[c] for c in closes), key=lambda q: self.quote_rank[id(q)])
        for q in candidates:
            if t.sent[q.open + 1] != t.sent[st.cue[0]]:
                continue
            if self.words_in(q.close + 1, first) or self.quote_of(st.content[0]) is q:
                continue  # words between the quote and the source: not the same sentence's quote
            a, _b = self.quote_content(q)
            if held_by_another(st, a):
                return
            if self.words_in(a, q.close) >= 1:
                set_content(st, (a, st.content[1]))
            return

    def via_at(self, x: int, end: int) -> str | None:
        """A via marker ("cited by", "quoted by") at token x: the actor it names before `end`
        ("" when it names none); None when no marker starts at x."""
        t = self.t
        for marker in self.lex.via_markers:
            m = len(marker)
            if tuple(t.lower[x : x + m]) == marker:
                vs, ve = self.trim(x + m, end)
                if ve <= vs:
                    return ""
                return self.resolver.resolve(t.start[vs], t.end[ve - 1]).actor or ""
        return None

    def fold_relays(self, found: list[_Stmt]) -> list[_Stmt]:
        """'X confirmed that C, UNN reports with reference to AFP': the media report wraps
        X's statement; it becomes X's `via`, not a statement of its own."""
        keep = []
        by_sent: dict[int, list[_Stmt]] = {}  # statements per sentence, in `found` order
        for s in found:
            by_sent.setdefault(s.sent, []).append(s)
        for r in found:
            inner = [
                s
                for s in (by_sent.get(r.sent, ()) if r.lemma in self.lex.relay else ())
                if s is not r and r.content[0] <= s.cue[0] < r.content[1]
            ]
            if inner and r.src is not None:
                ref = self.resolver.resolve(self.t.start[r.src[0]], self.t.end[r.src[1] - 1])
                vias = []
                send = self.sent_end(r.cue[0])
                for x in range(r.cue[1], send):
                    v = self.via_at(x, send)
                    if v:
                        vias.append(v)
                if ref.actor:
                    vias.append(ref.actor)
                for s in inner:
                    s.via.extend(v for v in vias if v not in s.via)
                    if s.content[0] < r.src[0] < s.content[1]:
                        # "X confirmed that C, UNN reports ...": C ends before the relay
                        na, nb = self.trim(s.content[0], r.src[0])
                        if self.words_in(na, nb) >= MIN_CONTENT_WORDS:
                            s.content = (na, nb)
                continue
            keep.append(r)
        return keep

    def trim_overlaps(self, found: list[_Stmt]) -> None:
        """A content stops where a later attribution of the same sentence begins
        ('stating that C1, something that Scholz said C2'), unless that one is quoted inside it."""
        t = self.t
        # the statements whose cue lies in a's content, in `found` order (a's content only
        # shrinks below, so these are the only ones that can match)
        order = sorted(range(len(found)), key=lambda k: found[k].cue[0])
        cues = [found[k].cue[0] for k in order]
        for a in found:
            lo, hi = bisect_left(cues, a.content[0]), bisect_left(cues, a.content[1])
            for b in [found[k] for k in sorted(order[lo:hi])]:
                if a is b or b.src is None:
                    continue
                ca, cb = a.content
                if not (ca <= b.cue[0] < cb) or self.quote_of(b.cue[0]) is not None:
                    continue
                stop = self.clause_break(a, b)
                if stop is None:
                    continue
                # leave the connector out: ", and", ", something that", " - "
                k = stop
                while k > ca and (
                    t.lower[k - 1] in self.w["clause_breakers"]
                    or not self.is_word(k - 1)
                    or t.lower[k - 1] in ("something", "what", "which")
                ):
                    k -= 1
                na, nb = self.trim(ca, k)
                if self.words_in(na, nb) >= MIN_CONTENT_WORDS:
                    a.content = (na, nb)

    def continuations(self, found: list[_Stmt]) -> list[_Stmt]:
        """A quote that opens a sentence and is attributed by nothing continues the last
        statement (same source and cue) when that one is at most two paragraphs back.

        One pass over the quotes in order, each look-up by bisection or from a running best
        (the statements said before a quote only grow as the quotes advance), so the work is
        linear-logarithmic in quotes and statements, not their product."""
        t = self.t
        out: list[_Stmt] = []
        # contents already covered, by start (found's fixed; new ones come in start order)
        fixed = sorted(s.content for s in found)
        fixed_starts = [c[0] for c in fixed]
        fixed_long = max((cb - ca for ca, cb in fixed), default=0)
        added: list[tuple[int, int]] = []
        added_starts: list[int] = []
        added_long = 0
        by_cue = sorted(range(len(found)), key=lambda k: found[k].cue[0])
        cues = [found[k].cue[0] for k in by_cue]
        # statements said before a quote: eligible once q.open >= max(cue + 1, content end)
        pending = [(max(st.cue[0] + 1, st.content[1]), k, st) for k, st in enumerate(found)]
        heapq.heapify(pending)
        best: list[tuple[int, int, _Stmt] | None] = [None, None]  # [any, spoken]

        def covered(a: int, b: int) -> bool:
            def hit(spans: list[tuple[int, int]], starts: list[int], longest: int) -> bool:
                lo = bisect_right(starts, a - longest)
                hi = bisect_left(starts, b)
                return any(a < cb and (min(b, cb) - max(a, ca)) * 2 >= (b - a) for ca, cb in spans[lo:hi])

            return hit(fixed, fixed_starts, fixed_long) or hit(added, added_starts, added_long)

        for q in self.quotes:
            a, b = self.quote_content(q)
            if self.words_in(a, b) < 3:
                continue
            if self.sent_start(q.open) != q.open and self.sent_start(q.open + 1) != q.open + 1:
                # not at a sentence start (the sentencizer may put the mark on the previous one)
                prev = self.prev_word(q.open)
                if prev is not None and t.lower[prev] not in (".", "?", "!"):
                    continue
            if covered(a, b):
                continue
            if any(
                self.quote_of(found[k].cue[0]) is None
                and found[k].content[0] < b  # (not '"B." He said the budget ...': says more)
                for k in by_cue[bisect_left(cues, q.open) : bisect_right(cues, q.close + 2)]
            ):
                continue
            while pending and pending[0][0] <= q.open:
                _, k, st = heapq.heappop(pending)
                key = (st.content[1], -k, st)
                for slot in (0, 1) if st.strength != "weak" else (0,):
                    held = best[slot]
                    if held is None or (key[0], key[1]) > (held[0], held[1]):
                        best[slot] = key
            if best[0] is None:
                continue
            # the quote goes on from the last thing said, not a stance ("declared his position")
            last = (best[1] or best[0])[2]
            if t.para[q.open] - t.para[last.content[0]] > 2 or last.src is None:
                continue
            st = _Stmt(
                last.src,
                last.cue,
                (a, b),
                direct=True,
                lemma=last.lemma,
                sent=t.sent[q.open],
                continuation=True,
            )
            heapq.heappush(pending, (max(st.cue[0] + 1, b), len(found) + len(out), st))
            out.append(st)
            at = bisect_right(added_starts, a)  # kept sorted by start
            added.insert(at, (a, b))
            added_starts.insert(at, a)
            added_long = max(added_long, b - a)
        return out

    # ------------------------------------------------------------ output

    def span(self, a: int, b: int) -> dict[str, Any]:
        s, e = self.t.start[a], self.t.end[b - 1]
        return {"span": [s, e], "text": self.text[s:e]}

    def kind(self, st: _Stmt) -> str:
        a, b = st.content
        text = self.text
        s, e = self.t.start[a], self.t.end[b - 1]
        quote = self.quote_of(a)
        inside_double = quote is not None and quote is self.quote_of(b - 1)
        if st.direct or (inside_double and quote is not None and quote.open == a - 1):
            return "direct"
        marks = set(text[s:e]) & (DOUBLE | SINGLE_OPEN) or any(
            self.t.text[x] in DOUBLE or x in self.open_map or x in self.close_map for x in range(a, b)
        )
        if marks or inside_double or (set(text[s:e]) & SINGLE_CLOSE and "‘" in text[max(0, s - 1) : e]):
            return "mixed"
        return "indirect"

    def to_dict(self, st: _Stmt) -> dict[str, Any]:
        assert st.src is not None
        src = self.span(*st.src)
        ref = self.resolver.resolve(src["span"][0], src["span"][1])
        via = list(st.via)
        if st.src[1] < st.cue[0]:
            # "a Gulf diplomat cited by AFP said": the relay between source and cue is a via
            v = self.via_at(st.src[1], st.cue[0])
            if v and v not in via:
                via.append(v)
        return {
            "source": {**src, "actor": ref.actor, "actor_country": ref.actor_country},
            "cue": self.span(*st.cue),
            "content": self.span(*st.content),
            "kind": self.kind(st),
            "via": via,
        }


def _acronyms_kept(text: list[str], lower: list[str], sent: list[int]) -> list[str]:
    """The lower-case forms the rules compare with word lists, except that an acronym in a
    mixed-case sentence keeps its capitals: "WHO" (the World Health Organization) is a name,
    not the relative pronoun "who", and "US" not "us". A sentence set in capitals (a
    headline) is left alone. Returns `lower` itself when nothing changes."""
    caps = [i for i, x in enumerate(text) if len(x) > 1 and x.isupper() and x.isalpha()]
    if not caps:
        return lower
    # the sentences with a word in lower case
    mixed = {sent[i] for i, x in enumerate(text) if x.isalpha() and not x.isupper()}
    out = lower
    for i in caps:
        if sent[i] in mixed:
            if out is lower:
                out = list(lower)
            out[i] = text[i]
    return out


@lru_cache(maxsize=4)
def _pledge_lemmas(forms: frozenset[str]) -> frozenset[str]:
    """The lemmas of the pledge verbs' forms ("approved" -> "approve")."""
    table = lemma_table()
    out = set()
    for f in forms:
        lem = table.get(f, f)
        out.add(lem if isinstance(lem, str) else lem[0])
    return frozenset(out)


def find_statements(doc: Doc, resolver: ActorResolver) -> list[dict[str, Any]]:
    """Statements of one article in the shape of extraction.md, in order of appearance
    (by content start); the list index is what commitments refer to."""
    if len(doc) == 0:
        return []
    finder = _Finder(doc, resolver, load_lexicon())
    rows = [finder.to_dict(s) for s in finder.run() if s.src is not None]
    confidence.annotate(rows, [])
    return rows
