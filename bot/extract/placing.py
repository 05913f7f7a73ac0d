"""A comparison stated as where something puts a model: "The update puts Gemini 2.5 Pro
ahead of GPT-4.5", "a score of 1460, which puts it behind o3", "leaves Llama 4 level
with DeepSeek V3"; or as whom someone preferred: "raters preferred Claude 3.5 Sonnet
over GPT-4o".

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


# Same matches, found sooner: literal checks before the patterns (bot/extract/prefilter.py).
from bot.extract.prefilter import prefilter_patterns  # noqa: E402

prefilter_patterns(globals())
