"""The words an imported draft puts around each counterargument: its hint and its label.

A coach's hint points at what to think about without stating the reason ("What
do farm animals eat, and how much of it?"); a label names the reason in a few
words ("Plants aren't sentient"). Without a generative model the draft takes
both from the article's own words, and keeps them grammatical by working on
noun phrases and clauses, not on runs of "content words": a hint asks about a
noun phrase of the source ("What does the article say about nervous systems?",
never "... about turbine blades produce?"), a label is the reason's own main
clause when it is short, else its key noun phrase.

Parts of speech come from lemminflect (already a dependency: the word lists it
inflects from say which of noun, verb, adjective a word can be), with a word's
neighbour deciding between readings ("the produce" is a noun, "blades produce"
a verb). A tagger with a trained model (spaCy, NLTK, TextBlob) would decide
better, but each needs model data that only a download outside the package
registry brings, which this project's machines cannot fetch.
"""

from __future__ import annotations

import re
from functools import lru_cache

from lemminflect import getAllLemmas

from .cases import MAX_LABEL, label_from
from .text import STOP_WORDS

#: The hint where the reason names nothing the claim does not: the draft asks the author to write one.
GENERIC_HINT = "Which reason in the article answers this claim most directly?"
#: The longest noun phrase a hint names: long enough to point, too short to state the reason.
HINT_WORDS = 4
#: A label is a clause of this many words, else a noun phrase.
LABEL_MIN_WORDS, LABEL_MAX_WORDS = 2, 6

_TOKEN = re.compile(r"[A-Za-z0-9][A-Za-z0-9'\u2019\-]*|[^\sA-Za-z0-9]")
_DETERMINERS = frozenset(
    "a an the this that these those their its his her our your my some many most few several every each any "
    "no other such all both".split()
)
_PREPOSITIONS = frozenset(
    "of in on at for from with without by to into onto about over under between among through during against "
    "per than like unlike towards toward across within upon via".split()
)
#: Nouns too general to point at a reason ("What does the article say about ways?").
_GENERIC = frozenset(
    "way ways thing things fact facts point points reality lot lots kind kinds part parts case cases something "
    "anything everything nothing someone anyone everyone one ones example examples number numbers matter issue "
    "issues question questions reason reasons idea ideas people time times need needs use".split()
)
#: Words after which a word that can be a noun or a verb is the verb ("they produce", "can store").
_BEFORE_VERB = frozenset(
    "i you we they he she it who which that to can could will would may might must should shall do does did not "
    "never also often still just".split()
)
#: Openings that carry no reason: answer labels and discourse markers ("Response:", "And the reality is,").
_LEAD_IN = re.compile(
    r"^(?:(?:response|reply|answer|fact|facts|reality|the truth|truth|not true|false)\s*[:.\-!]\s*"
    r"|(?:and|but|so|plus|also|however|yet|still|indeed|in fact|actually|of course|moreover|furthermore|besides|"
    r"first|second|third|finally|again|then|now|sure|true|no|nope|not really|in reality|in short|"
    r"(?:and\s+)?the (?:reality|truth|fact|point|thing) is(?: that)?|it(?:'s|\u2019s| is) true(?: that)?|"
    r"(?:yes|no|well|sure)(?=,))\b\s*[,:]?\s*)+",
    re.IGNORECASE,
)
#: Where a sentence's main clause ends.
_CLAUSE_END = re.compile(
    r"\s*[,;:()\u2014\u2013]\s*|\s+[-]\s+|\s+(?=(?:because|which|while|when|whereas|although|though|since|unless|"
    r"so that|but|and|or|as|if|than|where|who)\b)",
    re.IGNORECASE,
)
#: A clause opening with one of these is a fronted adverbial ("Unlike animals, ..."), not the reason.
_SUBORDINATE = frozenset(
    "unlike while although though if when because since as despite after before in for with without by "
    "according even given like instead rather unless whether once until for at on from of to".split()
)


@lru_cache(maxsize=8192)
def _readings(word: str) -> frozenset[str]:
    return frozenset(getAllLemmas(word.lower()))


