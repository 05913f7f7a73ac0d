"""A comparison stated as where something puts a model: "The update puts Gemini 2.5 Pro
ahead of GPT-4.5", "a score of 1460, which puts it behind o3", "leaves Llama 4 level
with DeepSeek V3"; or as whom someone preferred: "raters preferred Claude 3.5 Sonnet
over GPT-4o"; or as a place set before its verb: "Behind Gemini 2.5 Pro sits o3".

The verb's object is the comparison's subject (never in subject position, so the verb
patterns of patterns.py do not read it); the place words after it say which way, and
the names after them are the other side, as for any comparison verb. "It" is the
sentence's one subject, else the previous sentence's.
"""

from __future__ import annotations

import re

from bot.extract.hits import Hit, PairHit, PairRelation
from bot.extract.patterns import Sentence, _near_negation, _objects, _subject
from bot.extract.regexes import regex
from bot.extract.subjects import antecedent

_PLACING = regex(
    r"\b(?:puts?|putting|plac(?:es|ed|ing)|leav(?:e|es|ing)|left|keeps?|kept|keeping|"
    r"push(?:es|ed|ing)?|lift(?:s|ed|ing)?|mov(?:es|ed|ing)|bump(?:s|ed|ing)?|"
    r"drop(?:s|ped|ping)?)\s+(?P<it>it\s+)?",
    re.IGNORECASE,
)
# the place words between the placed model and the other side
_PLACE = regex(
    r"\s*(?:(?:just|well|far|firmly|narrowly|slightly|now|still|squarely|"
    r"\d[\d.,]*\s*(?:(?:Elo\s+)?points?|places?|spots?|positions?))\s+)?"
    r"(?:(?P<beats>ahead\s+of|above|in\s+front\s+of)|(?P<trails>behind|below)|"
    r"(?P<ties>level\s+with|on\s+(?:a\s+)?par\s+with|neck\s+and\s+neck\s+with|tied\s+with|"
    r"even\s+with))\b",
    re.IGNORECASE,
)


# "raters preferred Claude 3.5 Sonnet over GPT-4o": the one preferred beats the other
_PREFERRING = regex(
    r"\b(?:preferr?(?:ed|s|ing)?|favou?r(?:ed|s|ing)?)\s+(?P<it>it\s+)?",
    re.IGNORECASE,
)
# only the preference of people judging answers ranks models ("developers prefer X for
# its price" is a choice, not a result)
_JUDGED = regex(
    r"\b(?:raters?|voters?|votes?|blind|head[- ]to[- ]head|evaluators?|judges?|testers?|"
    r"human\s+preference|side[- ]by[- ]side|matchups?|win\s+rates?|pairwise|battles?)\b",
    re.IGNORECASE,
)
_OVER = regex(r"\s*(?P<beats>over|to|ahead\s+of)\b", re.IGNORECASE)


# what a verb of placing may also put a model ahead on, which no leaderboard ranks:
# "700 million downloads, which would put it ahead of Meta's Llama"
_COUNTED = regex(
    r"\b(?:downloads?|(?:monthly|weekly|daily|active)\s+users|revenue|sales|stars|likes|installs|"
    r"subscribers|customers|"
    r"valuation|funding|market\s+share|popularity|usage|traffic|visits|prices?|pricing|costs?|"
    r"parameters|speed|latency|throughput)\b",
    re.IGNORECASE,
)


def find_placed(s: Sentence) -> list[Hit]:
    found: list[Hit] = []
    if not s.models or _COUNTED.search(s.text):
        return found
    cues = [(v, _PLACE) for v in _PLACING.finditer(s.text)]
    if _JUDGED.search(s.text):
        cues += [(v, _OVER) for v in _PREFERRING.finditer(s.text)]
    for v, place_words in cues:
        if v.group("it"):
            # "..., which puts it ahead of o3": the model the sentence speaks of
            subject = antecedent(s.text, s.models, s.objects, v.start())
            subject = subject or _subject(s, v.start("it"))
            place_from = v.end()
        else:
            placed = next((m for m in s.models if m.start >= v.end()), None)
            if placed is None or placed.start != v.end():
                continue
            subject, place_from = placed.text, placed.end
        place = place_words.match(s.text, place_from)
        if subject is None or place is None:
            continue
        groups = place.groupdict()
        relation: PairRelation = (
            "beats" if groups.get("beats") else "trails" if groups.get("trails") else "ties"
        )
        negated = _near_negation(s.text, v.start())
        for obj in _objects(s, place.end()):
            if obj.text.lower() != subject.lower():
                found.append(
                    PairHit(
                        model_a=subject,
                        model_b=obj.text,
                        relation=relation,
                        start=v.start(),
                        negated=negated,
                    )
                )
    return found


# "Behind Gemini 2.5 Pro sits o3", "Just ahead of it are A and B": a place set before
# the verb, at the start of the sentence; its subject comes after the verb
_FRONTED_PLACE = regex(
    r"^\W*(?:(?:just|right|close|directly|immediately|not\s+far|well|far)\s+)?"
    r"(?:(?P<beats>ahead\s+of|above|in\s+front\s+of)|(?P<trails>behind|below|beneath))\s+"
    r"(?:(?P<it>it|them)\b)?",
    re.IGNORECASE,
)
_INVERTED_VERB = regex(
    r"\s*,?\s+(?:now\s+|still\s+|then\s+)?(?:sits?|sat|comes?|came|is|are|was|were|lies|"
    r"lay|stands?|stood|ranks?|ranked|follows?|followed|lurks?|lurked)\b",
    re.IGNORECASE,
)


def find_fronted_places(s: Sentence) -> list[Hit]:
    place = _FRONTED_PLACE.match(s.text)
    if place is None or not s.models:
        return []
    if place.group("it"):
        # "Behind it sits o3": the model the previous sentence spoke of
        if s.prev_subject is None:
            return []
        anchor, anchor_end = s.prev_subject, place.end("it")
    else:
        first = next((m for m in s.models if m.start >= place.end()), None)
        if first is None or first.start != place.end():
            return []
        anchor, anchor_end = first.text, first.end
    verb = _INVERTED_VERB.match(s.text, anchor_end)
    if verb is None:
        return []
    relation: PairRelation = "beats" if place.group("beats") else "trails"
    negated = _near_negation(s.text, verb.end())
    return [
        PairHit(
            model_a=obj.text,
            model_b=anchor,
            relation=relation,
            start=verb.start(),
            negated=negated,
        )
        for obj in _objects(s, verb.end())
        if obj.text.lower() != anchor.lower()
    ]


# Same matches, found sooner: literal checks before the patterns (bot/extract/prefilter.py).
from bot.extract.prefilter import prefilter_patterns  # noqa: E402

prefilter_patterns(globals())