def _tag(word: str, previous: tuple[str, str], following: str, first: bool) -> str:
    """N (noun or name), A (adjective), V (verb), D (determiner), P (preposition), X (anything else)."""
    lower = word.lower()
    previous_word, previous_tag = previous
    if lower in _DETERMINERS:
        return "D"
    if lower in _PREPOSITIONS:
        return "P"
    if re.search(r"n['\u2019]t$", lower):
        return "V"  # "aren't", "can't", "doesn't"
    if not word[:1].isalpha() or "'" in word or "\u2019" in word:
        return "X"
    readings = _readings(word)
    if word[:1].isupper() and not first and "NOUN" in readings:
        return "N"  # a name: "Field Roast", "Cold War"
    if not readings:
        # a name ("Gardein"), or an unlisted word: a plural or a term far more often than a verb
        return "N" if (word[:1].isupper() and not first) or (lower.isalpha() and lower not in STOP_WORDS) else "X"
    if lower in STOP_WORDS:
        return "X"
    after_modifier = previous_tag in ("D", "A", "P") or previous_word in _PREPOSITIONS
    if "NOUN" in readings and "VERB" in readings:
        if (
            previous_word in _BEFORE_VERB
            # "blades produce", "output rises"; but "wind power", "vegan diet" are one noun
            or (previous_tag == "N" and previous_word.endswith("s") != lower.endswith("s"))
            or previous_word in ("people", "children", "men", "women")
            or re.search(r"(?:['\u2019](?:t|re|ll|ve|d)|ly)$", previous_word)
        ):
            return "V"  # "they produce", "don't need", "blades produce"
        if first and following.lower() in _DETERMINERS | {"out", "up", "on", "off"}:
            return "V"  # an imperative: "Check out ...", "Consider the ..."
        return "N"
    if "ADJ" in readings and lower not in getAllLemmas(lower).get("ADJ", (lower,)):
        return "A"  # a comparative or superlative: "closer", "cheapest"
    if "NOUN" in readings:
        if "ADJ" in readings and _readings(following) & {"NOUN"} and following.lower() not in STOP_WORDS:
            return "A"
        return "N"
    if "ADJ" in readings:
        if "VERB" in readings and not after_modifier:
            return "V"
        return "A" if not lower.endswith("ly") else "X"
    if "VERB" in readings or "AUX" in readings:
        return "V"
    return "X"


def tagged(sentence: str) -> list[tuple[str, str]]:
    """The sentence's words, each with its part of speech (see :func:`_tag`)."""
    tokens = _TOKEN.findall(sentence)
    out: list[tuple[str, str]] = []
    previous = ("", "")
    for index, token in enumerate(tokens):
        following = tokens[index + 1] if index + 1 < len(tokens) else ""
        tag = _tag(token, previous, following, first=not out) if token[:1].isalnum() else "X"
        out.append((token, tag))
        previous = (token.lower(), tag)
    return out


def noun_phrases(sentence: str) -> list[list[str]]:
    """Runs of adjectives and nouns ending in a noun ("nervous systems", "Field Roast"),
    joined across "of" ("the price of the disease" gives "price of the disease")."""
    words = tagged(sentence)
    phrases: list[list[str]] = []
    run: list[tuple[str, str]] = []

    def close() -> None:
        while run and run[-1][1] != "N":
            run.pop()
        if run:
            phrases.append([w for w, _ in run])
        run.clear()

    for index, (word, tag) in enumerate(words):
        if tag in ("A", "N"):
            run.append((word, tag))
        elif (
            word.lower() == "of"
            and run
            and run[-1][1] == "N"
            and index + 1 < len(words)
            and words[index + 1][1] in ("A", "N", "D")
        ):
            run.append((word, "P"))
        elif tag == "D" and run and run[-1][0].lower() == "of":
            run.append((word, "D"))
        else:
            close()
    close()
    if words and words[0][0][:1].isupper():  # capitalised only because it opens the sentence
        first = words[0][0]
        for phrase in phrases:
            if phrase and phrase[0] == first and _readings(first):
                phrase[0] = first.lower()
    return phrases


def _terms(text: str) -> set[str]:
    return {w.lower() for w in re.findall(r"[A-Za-z0-9]+", text)}


def _key_phrases(sentences: tuple[str, ...], claim: str, most_words: int) -> list[str]:
    """The reason's noun phrases that name something the claim does not, most telling first:
    two or three such words before one, the first sentence (which states the reason) before later ones."""
    claim_terms = _terms(claim)
    ranked = []
    for position, sentence in enumerate(sentences):
        lowered = sentence.lower()
        for order, phrase in enumerate(noun_phrases(sentence)):
            # a phrase after a preposition ("At two metres, ...") frames the reason; the subject or object states it
            start = lowered.find(" ".join(phrase).lower())
            before = re.findall(r"[a-z']+", lowered[: max(start, 0)])[-2:]
            framing = bool(set(before) & _PREPOSITIONS) and phrase[0].lower() != "of"
            words = phrase[-most_words:]
            while words and (words[0].lower() == "of" or words[0].lower() in _DETERMINERS):
                words = words[1:]
            content = [w.lower() for w in words if w.lower() not in STOP_WORDS and w.lower() != "of"]
            fresh = [w for w in content if w not in claim_terms and w not in _GENERIC]
            if fresh and not (len(content) == 1 and len(content[0]) < 4):
                ranked.append((-min(len(fresh), 3), framing, position, order, " ".join(words)))
    return [phrase for *_, phrase in sorted(ranked)]


def hint(sentences: tuple[str, ...], claim: str, used: set[str]) -> str:
    """A question about a noun phrase of the reason that the claim does not already name, a different
    one for each counterargument of a Point; it points at the reason without stating it."""
    for phrase in _key_phrases(sentences, claim, HINT_WORDS):
        if phrase.lower() not in used:
            used.add(phrase.lower())
            return f"What does the article say about {phrase}?"
    return GENERIC_HINT


#: "There are ways to get electricity ...": what there is names the reason.
_THERE_IS = re.compile(r"^there(?:'s|\u2019s| is| are| was| were)\s+", re.IGNORECASE)


def label(sentences: tuple[str, ...], claim: str = "", used: set[str] | None = None) -> str:
    """A short name for the reason: the main clause of its first sentence when that is 2-6 words
    ("Plants aren't sentient", "Output per hour rises"), else its key noun phrase, capitalised;
    a different one for each counterargument of a Point (``used``)."""
    used = set() if used is None else used
    first = _THERE_IS.sub("", _LEAD_IN.sub("", sentences[0].strip()).strip())
    clauses = [c.strip(' .!?"\u201c\u201d') for c in _CLAUSE_END.split(first)]
    candidates = []
    for index, clause in enumerate(c for c in clauses if c):
        words = clause.split()
        if index + 1 < len(clauses) and words and words[0].lower() in _SUBORDINATE:
            continue  # "Unlike animals, plants aren't sentient": the reason is after the comma
        if words and words[0].lower() not in _SUBORDINATE | {"and", "or", "but", "than", "so"}:
            candidates += _clause_label(words)
        break
    candidates += [p for p in _key_phrases(sentences, claim, LABEL_MAX_WORDS) if len(p.split()) >= 2]
    candidates += _key_phrases(sentences, claim, LABEL_MAX_WORDS)
    for candidate in candidates:
        text = _capitalised(candidate)
        if text.lower() not in used:
            used.add(text.lower())
            return text
    return _capitalised(first or sentences[0])


def _clause_label(words: list[str]) -> list[str]:
    """The clause, or its start up to a preposition ("Patrons will be billed" for "... billed for lost
    materials"), in 2-6 words ending on a word that closes a phrase, not on "that", "can" or "more", nor
    on a verb whose object is cut off ("A survey found" that ...)."""
    words = _compressed(words)
    tags = [tag for _, tag in tagged(" ".join(words))]
    cuts = [len(words)] + [i for i in range(len(words) - 1, 1, -1) if words[i].lower() in _PREPOSITIONS | {"that"}]
    for cut in cuts:
        head, head_tags = words[:cut], tags[:cut]
        last = head[-1].lower().strip(".,;:!?") if head else ""
        if (
            LABEL_MIN_WORDS <= len(head) <= LABEL_MAX_WORDS
            and len(" ".join(head)) <= MAX_LABEL
            and head_tags[-1]
            in (("N", "A", "V") if cut == len(words) or words[cut].lower() not in ("that", "to") else ("N",))
            and last not in STOP_WORDS | _BEFORE_VERB
            and not re.search(r"n['\u2019]t$", last)  # "The papers aren't" (about what?)
            and ("V" in head_tags if cut == len(words) else "N" in head_tags)
        ):
            return [" ".join(head)]
    return []


#: Words a label can do without: "Wind turbines are typically placed ..." names the same reason without "typically".
_FILLER = frozenset("just also even still actually really simply only already too very much quite".split())


def _compressed(words: list[str]) -> list[str]:
    if len(words) <= LABEL_MAX_WORDS and len(" ".join(words)) <= MAX_LABEL:
        return words
    kept = [w for w in words if w.lower() not in _FILLER and not (w.lower().endswith("ly") and len(w) > 4)]
    if kept and kept[0].lower() in ("the", "a", "an"):
        kept = kept[1:]
    return kept


def _capitalised(text: str) -> str:
    return label_from(text[:1].upper() + text[1:])
