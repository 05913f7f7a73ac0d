"""Claim patterns: one sentence (with its model and group mentions) -> claim hits.

Each finder looks for a trigger (a verb, "ranks #N", "the gap between") and takes
its subject from the nearest mention before it and its objects from the mentions
right after it. A hit holds only what the sentence says about the claim's shape;
`rules.py` adds the common fields (quote, dates, hedges, claimant, statement).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Literal

from bot.extract.groups import GroupPhrase, find_groups, resolve_pair
from bot.extract.hits import (
    Direction,
    GroupHit,
    GroupRelation,
    Hit,
    PairHit,
    PairRelation,
    RankHit,
    RankOp,
    Relation,
    TrendHit,
)
from bot.extract.lazy import LazyPattern, lazy
from bot.extract.lexicon import BENCHMARKS, BOARDS
from bot.extract.modality import mood
from bot.extract.names import Gazetteer, Mention, unlisted_names
from bot.extract.regexes import regex
from bot.extract.scope import slug
from bot.extract.sides import described_sides, sides_joined
from bot.extract.subjects import (
    OWN_VERB,
    REFERENCE,
    antecedent,
    in_subject_position,
    pronoun_in,
    subjects,
)
from store.claims import Group
from store.judge.rank import AMONG_LEADING_K
from store.registry import load_registry

ORDINALS = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
}
_NUMBER_WORDS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "twenty": 20,
}


@dataclass(slots=True)
class Sentence:
    text: str
    models: list[Mention]
    groups: list[GroupPhrase]
    gaz: Gazetteer
    prev_subject: str | None = None  # for "it"/"the model": the previous sentence's subject
    topic: str | None = None  # the model the article announces (its title's first model)
    prev_named: bool = False  # the previous sentence named a model ("it" may mean that one)
    scores_context: bool = False  # the article speaks of scores (leaderboards, Elo, benchmarks)
    prev_rank: int | None = None  # the last place the previous sentence gave ("Next comes X")
    last_rank: int | None = None  # the last place this sentence gives
    hits: list[Hit] = field(default_factory=list)
    objects: frozenset[int] = frozenset()  # starts of mentions that are a verb's object
    unlisted: list[Mention] | None = None  # names the gazetteer lacks (read on first need)
    countries: frozenset[str] = frozenset()  # the countries the article names (gaps.py)
    prev_list: tuple[str, ...] = ()  # for "both models": the previous sentence's "A and B"
    # the two groups the previous sentence set against each other (gaps.py)
    prev_sides: tuple[Group, Group] | None = None


def _i(pattern: str) -> re.Pattern[str]:
    return regex(pattern, re.IGNORECASE)


def _lazy_i(pattern: str) -> LazyPattern:  # for a rarely needed pattern (bot/extract/lazy.py)
    return lazy(pattern, re.IGNORECASE)


_AUX = (
    r"(?:has|have|had|is|are|was|were|does|do|did|now|already|still|also|just|clearly|"
    r"narrowly|even|not|n't|no longer|never|could|may|might|would|will|can|likely|"
    r"reportedly|seems? to|appears? to|been|being|continues? to|managed to|fails? to|"
    r"failed to|to|officially|consistently|significantly|comfortably|easily|soon|eventually|"
    r"finally|again|quickly|rapidly|steadily|effectively|decisively|firmly|largely|yet)"
)
_BETWEEN_SUBJECT = _lazy_i(rf"^\s*(?:\([^)]{{0,60}}\)\s*|,[^,]{{0,40}},\s*)?(?:{_AUX}\s+|n't\s+)*$")

# Verbs of performing that take a place word: "performs just above X", "scores below X",
# "it's just under X"
_ABLE = r"capable|accurate|powerful|intelligent|reliable|advanced|effective|robust|helpful"
_PLACED_BY = r"performs?|performed|performing|scor(?:es|ed|ing)|score|rated|(?<=\bit)['’]s"
# "ahead of Y and behind Z": a second place after "and" shares the first one's verb
# ("and behind it sits Z" is a place fronted before a subject of its own)
_AND_PLACE = (
    # "and behind it sits Z", "and behind Gemini 1.5 Pro sits Claude 3 Opus": a place
    # fronted before its own subject, no second place of the first clause's subject
    r"(?<=\band )(?!(?:behind|below|under|above|ahead\s+of|in\s+front\s+of)\s+"
    r"(?:(?:it|them|this|that|these|those)\b|[^,;]{1,60}?\s(?:sits?|sat|stands?|stood|comes?|"
    r"came|lies|lay|is|are|was|were)\s+[A-Z]))"
)
# verbs that state a quality as found: "proved superior to Y", "looks inferior to Y"
_PROVED = (
    r"proved|proves|proven|remains?|remained|looks?|looked|seems?|seemed|appears?|appeared|"
    r"became|becomes"
)
# no word that opens another clause may stand inside a comparative before its "than"
_NO_CLAUSE_WORD = (
    r"(?!(?:but|while|whereas|which|who|that|because|although|though|if|when|than|and|or)\b)"
)
_VERBS: dict[Relation, str] = {
    "overtook": (
        r"overtak(?:e|es|en|ing)|overtook|(?:has|have|had) (?:now |already |officially )?"
        r"(?:surpassed|passed|eclipsed|pulled ahead of)|eclipsed|leapfrog(?:s|ged|ging)?"
    ),
    "beats": (
        # "X's lead over Y" (not one that is gone: "X's lead over Y has vanished")
        r"(?<=['’]s )(?:(?:narrow|slim|clear|big|wide|comfortable|commanding|small|large)\s+)?"
        r"(?:lead|edge|advantage)\s+over(?![^;]{0,60}?\b(?:vanish|disappear|eras|evaporat|"
        r"gone|lost|ended|revers|wiped|flipped))|"
        r"(?:keeps?|kept|holds?|held|has|had|have|retains?|retained|maintains?|maintained|"
        r"enjoys?|enjoyed|opens?|opened|extends?|extended|shows?|showed|shown|demonstrates?|"
        r"demonstrated|posts?|posted|builds?|built|gains?|gained|takes?|took|taken|regain(?:s|ed)?|"
        r"reclaim(?:s|ed)?|retakes?|retook|retaken|seiz(?:es|ed)|won\s+back|took\s+back)\s+"
        r"(?:a|an|its|their|the)\s+(?:[\w-]+\s+){0,2}?(?:lead|edge|advantage)\s+over|"
        r"match(?:es|ed)?\s+or\s+(?:even\s+)?(?:outperform|exceed|beat|surpass)\w*|"
        r"(?:(?<=could )|(?<=would )|(?<=will )|(?<=might )|(?<=can )|(?<=did )|(?<=does )|"
        r"(?<=to )|(?<=may ))top(?![- ]?\d)|eclips(?:es|ing)|"
        # "outperforms or matches" is the stronger claim, beats (as "matches or
        # outperforms"); "the best Ractor server" is no verb
        r"outperform(?:s|ed|ing)?\s+or\s+(?:even\s+)?(?:match|equal)\w*|"
        r"beats?\s+out|beat\s+out|outshin(?:es|ed|ing)|outshone|outclass(?:es|ed|ing)?|"
        # "slipped past Y", "inched ahead of Y": a small move past a name
        r"(?:slip(?:s|ped|ping)?|inch(?:es|ed|ing)|nos(?:es|ed|ing)|creeps?|crept|"
        r"squeak(?:s|ed|ing)?)\s+(?:past|ahead\s+of)(?=\s+(?:[A-Z]|o\d))|"
        r"(?:(?:wins?|won|winning)\s+(?:out\s+)?|"
        r"(?:comes?|came|coming)\s+out\s+(?:on\s+top|ahead)\s+)(?:against|over)(?=\s+(?:[A-Z]|o\d))|"
        r"defeat(?:s|ed|ing)?|"
        # "is no longer ahead of Y": the denial stands before the cue (modality.py)
        r"(?:(?<=\bno longer )|(?<=\bnot )|(?<=n't )|(?<=n’t ))(?:ahead of|above|in front of)|"
        r"beats?|beating|bests|bested|outperform(?:s|ed|ing)?|outscor(?:es|ed|ing)|"
        # "more than doubles X's performance", "triples Y's score"
        r"(?:more\s+than\s+|nearly\s+|almost\s+)?(?:doubl|tripl|quadrupl)(?:es|ed|ing)(?=\s+[A-Z])|"
        r"edg(?:es|ed|ing)\s+past|pull(?:s|ed|ing)?\s+ahead\s+of|dethron(?:e|es|ed|ing)|"
        # "builds on its predecessor with meaningful gains in ...": better than what it
        # builds on (the gains said right after the other side)
        r"build(?:s|ing)?\s+(?:up)?on(?=\s+(?:[^.;,]|\.(?=\S)){1,60}?\s+with\s+(?:(?:[\w-]+|\d[\d.,]*%?)\s+){0,3}?"
        r"(?:gains|improvements|upgrades)\b)|"
        r"unseat(?:s|ed|ing)?|displac(?:es|ed|ing)|outdo(?:es)?|outdid|"
        r"pass(?:es|ed|ing)?(?=\s+(?:both\s+|even\s+)?[A-Z])|knock(?:s|ed)?(?=\s+[A-Z])|"
        # "edges GPT-4o", "crushed o1": verbs of winning, only with a name right after
        r"(?:edg(?:es|ed|ing)|trump(?:s|ed|ing)?|crush(?:es|ed|ing)?|trounc(?:es|ed|ing)|"
        r"outstrip(?:s|ped|ping)?|outgun(?:s|ned|ning)?|overpower(?:s|ed|ing)?|"
        r"thrash(?:es|ed|ing)|smash(?:es|ed|ing)|demolish(?:es|ed|ing))"
        # ("edged out" and "edges past" are read below; a case-blind twin of this
        # pattern runs first, so no case-sensitive group may stand in it)
        r"(?!\s+(?:out|past|ahead|up|of)\b)(?=\s+\S)|"
        r"surpass(?:es|ed|ing)?|outrank(?:s|ed|ing)?|edges? out|edged out|outpac(?:es|ed|ing)|"
        r"(?:(?:is|are|was|were|remains?|stays?|ranks?|ranked|sits?|placed|places|"
        r"finish(?:es|ed|ing)?|"
        r"came|comes|lands?|landed|ended|ends|moved?|climb(?:s|ed)?|rose|rises|pulled|pulls|"
        r"emerg(?:es|ed)|stood|stands?|"
        rf"{_PLACED_BY})"
        r"\s+(?:out\s+|in\s+|up\s+)?|"
        rf"(?<=, )|(?<=—)|(?<=– )|(?<=\byet )|(?<=\bbut )|{_AND_PLACE})"
        r"(?:well\s+|far\s+|a\s+hair\s+|a\s+notch\s+|"
        # "one spot above", "two places ahead of"
        r"(?:one|two|three|four|five|a\s+few|several|\d{1,2})\s+(?:spots?|places?|positions?|ranks?)\s+|"
        r"just\s+|slightly\s+|now\s+|still\s+|narrowly\s+|comfortably\s+|clearly\s+)?"
        r"(?:ahead of|above|in front of|clear of(?!\s+(?:the\s+)?(?:\d|rest|field|pack)))|"
        r"leads?|led|leading(?!\s+(?:[\w-]+\s+){0,3}(?:models?|systems?|LLMs?|labs?|compan|"
        r"open|closed|AI\b|frontier|code|providers?))|dominat(?:e|es|ed|ing)|tops|topped|topping|"
        rf"exceed(?:s|ed|ing)?|(?:is|are|was|were|{_PROVED})\s+(?:\w+\s+)?superior\s+to|"
        r"(?:[\w-]+\s+)?(?:improvements?|upgrades?|step\s+(?:up|forward)|gains?)\s+(?:over|on|from)|"
        # "a 20% relative improvement in IF-Eval and MT-Bench over Y": the tests measured
        # said between the gain and its other side
        r"(?:[\w-]+\s+)?(?:improvements?|gains?)\s+(?:in|on)\s+(?:[\w.-]+\s+){1,5}?over"
        r"(?=\s+(?:the\s+)?(?:[A-Z]|o\d|(?:nearest|closest|next|best|previous|prior)\b))|"
        # "gains 5 points on MMLU and 8 on BBH relative to Y": a gain measured in points
        r"gain(?:s|ed|ing)?\s+(?:about\s+|roughly\s+|nearly\s+|over\s+)?\d[\d.,]*\s*"
        r"(?:(?:Elo\s+)?points?|pts|%|percentage\s+points)(?:\s+(?:on|in)\s+[\w.-]+)?"
        r"(?:\s*,?\s+and\s+\d[\d.,]*(?:\s*(?:points?|pts|%))?\s+(?:on|in)\s+[\w.-]+)*"
        r"\s+(?:relative\s+to|over|compared\s+(?:to|with)|versus|vs\.?)(?=\s+(?:[A-Z]|o\d))|"
        # "a 1.4x improvement relative to Y", "gains compared with Y": measured against Y
        r"(?:[\w-]+\s+)?(?:improvements?|gains?)\s+(?:relative\s+to|compared\s+(?:to|with)|"
        r"versus|vs\.?)(?=\s+(?:[A-Z]|o\d))|"
        # "three times as high as X", "around 1.5x the next-best model"
        rf"(?:\d+(?:\.\d+)?\s*(?:x|×)|(?:{'|'.join(_NUMBER_WORDS)})\s+times)\s+"
        r"(?:as\s+(?:high|good|much|many)\s+as|the(?=\s+[\w-]+\s+(?:model|system)))|"
        # "widens the quality gap to v2.5 Flash"
        r"widen(?:s|ed|ing)?\s+(?:the|its)\s+(?:[\w-]+\s+)?(?:gap|lead)\s+(?:to|over|with)|"
        # a distance: "2.8 points above X", "a margin of 17 over X", "a 40-point lead over X"
        r"\d[\d.,]*\s*(?:(?:Elo\s+)?points?|pts|%|percentage\s+points)\s+(?:above|ahead\s+of|clear\s+of)|"
        r"(?:margin|lead)\s+of\s+(?:about\s+|roughly\s+|nearly\s+|over\s+)?\d[\d.,]*"
        r"(?:\s*(?:(?:Elo\s+)?points?|pts|%))?\s+over|"
        r"\d[\d.,]*[- ]point\s+(?:lead|margin|advantage)\s+over|"
        r"improv(?:es|ed|ing)\s+(?:up)?on|win\s+rate\s+over|preferred\s+over|"
        r"win\s+rate\s+(?:against|versus|vs\.?)(?=\s+(?:[A-Z]|o\d))|"
        # "was preferred to Y", "the clear winner over Y"
        r"preferred\s+to(?=\s+(?:[A-Z]|o\d))|(?:clear\s+|outright\s+|overall\s+)?winner\s+"
        r"(?:over|against)(?=\s+(?:[A-Z]|o\d))|"
        rf"(?:better|higher|stronger|smarter|more\s+(?:{_ABLE}|agentic|consistent|preferred))"
        # "better performance, across the board, than Y": an aside before "than";
        # "stronger first passes on visual and interactive projects than Y": no clause
        # word among the words before it
        r"(?:\s+(?!(?:but|while|whereas|which|who|that|because|although|though|if|when|"
        r"than)\b)[\w-]+){0,8}?(?:,[^,;]{1,30},)?\s+than"
        # "than we typically saw with Y": the other side as the author met it
        r"(?:\s+(?:we|you|they|users|testers)\s+(?:\w+ly\s+)?(?:saw|see|got|get|had|"
        r"observed|found)\s+(?:with|from|in))?|"
        # "more mistakes than Y": only a measure where less is better gives it a way (measured)
        # ("solves more tasks end-to-end in a single pass than Y": the measure may take
        # its own words before "than", none that opens another clause)
        rf"more(?:\s+{_NO_CLAUSE_WORD}[\w-]+){{1,8}}?\s+than"
    ),
    "trails": (
        # the passive: "X was outperformed by Y" says Y beats X; "X has been replaced by Y"
        r"(?:is|are|was|were|been|being|gets?|got)\s+(?:\w+ly\s+)?(?:replaced|superseded|"
        r"succeeded|outperformed|beaten|"
        r"surpassed|overtaken|outscored|outranked|topped|edged\s+out|eclipsed|bested|"
        # "is outranked only by larger models": an adverb before "by" keeps the passive
        r"outpaced|leapfrogged|dethroned|unseated|outclassed)\s+(?:(?:only|just|even|\w+ly)\s+)?by|"
        # "was knocked off the top spot by Y"
        # ("was nearly knocked off": it was not)
        r"(?:is|are|was|were|been|being|gets?|got)\s+(?:(?!nearly\b)\w+ly\s+)?(?:knocked|bumped|pushed|"
        r"ousted|dislodged)\s+(?:off|from)\s+(?:the\s+)?(?:top(?:\s+spot)?|first(?:\s+place)?|"
        r"(?:No\.\s?|number\s+)(?:1|one)(?:\s+spot)?|its\s+perch|the\s+throne|pole\s+position)"
        r"(?:\s+(?:on|of|in)\s+(?:the\s+)?[\w.-]+(?:\s+[\w.-]+)?)?\s+by|"
        # "is just shy of Y", "a close second to Y"
        r"(?:is|are|was|were|sits?|sat|lands?|landed|finish(?:es|ed)|comes?|came)\s+"
        r"(?:just\s+|slightly\s+|narrowly\s+|a\s+(?:hair|whisker|touch)\s+)?shy\s+of|"
        r"(?:close|distant|clear)\s+second\s+(?:to|behind)|"
        r"second\s+only\s+to|(?:comes?|came|finish(?:es|ed)|ranks?|ranked)\s+second\s+to|"
        rf"(?:is|are|was|were|{_PROVED})\s+(?:\w+\s+)?inferior\s+to|"
        r"trails?|trailing|trailed|lags?(?: behind)?|lagged(?: behind)?|lagging(?: behind)?|"
        r"falls? behind|fell behind|fallen behind|"
        r"(?:is|are|was|were)\s+(?:still\s+|simply\s+|clearly\s+)?no match for|"
        r"(?:falls?|fell|fallen|falling)\s+(?:further|farther)\s+behind|"
        r"los(?:es|t|ing)\s+(?:out\s+)?to(?=\s+(?:[A-Z]|o\d))|"
        # "the second-best model behind X"
        r"(?:(?<=\bmodel )|(?<=\bplace )|(?<=\bspot )|(?<=\bentry ))behind|"
        r"(?:(?:is|are|was|were|remains?|ranks?|ranked|sits?|placed|places|finish(?:es|ed)?|"
        r"came|comes|lands?|landed|ended|ends|fell|falls?|slipped|slips?|dropped|drops?|"
        r"emerg(?:es|ed)|stood|stands?|"
        rf"{_PLACED_BY})\s+|"
        rf"(?<=, )|(?<=\byet )|(?<=\bbut )|{_AND_PLACE})"
        r"(?:well\s+|far\s+|just\s+|slightly\s+|still\s+|narrowly\s+|now\s+|"
        r"(?:one|two|three|four|five|a\s+few|several|\d{1,2})\s+(?:spots?|places?|positions?|ranks?)\s+)?"
        r"(?:behind|below|under)|"
        r"(?:(?<=\bno longer )|(?<=\bnot )|(?<=n't )|(?<=n’t ))(?:behind|below)|"
        # "lost its lead to Y", "ceded the top spot to Y", "is still catching up to Y"
        r"(?:los(?:es|t|ing)|ced(?:es|ed|ing)|surrender(?:s|ed|ing)?)\s+(?:its|the|their)\s+"
        r"(?:lead|top\s+spot|first\s+place|crown|No\.\s?1\s+spot)\s+to|"
        # ("are catching up with" alone is a gap closing: a trend, gaps.py)
        r"(?:is|are|was|were)\s+still\s+(?:catching\s+up|playing\s+catch[- ]up)\s+(?:to|with)|"
        r"approach(?:es|ed|ing)|"
        # "second place, with only GPT-5 above it": the one named above is ahead
        r"with\s+only(?=\s+[^,.;]{1,60}?\s+(?:above|ahead\s+of|in\s+front\s+of)\s+(?:it|them)\b)|"
        r"behind\s+only|"
        r"\d[\d.,]*\s*(?:(?:Elo\s+)?points?|pts|%|percentage\s+points)\s+(?:behind|below|short\s+of)|"
        rf"(?:worse|lower|weaker|fewer|less)(?:\s+{_NO_CLAUSE_WORD}[\w-]+){{0,7}}?"
        r"(?:,[^,;]{1,30},)?\s+than|falls?\s+(?:well\s+)?short\s+of|"
        r"fell\s+(?:well\s+)?short\s+of|(?:comes?|came)\s+(?:close\s+to|near)|"
        # "delivers near Fable 5 intelligence", "within 38 Elo points of GPT-5.5"
        r"(?<=\s)near(?=\s+(?:[A-Z]|o\d))|(?:is|are|was|were|comes?|came|sits?|lands?|stays?|"
        r"scores?|scored|performs?|performed)\s+"
        r"(?:now\s+|still\s+|just\s+)?within\s+(?:about\s+|roughly\s+)?"
        rf"(?:[\d.,]+|a|a\s+few|a\s+couple\s+of|{'|'.join(_NUMBER_WORDS)})\s*"
        r"(?:(?:Elo\s+)?points?|pts|%|percentage\s+points)\s+of|"
        r"(?:comes?|came)\s+in\s+(?:just\s+|well\s+|narrowly\s+)?(?:behind|below|under)|"
        r"(?:is|are|was|were)\s+(?:close|near)\s+to|"
        # "had come within touching distance of Y", "is within striking distance of Y"
        r"(?:is|are|was|were|comes?|came|come|sits?|now)\s+(?:now\s+|still\s+|just\s+)?within\s+"
        r"(?:touching|striking|shouting|spitting)\s+distance\s+of"
    ),
    "ties": (
        r"on\s+a\s+par\s+with|(?:just\s+|about\s+|roughly\s+)?as\s+good\s+as|"
        # "not as strong as X" (the adjective first: "as" alone is in every sentence)
        rf"(?<=\bas\s)(?:strong|smart|{_ABLE})\s+as(?=\s+(?:[A-Z]|o\d))|"
        r"(?:roughly\s+|about\s+)?equal\s+to|"
        r"ties(?: with)?|tied(?: with)?|match(?:es|ed)|"
        # the bare verb after a modal, "to" or a negation: "can match", "does not yet match"
        r"(?:(?<=\bcan )|(?<=\bcould )|(?<=\bmay )|(?<=\bmight )|(?<=\bwill )|(?<=\bwould )|"
        r"(?<=\bto )|(?<=\bnot )|(?<=\byet )|(?<=n't )|(?<=n’t )|(?<=\bdoes )|(?<=\bdid ))"
        r"match(?!\s+(?:for|the\s+cost|the\s+price))|"
        r"(?:is|are|was|were)\s+(?:roughly\s+|"
        r"essentially\s+|statistically\s+)?(?:on par|tied|level|even) with|"
        # "competitive cost compared to X" compares prices, which rank nothing
        r"(?:on par|competitive(?:ly)?|level|comparabl[ey]|neck and neck)\s+"
        r"(?:(?!(?:cost|costs|price|prices|pricing|speed|latency)\b)[\w-]+\s+){0,2}?"
        r"(?:with|to)|"
        # "rivals X"; the bare verb only where no adjective can stand ("beats rival o3")
        r"(?<![\w-])rivals(?: with)?|(?:(?<=\bcan )|(?<=\bcould )|(?<=\bto )|(?<=\bmay )|"
        r"(?<=\bmight )|(?<=\bwill )|(?<=\bwould )|(?<=\bnot )|(?<=n't )|(?<=n’t ))rival(?: with)?|"
        # "open models now rival closed ones", "could soon match": a plural subject's verb
        r"(?:(?<=\bnow )|(?<=\bfinally )|(?<=\bsoon )|(?<=\balready ))(?:rival|match)"
        r"(?!\s+(?:for|the\s+cost|the\s+price))|"
        r"rivall?ed|rivall?ing|dr(?:ew|aws?) level with|"
        r"(?:at|achiev(?:es|ed|ing)|reach(?:es|ed|ing)?)\s+parity\s+with|"
        r"(?:performs?|performed|performing)\s+(?:equivalently|similarly|comparably)\s+to|"
        r"matches\s+or\s+(?:exceeds|beats|surpasses)|hold(?:s|ing)?\s+(?:its|their)\s+own\s+against|"
        r"go(?:es)?\s+toe\s+to\s+toe\s+with|went\s+toe\s+to\s+toe\s+with|"
        # "statistically indistinguishable from Y", "in the same league as Y", "keeps pace
        # with Y", "trades blows with Y"
        r"(?:statistically\s+)?indistinguishable\s+from|(?:in|on)\s+the\s+same\s+(?:league|level|tier)\s+as|"
        r"(?:keeps?|kept|keeping)\s+pace\s+with|trad(?:es|ed|ing)\s+blows\s+with|"
        r"(?:is|are|was|were)\s+(?:roughly\s+|about\s+)?(?:a\s+)?match\s+for|"
        # "performs at the level of Y", "is roughly equivalent to Y", "offers similar
        # quality to Y"
        r"(?:performs?|performed|performing|is|are|was|were)\s+(?:roughly\s+|about\s+|"
        r"essentially\s+)?at\s+(?:the\s+|a\s+)?(?:same\s+|similar\s+)?level\s+(?:of|as)|"
        r"(?:is|are|was|were)\s+(?:roughly\s+|about\s+|essentially\s+|broadly\s+)?"
        r"equivalent\s+to(?=\s+(?:[A-Z]|o\d))|"
        # "achieves results similar to Y", "scores in line with Y"
        r"(?:performance|quality|results|accuracy|scores|capabilit(?:y|ies)|intelligence)\s+"
        r"(?:very\s+|broadly\s+|roughly\s+)?similar\s+to(?=\s+(?:[A-Z]|o\d|(?:that|those)\s+of\b))|"
        r"(?:is|are|was|were|performs?|performed|scores?|scored)\s+(?:roughly\s+|broadly\s+)?"
        r"in\s+line\s+with(?=\s+(?:[A-Z]|o\d|(?:that|those)\s+of\b))|"
        # "delivers GPT-4o-level performance": level with the name the level is of
        r"(?:deliver|offer|achiev|reach|bring|provid|show)(?:s|es|ed|ing|e)?(?=\s+"
        # (no case-sensitive group may stand in this pattern: see its twin above)
        r"(?:(?!(?:near|nearly|almost|close|approaching|roughly)\b)[\w.-]+\s+){0,3}?"
        r"[\w.-]+-(?:level|class)\s+"
        r"(?:performance|intelligence|quality|results|"
        r"capabilit|accuracy|reasoning|coding))|"
        r"similar\s+(?:performance|quality|results|accuracy|scores|capabilit(?:y|ies)|"
        r"intelligence)\s+(?:to|as)(?=\s+(?:[A-Z]|o\d))"
    ),
}
_VERB = _i(r"\b(?:" + "|".join(f"(?P<{k}>{v})" for k, v in _VERBS.items()) + r")\b")
_OBJECT_LEAD = _i(
    r"^\s*(?:[A-Z][\w.&-]*['’]s?\s+)?(?:(?:both|even|all\s+of|the|only|its|their|our|previous|prior|older|earlier|original|much|"
    r"far|larger|bigger|smaller|recent|latest|current|new|already|strong)\s+)*"
    # "its rival Claude", "its predecessor Claude 3 Opus"
    r"(?:(?:(?:arch-?)?(?:rivals?|competitors?)|predecessors?|successors?|siblings?|flagship)\s+)?"
    # "our previous model Grok-1.5", "two versions of Anthropic's Claude 4.6 Opus"
    r"(?:(?:previous|prior|older|earlier|last|former)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:model|version|flagship|generation|release)\s+|"
    r"(?:one|two|three|four|both|several|all|some)\s+(?:versions?|variants?|editions?)\s+of\s+"
    r"(?:[A-Z][\w.&-]*['’]s\s+)?)?"
    r"(?:(?:[\w'’-]+\s+){0,6}?(?:models?|systems?|alternatives|competitors|LLMs|ones)[,:]?\s+"
    r"(?:such\s+as|like|including|from|:)\s+|(?:that|those)\s+of\s+|"
    # "the frontier intelligence of X", "the performance of X"
    r"(?:the\s+)?(?:[\w-]+\s+)?(?:performance|intelligence|capabilit(?:y|ies)|accuracy|"
    r"scores?|results?|quality|level)\s+of\s+|"
    # "leading code embedders in the market today: A, B and C", "rivals such as A":
    # a described object, then the names it stands for
    # ("leads and Meta trails: X" is a clause of its own, X no object of "leads")
    r"(?![^:]*\b(?:and|but|while|whereas|trails?|leads?|beats?|ranks?|lags?|sits?|is|are)\b)"
    r"(?:[\w'’-]+\s+){0,8}?[\w'’-]+(?:,?\s+(?:such\s+as|like|including|namely)|:)\s+)?"
    # "rivals such as OpenAI's GPT5.4": the maker before the name
    r"(?:[A-Z][\w.&-]*['’]s\s+)?$"
)
_OBJECT_JOIN = regex(
    # each item may carry its number ("GPT-4-Turbo's score of 72.05", "Vicuna at 1090",
    # "(1385)") or an aside (", the 65B version included,") before the next one
    r"^(?:['’]s\s+(?:score|rating|result|elo)\s+of\s+[\d.,]+\s?%?|"
    r"\s+(?:at|with|on)\s+[\d.,]+\s?%?(?:\s+(?:points|elo))?)?"
    r"\s*(?:\([^)]{0,40}\)\s*)?"
    r"(?:,\s*(?:the\s+[^,]{1,30}?,\s*)?(?:and\s+|or\s+|as\s+well\s+as\s+)?|and\s+|or\s+|"
    r"as\s+well\s+as\s+|&\s*)(?:even\s+)?"
    # "... and models like Qwen3.5", "as well as Stability AI's StableLM"
    # "... and enterprise models such as B": a second described list
    r"(?:(?:other\s+)?(?:[\w-]+\s+){0,3}?(?:models?|systems?|LLMs|ones|solutions|rivals)"
    r"\s+(?:like|such\s+as|including)\s+)?"
    r"(?:[A-Z][\w.&-]*(?:\s[A-Z][\w.&-]*)?['’]s\s+)?(?:the\s+)?$",
    re.IGNORECASE,
)
_TOP_K_WORD = r"(?:\d+|two|three|four|five|six|seven|eight|nine|ten|twenty)"
_COUNT_TOP = _i(
    r"\b(?:holds?|takes?|took|occup(?:y|ies|ied)|ha(?:s|ve)|had|claims?|claimed|fill(?:s|ed)?|"
    r"places?|placed|puts?|gets?|got)\s+more\s+"
    rf"(?:(?:of\s+the\s+)?top[- ](?P<k>{_TOP_K_WORD})\s+(?:spots|places|positions|slots)?|"
    # "have more models in LMArena's top 10 than American ones"
    r"(?:models|entries|spots|places|slots|positions|systems)\s+(?:in|inside|within|among|into)\s+"
    r"(?:the|(?-i:[A-Z])[\w.-]*['’]s)\s+(?:(?-i:[A-Z])[\w.-]*\s+)?(?:overall\s+)?"
    rf"top[- ](?P<k2>{_TOP_K_WORD})\b)"
    r"(?:\s+(?:on|in)\s+[\w.'’ ]{1,40}?)?\s*than\b"
)
# "US models outnumber Chinese ones in the top ten": the other side right after the verb
_OUTNUMBER = _i(r"\boutnumber(?:s|ed|ing)?\s+(?:the\s+)?")
_IN_TOP_AFTER = _i(
    r"\s+(?:in|inside|within|among)\s+(?:the|(?-i:[A-Z])[\w.-]*['’]s)\s+"
    rf"(?:(?-i:[A-Z])[\w.-]*\s+)?(?:overall\s+)?top[- ](?P<k>{_TOP_K_WORD})\b"
)

_RANK_HASH = _i(
    r"\b(?:ranks?|ranked|ranking|sits?|sitting|placed|places|debut(?:s|ed)?|land(?:s|ed)?|"
    r"comes? in|came in|is|was|now|at|rank of)(?:n['’]t|\s+not|\s+no\s+longer)?\s+"
    r"(?:at\s+|in\s+|the\s+)?(?:(?:#|No\.\s?|number\s+)(\d{1,3})|"
    # "is number one on LMArena"
    r"number[- ](?P<word>one|two|three|four|five|six|seven|eight|nine|ten))\b"
    r"(?!\s*(?:spot|position|place|rank|slot))"
)
_RANK_ORDINAL = _i(
    r"\b(?:ranks?|ranked|placed|finish(?:es|ed)|came|comes)\s+(?:in\s+)?(first|second|third|"
    r"fourth|fifth|sixth|seventh|eighth|ninth|tenth)\b"
)
# "ranks first in coding and third overall", "is third overall but first in coding": a
# second place, its verb left out, set apart by a category, "overall" or a view
# ("ranked it 13th for non-agentic work and 10th for agentic work": written in digits too)
_ORDINAL_WORD = (
    r"(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|"
    r"(?<![\d.])\d{1,3}(?:st|nd|rd|th))"
)
SECOND_PLACE = _i(
    rf"\b{_ORDINAL_WORD}\s+(?:(?:in|on|for|among)\s+[^,;.()]{{1,40}}?|overall)\s*,?\s+"
    rf"(?:and|but|while|yet)\s+(?:just\s+|only\s+|a\s+distant\s+)?(?P<place>{_ORDINAL_WORD})\s+"
    r"(?=overall\b|in\s+\w|on\s+\w|for\s+\w|among\s+\w|amongst\s+\w|with\s+style|"
    r"under\s+style|in\s+the\s+raw)"
)
_RANK_SPOT = _i(
    r"\b(?:holds?|held|holding|takes?|took|taking|claims?|claimed|claiming|grabs?|grabbed|"
    r"secures?|secured|reach(?:es|ed)?|seizes?|seized|earns?|earned|captures?|captured|"
    r"occup(?:ies|ied|y)|in|at|into)\s+(?:the\s+)?(?:#|No\.\s?|number\s+)(\d{1,3})"
    r"(?:\s+overall)?\s+(?:spot|position|place|rank|ranking|slot)"
)
# a lead over someone is a comparison; "a lead of 20 points", "a lead role" are no place
_NOT_LEAD_OVER = r"(?!\s+(?:over|of|role|author|developer|designer|engineer|researcher|story)\b)"
_RANK_TOP_SPOT = _i(
    r"\b(?:holds?|held|takes?|took|taken|claims?|claimed|grabs?|grabbed|secures?|secured|seizes?|"
    r"seized|captures?|captured|reach(?:es|ed)|retains?|retained|keeps?|kept|regains?|"
    r"regained|reclaim(?:s|ed)?|retakes?|retook|retaken|is in|wins?|won|went straight to|"
    r"goes straight to|moved into|moves into|jumped to|jumps to|rose to|rises to|climbed to|"
    r"climbs to|"
    # "..., with Qwen3 taking the top spot" (subjects.py reads the absolute clause)
    r"holding|taking|claiming|grabbing|securing|seizing|capturing|reaching|retaining|"
    r"keeping|regaining|reclaiming|retaking|winning|moving into|jumping to|rising to|"
    r"climbing to)\s+"
    r"(?:back\s+|over\s+)?(?:the\s+)?(?:overall\s+)?"
    # "has reclaimed a narrow lead" (one over someone is a comparison)
    r"(?:(?:a|an|its|their)\s+(?:(?:narrow|slim|slender|clear|comfortable|commanding|"
    rf"small|big|wide|solid)\s+)?lead{_NOT_LEAD_OVER}|top spot|top position|"
    r"top place|first place|pole position|(?:#|No\.\s?)1(?: spot| position| place)?|"
    rf"number one|lead{_NOT_LEAD_OVER}|(?:very\s+)?top(?![- ]?(?:\d|ten|five|three|twenty)))\b|"
    # "earned top marks in LMArena's results", "took the highest score"
    r"\b(?:earn(?:s|ed)?|gets?|got|receiv(?:es|ed)|scor(?:es|ed)|takes?|took|achiev(?:es|ed))\s+"
    r"(?:the\s+)?(?:top|highest)\s+(?:marks|score|rating)\b"
)
_RANK_TOPS_BOARD = _i(
    r"\b(?:tops|topped|topping|leads|led|leading|heads|headed|sits atop|sat atop|"
    r"is atop|at the top of|at the very top of|on top of|to the top of|"
    # "Google rules the arena leaderboards", "dominates LMArena's rankings"
    r"rules|ruled|dominates|dominated|"
    # "Google keeps its grip on Chatbot Arena"
    r"(?:keeps?|kept|tightens?|tightened|maintains?|maintained|holds?|held)\s+(?:its|their|a)\s+"
    # (not "its grip on second place", "on the open-model crown": another place, a group's)
    r"(?:firm\s+|tight\s+)?(?:grip|hold)\s+on(?!\s+(?:the\s+|its\s+)?(?:second|third|fourth|fifth|"
    r"runner|no\.|#|\d|open|closed|[\w.'’]+-(?:model|weights?|source))[\w-]*\b)|"
    # "is likely to top LMArena", "could top the leaderboard"
    r"(?:(?<=to )|(?<=will )|(?<=could )|(?<=may )|(?<=might )|(?<=can )|(?<=n't ))top)\s+"
    # "the first model to top 1500 on LMArena" crosses a score, it holds no place
    r"(?!\d)(?:the\s+)?"
    r"(?:[\w.'’-]+\s+){0,4}?[\w.'’-]*?"  # "LMArena", "WebDev Arena"
    r"(?:leaderboard|leaderboards|rankings|charts?|arena|index)\b"
)
# after a board's name: "LMArena's open models" (a group on it), "LMArena's vision
# list" (a part the words do not pin down); "LMArena's (text) leaderboard" is the board
BOARDS_GROUP = _i(r"['’]s?\s+(?P<group>(?:[\w-]+\s+){0,3}?(?:models?|LLMs?|systems))\b")
BOARDS_PART = _i(
    r"['’]s?\s+(?!(?:text|overall|main|general|public)\s+(?:leader)?board\b)"
    r"(?:[\w-]+\s+){1,3}?(?:list|board|leaderboard|ranking|rankings|chart)\b"
)
_MODS = (
    r"((?:(?:open[- ]weights?|open[- ]source|open|closed|proprietary|American|Chinese|US|"
    r"U\.S\.|European|French|non-reasoning|reasoning|coding|small|efficient|multimodal)"
    r"[\s,-]+)*)"
)
_RANK_BEST = regex(
    r"(?:\b(?:is|was|becomes?|became|as|remains?|remained|now|mak(?:ing|es|e) it)"
    # a dash after a space, not the hyphen of "third-best"
    r"(?:n['’]t|\s+not|\s+no\s+longer)?\s+|(?:[:–—]|(?<=\s)-)\s*)"
    r"(?:now\s+|currently\s+|officially\s+|again\s+|once again\s+|briefly\s+|still\s+|"
    r"clearly\s+|arguably\s+|easily\s+)?(?:[Tt]he\s+)?(?:[Nn]ew\s+)?"
    r"(?:world's\s+)?(?:#1|No\.\s?1|[Nn]umber[- ]one|[Tt]op|[Tt]op-ranked|[Hh]ighest[- ]ranked|"
    r"[Bb]est|[Ll]eading|[Ss]trongest|[Mm]ost capable|[Mm]ost intelligent|[Bb]est-performing)"
    rf"\s+(?i:{_MODS}(?:AI\s+|language\s+|LLM\s+|text\s+|frontier\s+)?(model|LLM|system)\b)"
    r"(?:\s+(?:in|from)\s+(?:the\s+)?(?P<where>US|U\.S\.|China|Europe|France|America|world))?"
)
_ORDINAL_FIRST = _i(
    r"(?:^\W*|[;:]\s*|,\s+(?:and\s+|then\s+)?)(?P<ord>first|second|third|fourth|fifth|sixth|seventh|"
    r"eighth|ninth|tenth)\s+(?:place\s+)?(?:is|was|comes|came|goes\s+to|went\s+to)\s+(?=\S)"
)
# "the third-best model", "the second-highest-ranked open model": that place
_RANK_NTH_BEST = _i(
    r"\b(?:is|was|becomes?|became|remains?|remained|now|as)(?:n['’]t|\s+not|\s+no\s+longer)?\s+"
    r"(?:now\s+|currently\s+|still\s+)?(?:the\s+)?(?:world['’]s\s+)?"
    r"(?P<n>second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth)[- ]"
    r"(?:best|highest[- ]ranked|top[- ]ranked|strongest|best[- ]performing|highest[- ]scoring)"
    rf"\s+{_MODS}(?:AI\s+|language\s+|LLM\s+)?(?:model|LLM|system)\b"
)
_RANK_LEADER = _i(
    r"(?:\b(?:is|as|becomes?|became|remains?|remained|stays?|stayed)\s+|(?:[:–—]|(?<=\s)-)\s*)(?:the\s+)?"
    r"(?:(?:new|clear|undisputed|unquestioned|outright|overall|current|reigning|runaway|quality|"
    r"benchmark|performance|frontier)\s+){0,2}leader"
    r"(?:\s+(?:in|of|among|for|on)\s+(?P<what>[^.;:!?]{1,60}))?"
)
_RANK_TOP_K = _i(
    r"\b(?:is|are|ranks?|ranked|sits?|remains?|stays?|placed|lands?|landed|debuts?|debuted|"
    r"made it|makes it|make|makes|made|breaks? into|broke into|enters?|entered|one of|in|inside|"
    # "cracked the top 5", "climbed into the top ten", "joins the top three"
    r"cracks?|cracked|cracking|joins?|joined|climbs?|climbed|jumps?|jumped|moves?|moved|"
    r"rises?|rose|surges?|surged|returns?|returned|gets?\s+into|got\s+into|"
    r"within)\s+(?:\w+\s+)?"
    # "sits inside the global top five", "the sole open entry inside the top ten"
    r"(?:(?:[\w-]+\s+){0,3}?(?:entry|model|one|name)\s+)?"
    r"(?:in|into|within|among|inside)?\s*the\s+(?:global\s+|overall\s+|current\s+)?"
    r"top[- ](\d{1,2}|ten|five|three|twenty)\b"
    # "the top three open models": the places are counted within that group
    r"(?:(?P<mods>(?:\s+[\w.-]+){1,3}?)\s+(?:models|LLMs|systems|entries)\b)?"
)
# "is a top-five model", "remains a top 10 LLM on LMArena"
_RANK_A_TOP_K = _i(
    r"\b(?:is|was|remains?|remained|stays?|stayed|becomes?|became)\s+(?:now\s+|still\s+|not\s+)?"
    r"an?\s+top[- ](\d{1,2}|ten|five|three|twenty)\s+(?:model|LLM|system|contender|entry)\b"
)
# a denial on the verb itself ("has not dropped out", "never fell out"), not one
# earlier in the clause ("couldn't keep up and dropped out")
_DENIED_VERB = _i(r"(?:n['’]t|\bnot|\bnever)\s+(?:\w+ly\s+|yet\s+|ever\s+)?$")
_RANK_OUT_TOP_K = _i(
    r"\b(?:falls?|fell|drops?|dropped|slips?|slipped|is|are|was|remains?|sits?|sat|ranks?|ranked|"
    r"lands?|landed|stays?|stayed|placed|finish(?:es|ed)?)\s+(?:just\s+|well\s+|still\s+|now\s+)?"
    r"(?:out\s+of|outside)"
    r"\s+(?:of\s+)?the\s+top[- ](\d{1,2}|ten|five|three|twenty)\b"
)
_RANK_AMONG = _i(
    rf"\bamong\s+the\s+(?:world['’]s\s+)?(?:leading|top|best|strongest|most capable)\s+{_MODS}"
    r"(?:AI\s+|language\s+)?(?:models|systems|LLMs)\b"
)
_RANK_SOTA = _i(
    r"\b(?:is|as|sets?|set|achiev(?:es|ed|ing)|establish(?:es|ed)|becomes?|became|"
    # "delivers state-of-the-art results across ...", "posts state-of-the-art accuracy"
    r"deliver(?:s|ed|ing)?|posts?|posted|posting|attain(?:s|ed|ing)?)\s+"
    r"(?:a\s+|the\s+)?(?:new\s+)?state[- ]of[- ]the[- ]art\b"
    r"(?:[- ](?P<noun>results?|scores?|accuracy|numbers|performance|quality|model|"
    r"(?:[\w-]+\s+)?capabilit(?:y|ies)|(?:[\w-]+\s+)?capacit(?:y|ies)))?"
    # ("a new state of the art at 80": the number is its score, no scope)
    r"(?:\s+(?P<prep>for|among|amongst|in|on|across|at)\s+(?!\d)"
    # (a version's point, and a list of names, go on: "on Terminal-Bench 2.1, DeepSWE")
    r"(?P<what>(?:[^,.;]|\.(?=\d)|,(?=\s*(?-i:[A-Z]))){1,60}))?"
)
# "state-of-the-art results on Terminal-Bench 2.1 and DeepSWE": named tests, each a
# first place of its own (a name is capitalised; its own words end at a lower-case one)
_SOTA_TESTS = regex(r"^(?P<tests>[A-Z].*?)(?=\s+(?!and\b)[a-z]|$)")
_TEST_JOIN = regex(r",\s*(?:and\s+)?|\s+and\s+")
# a test's name: a known one, or one written as tests are ("DeepSWE", "Terminal-Bench
# 2.1", "FLTEval"), never a maker's ("MMLU, Alibaba and Meta said")
_TEST_SHAPED = regex(
    r"^(?i:" + "|".join(re.escape(k) for k in BENCHMARKS) + r")|"
    r"^(?=[A-Z])\S*(?:[A-Z]{2}|\d|Bench|bench|Eval|eval|Arena|Exam)"
)
_AMONG_KIND = regex(
    r"\b(?:among|amongst)\s+(?:the\s+|all\s+|other\s+)?(?P<kind>(?:[\w'’.-]+\s+){1,4}?)"
    r"(?:models|systems|LLMs)\b",
    re.IGNORECASE,
)
_LAST_JOIN = regex(r"\s+and\s+[^,]+$")  # "A, B and C" (not "MMLU, Google said")
# The part of a SOTA scope that is a group ("open models"), leaving what else it says.
_SOTA_GROUP = _i(
    r"^(?:all\s+|the\s+)?(?:(?:open[- ]weights?|open[- ]source|open|closed|proprietary)\s+)?"
    r"(?:models?|LLMs?|systems?)\b\s*"
)
_MEASURED = ("result", "score", "accurac", "number")
_OTHERS = _i(
    # ("open models up to 7x its size": a set bounded by size, not all the rest)
    r"^(?![^,;.]{0,60}?\b(?:its|their)\s+size\b)\s*(?:(?:all|every|any)\s+(?:other\s+)?(?:currently\s+available\s+)?"
    r"((?:open[- ]weights?\s+|open[- ]source\s+|open\s+|closed\s+)?)"
    # "all 7B models": a size class (scope.py keeps it off the board's overall order)
    r"(?:(?:sub-)?\d+(?:\.\d+)?[BbMm]\s+(?:chat\s+|instruct\s+|base\s+)?)?(?:models?|LLMs?)\b"
    r"(?!['’]s)|"  # "every other model's full-reasoning configuration" is not every model
    # "outperforms open-source alternatives": the rest of its group
    r"(?:other\s+)?((?:open[- ]weights?|open[- ]source|open|closed[- ]source|closed)\s+)"
    r"(?:alternatives|competitors|rivals|peers|models)\b(?!\s+(?:such\s+as|like|including)))"
)


_GAP_BETWEEN = _i(
    r"\b(?:gap|distance|difference|spread)\s+between\s+(?P<a>.{3,80}?)\s+and\s+(?P<b>.{3,100}?)\s+"
    r"(?:is|are|has|have|was|keeps|continues|appears|seems|looks)\b(?P<rest>[^.;]{0,60})"
)
_GAP_DIRECTION: tuple[tuple[re.Pattern[str], Direction], ...] = (
    (
        _i(
            # ("is narrow" says how wide it is, "to narrow" that it moves)
            r"\b(?:shrink|shrinking|shrunk|shrank|narrowing|narrowed|closing|closed|"
            r"(?:to|will|would|could|may|might|can|should|did|does|do|n['’]t)\s+(?:\w+ly\s+)?"
            r"(?P<verb>narrow)|"
            # "is now 20 points, down from 60"
            r"smaller|vanish(?:ing|ed)?|disappear(?:ing|ed)?|down\s+from)\b"
        ),
        "narrowing",
    ),
    (
        _i(
            r"\b(?:widen|widening|widened|grow|growing|grew|grown|larger|bigger|expanding|"
            r"up\s+from)\b"
        ),
        "widening",
    ),
)
# "the gap has never been smaller": at its smallest, so narrowing, and no denial
NEVER_SO = _i(
    r"\b(?:has|have|had|is|was)\s+never\s+been\s+(?:so\s+|this\s+|any\s+)?"
    r"(?:(?P<narrow>smaller|narrower|closer|tighter|slimmer)|"
    r"(?P<widen>wider|larger|bigger|greater|broader))\b"
)
# "smaller on coding than on math": two gaps side by side, not one that moved ("smaller
# than ever", "than a year ago" are a move)
NOT_A_MOVE = _i(
    r"\b(?:smaller|narrower|wider|larger|bigger)\b[^.;]{0,40}?\bthan\s+(?!ever\b|before\b|"
    r"it\s+(?:was|has|had|used)|they\s+were|(?:a|an|one|two|three|four|five|six|\d+)\s+\w+\s+ago\b|"
    r"last\b|in\s+(?:early\s+|late\s+)?(?:\d|(?-i:[A-Z]))|at\s+the\s+start|earlier|previously)"
)
_GAP_VERB = _i(
    r"\b(?P<narrow>(?:clos(?:es|ed|ing)|narrow(?:s|ed|ing)|shrink(?:s|ing)|shrank|cut(?:s|ting)?)"
    r"\s+the\s+gap\s+(?:with|to|on)|catch(?:es|ing)?\s+up\s+(?:with|to|on)|caught\s+up\s+"
    r"(?:with|to|on)|(?:are|is)\s+gaining\s+on|"
    # "open models are closing in on closed ones"
    r"(?:are|is|were|was|have\s+been|has\s+been)\s+(?:fast\s+|quickly\s+|steadily\s+)?"
    r"clos(?:ing|ed)\s+in\s+on|clos(?:e|es)\s+in\s+on)|"
    # "US open models have fallen further behind Chinese ones"
    r"(?P<widen>f(?:all|alls|ell|allen|alling)\s+(?:further|farther)\s+behind|"
    r"pull(?:s|ed|ing)?\s+(?:away|ahead)\s+"
    r"(?:from|of)|(?:widen|extend|increase)(?:s|ed|ing)?\s+(?:its|their)\s+lead\s+over)"
)
_NEW_HIGH = _i(
    r"\b(?:hit|hits|hitting|reach(?:es|ed|ing)?|set|sets|setting)\s+(?:an?\s+)?(?:new\s+|"
    r"all-time\s+|record\s+)+(?:high|record|peak)s?\b"
)


_NAMED = r"[A-Z][\w.-]*\d[\w.-]*(?:\s(?:Pro|Max|Flash|Mini|Lite|Plus|Ultra|Turbo|Base))?"
_WITH_MODELS = regex(rf"\s+with\s+(?:its\s+)?(?P<a>{_NAMED})(?:\s+and\s+(?P<b>{_NAMED}))?")


def _num(word: str) -> int:
    return int(word) if word.isdigit() else _NUMBER_WORDS.get(word.lower(), 10)


_OVERALL_MODS = _i(r"(?:\s+(?:AI|language|LLM|overall|ranked|performing|best|frontier|large))+")


# "Excluding Google's own models, GPT-4.5 is the top model", "the best open model
# outside China": a set no group's facts describe
_EXCLUDE_WORDS = (
    r"apart\s+from|aside\s+from|excluding|except(?:\s+for)?|other\s+than|besides|"
    r"outside(?:\s+of)?|leaving\s+(?:out|aside)|not\s+counting|barring"
)
_EXCLUDING = _i(rf"\s*,?\s*(?:{_EXCLUDE_WORDS})\b")
# before a claim the set may also stand between the words ("leaving Google's models
# aside"), up to the claim itself
EXCLUDED_BEFORE = _i(
    rf"\b(?:{_EXCLUDE_WORDS}|leaving\s+[\w.-]+(?:\s+[\w.-]+)?\s+aside)\b"
    r"(?:[^.;]|\.(?=\w))*$"
)
# words a kind of model may carry that no group or board names: "reasoning", "mini",
# "non-Chinese"; a place among them is no place on the board
_PLAIN_KIND = frozenset(
    {
        "open", "open-source", "open-weight", "open-weights", "source", "weights", "weight",
        "closed", "closed-source", "proprietary", "ai", "language", "llm", "text", "frontier",
        "overall", "new", "current", "large", "foundation", "generative", "chat", "general-purpose",
        "available", "publicly", "released", "the", "most", "of", "all", "any",
    }
)  # fmt: skip


# "from an American company", "released with open weights": who made it, said after
_FROM_WHO = _i(
    r"\s+(?:(?:that\s+is\s+|which\s+is\s+)?(?:from|(?P<by>by)|made\s+by|built\s+by|developed\s+by|"
    r"trained\s+by)\s+"
    r"(?:an?\s+|the\s+)?(?P<who>[\w.'’-]+)(?:\s+(?P<maker>company|companies|lab|labs|developer|developers|"
    r"firm|maker|startup|group))?|(?:released\s+|available\s+|published\s+)?(?:with|under)\s+"
    r"(?P<open>open\s+weights|an?\s+open(?:-source)?\s+licen[cs]e))\b"
)


# "by OpenAI's standards", "by Google and OpenAI standards", "by Google's count"
_BY_WHOSE_MEASURE = _i(
    r"(?:['’]s?\s+|\s+(?:and|or)\s+|\s+(?=(?:standards?|counts?|measures?|metrics?|reckoning|"
    r"numbers|estimates?|definitions?|lights|yardstick)\b))"
)
_MAKER_WORDS = frozenset(
    ["company", "companies", "lab", "labs", "developer", "developers", "firm", "maker", "startup"]
)


def whose(text: str, end: int, gaz: Gazetteer) -> Group | Literal[False] | None:
    """The maker, country or licence said after "the best model": a group's facts;
    False when the words name one no group describes ("from a startup")."""
    m = _FROM_WHO.match(text, end)
    if m is None:
        return None
    if m.group("by") and _BY_WHOSE_MEASURE.match(text, m.end("who")):
        return None  # "the best model by OpenAI's standards": whose judgment, not maker
    if m.group("open"):
        return Group(open_weights=True)
    who = m.group("who").removesuffix("'s").removesuffix("’s")
    if who.lower() in ("the", "us", "u.s.") and who != "US":
        return False
    country = gaz.country(who) or ("US" if who in ("US", "U.S.") else None)
    org = None if country else gaz.organisation(who)
    if country is None and org is None:
        # ("the best model by far", "by a wide margin": a plain "by" before no maker's
        # noun says nothing of one; "by a startup" names a maker no group describes)
        plain_by = m.group("by") and not (m.group("maker") or who.lower() in _MAKER_WORDS)
        return None if plain_by else False
    return Group(country=country, organisation=org)


def merged(within: Group | None, more: Group) -> Group:
    base = within or Group()
    return Group(
        country=more.country or base.country,
        organisation=more.organisation or base.organisation,
        open_weights=more.open_weights if more.open_weights is not None else base.open_weights,
    )


def unknown_kind(mods: str, gaz: Gazetteer) -> bool:
    """Whether the words before "model" name a kind no group describes."""
    for word in re.split(r"[\s,]+", mods.lower().replace("’", "'")):
        w = word.removesuffix("'s").strip(".-")
        if w and w not in _PLAIN_KIND and w != "coding" and not gaz.country(w):
            return True
    return False


def _group_from_mods(mods: str, gaz: Gazetteer, where: str | None = None) -> Group | None:
    words = [w for w in re.split(r"[\s,]+", mods.lower()) if w]
    text = " ".join(words)
    open_weights: bool | None = None
    if "open" in text or "oss" in words:  # "the strongest OSS competitor"
        open_weights = True
    elif "closed" in text or "proprietary" in text:
        open_weights = False
    country = None
    for w in words + ([where.lower()] if where else []):
        if w in ("us", "u.s."):
            country = "US"
        elif w not in ("world",) and (code := gaz.country(w)):
            country = code
    if open_weights is None and country is None:
        return None
    return Group(country=country, open_weights=open_weights)


def _subject(s: Sentence, pos: int, max_gap: int = 120) -> str | None:
    """The model a trigger at `pos` speaks about: the nearest mention before it that
    stands as a subject (bot/extract/subjects.py), or, for "it"/"the model", the one
    subject of this sentence or of the previous one. A verb's object never is."""
    named = [m for m in s.models if m.end <= pos]
    if named and _APPOSITIVE.fullmatch(s.text, named[-1].end, pos):
        # "Grok-2, a significant step forward from Grok-1.5": the apposition describes
        # the name it follows, object or not
        return named[-1].text
    rel = _RELATIVE.match(s.text, named[-1].end) if named else None
    if rel and len(s.text[rel.start() : pos]) <= max_gap:
        clause = s.text[rel.end() : pos]
        if ";" not in clause and not _has_clause_break(clause) and not pronoun_in(clause):
            # "... surpasses Grok 4, which had an overall rank of #33": the relative
            # clause speaks of the name it is attached to, object or not
            return named[-1].text
    before = subjects(s.text, named, s.objects)
    if before:
        m = before[-1]
        gap = s.text[m.end : pos]
        if pronoun_in(gap):
            if _PRONOUN_LEAD.match(s.text) and s.prev_subject:
                # "It is 77 points behind the leader, Gemini 2.5 Pro, and it outranks
                # GPT-4.1": the sentence began with "it", and goes on speaking of it
                return s.prev_subject
            # "X ..., making it the leading model": "it" is the sentence's one subject.
            return antecedent(s.text, s.models, s.objects, pos) or (
                None if _names_between(s, m.end, pos) else s.prev_subject
            )
        if _SUBORDINATE_LEAD.match(s.text) and "," not in s.text[: m.start] and "," in gap:
            # "After X launched, its maker's shares rose, outperforming ...": the
            # subject of a clause set before the main one is not the main one's
            return None
        # ", which had ..." right after the name still speaks of it; a long clause does not.
        short = len(gap) <= 25 or not _has_clause_break(gap)
        if _REPORTED.match(gap):
            return None  # "DeepSeek says Chinese models lead Grok 4": DeepSeek only says it
        if _OWN_SUBJECT_AFTER.search(gap):
            return None  # "..., and no Chinese open model came close": a subject of its own
        if len(gap) <= max_gap and ";" not in gap and short:
            return m.text
        elided = _ELIDED_SUBJECT.search(gap)
        if elided and len(gap) <= max_gap and not _has_clause_break(gap[: elided.start()]):
            # "X beats Y on coding but trails Z on math": a second verb with no subject
            # of its own after "but" shares the first one's
            return m.text
        relative = _PREDICATE_RELATIVE.match(gap)
        if relative and ";" not in gap and not _has_clause_break(gap[relative.end() :]):
            # "X is the first open model that surpasses Y": the relative clause speaks
            # of the noun that is X
            return m.text
        if (
            _subjectless(s.text, pos)
            and not _names_between(s, m.end, pos)
            and ";" not in gap
            and len(gap) <= 2 * max_gap
        ):
            # "X sets a new standard ..., while outperforming Y", "X carries an Elo of
            # 1338, enough to outrank Y", "X leads ... (.98), ahead of Y": a verb with no
            # subject of its own speaks of the clause's, however far back
            return m.text
        return None
    # "It beats A across all tasks, and achieves ..., surpassing B": a participle after
    # a comma speaks of the clause's subject, however far back the pronoun stands
    participle = _PARTICIPLE.search(s.text, 0, pos) and _ING.match(s.text, pos)
    # "It ships under ..., has no thinking mode, and lags Y": one of the verbs the
    # leading pronoun is the subject of, however far back it stands
    listed = (
        _VERB_LISTED.search(s.text, 0, pos)
        and any(v.start() == pos for v in verbs(s.text))
        and not _has_clause_break(s.text[:pos])
    )
    # (a pronoun of an earlier clause, before a semicolon, is none of this one's)
    lead = max(pos - 60, s.text.rfind(";", 0, pos) + 1, 0)
    if _PRONOUN_BEFORE.search(s.text[lead : pos + 10]) or (
        (participle or listed) and _PRONOUN_START.match(s.text)
    ):
        # no subject named before: the author's one model ("We've launched X, making
        # it ..."), else the previous sentence's subject, else the article's topic
        found = antecedent(s.text, s.models, s.objects, pos) or s.prev_subject
        # the topic only when no other model was just named: "X and Y tie. It ..."
        # could mean either, never the topic
        # (names after the pronoun are its objects, not rival subjects; nor are
        # earlier objects: "said it rivals A, and claimed it beats B")
        rival = s.prev_named or any(m.end <= pos and m.start not in s.objects for m in s.models)
        return found or (None if rival else s.topic)
    if not named and (_BARE_START.match(s.text[:pos]) or _FEATURE_LABEL.fullmatch(s.text, 0, pos)):
        # "Outperforms Llama 2 13B on all benchmarks": a feature line of the
        # announced model, with no subject written
        return s.topic
    return None


# "the next-best model", "the runner-up": whoever comes second
_RUNNER_UP = _i(
    r"\s*(?:the\s+)?(?:next[- ](?:best|strongest|closest)|second[- ]best|runner[- ]up)\b"
)
# Measures where less is better: "fewer errors than Y" beats Y, "a higher error rate" trails
_BAD_MEASURE = _i(
    r"\b(?:errors?|undesirable|harmful|hallucinat\w*|refusals?|failures?|mistakes?|bias|"
    r"toxic\w*|WER|CER|loss|perplexity|risk)\b"
)
# and speed and price, which rank nothing
# speed and price: no leaderboard ranks them
_SPEED_WORDS = r"(?:latency|speed|price|pricing|cost|throughput|tokens per second)"
_SPEED_MEASURE = _i(rf"\b{_SPEED_WORDS}\b")
_MORE_OR_LESS_ABLE = _i(rf"^(?:more|less)\s+(?:{_ABLE}|agentic|consistent|preferred)\b")
# Measures where more is better: what a model gets done or right ("solves more tasks
# than Y", "more accurate answers", "more intelligence per token"). Votes, tokens and
# parameters are spent or counted, not won.
_GOOD_MEASURE = _i(
    r"^(?:more|fewer|less)\s+(?:[\w-]+\s+){0,2}?(?:tasks|problems|questions|puzzles|levels|"
    r"challenges|tests|test\s+cases|cases|wins|matchups|issues|bugs|exploits|vulnerabilities|"
    r"intelligence|utility|accuracy|correct\s+answers)\b"
)


def measured(cue: str, relation: Relation) -> Relation | None:
    """A comparative's relation by what it measures. Where less is better ("fewer
    hallucinations than Y", "a lower rate of undesirable behaviors than Y") lower and
    fewer beat and higher trails; "better" and "worse" say their own way whatever the
    measure. "Fewer parameters than Y" measures nothing that ranks."""
    word = cue.split(maxsplit=1)[0].lower()
    if _SPEED_MEASURE.search(cue):
        return None
    if _BAD_MEASURE.search(cue):
        if word in ("lower", "fewer", "less"):
            return "beats"
        if word in ("higher", "more"):
            return "trails"
        return relation if word in ("better", "worse") else None
    comparative = cue.lower().endswith("than")  # not "more than doubles"
    if comparative and _GOOD_MEASURE.match(cue):
        return "beats" if word == "more" else "trails"
    if comparative and word in ("fewer", "less", "more") and not _MORE_OR_LESS_ABLE.match(cue):
        return None
    return relation


_APPOSITION = regex(r"\s*(?:,|\(|:|—|–)\s*$")
# "not as strong as Y" is below Y; "not in the same league as Y" says no way
# "GPT-4o-level performance": the name a level of performance is of ("Opus-class
# models" are a described set, kept whole)
_LEVEL_OF = regex(r"-(?:level|class)\b")
_LEVEL_NOUN = _i(
    r"\s+(?:performance|intelligence|quality|results|capabilit|accuracy|reasoning|coding)"
)


def _level_of(text: str, obj: Mention) -> str:
    cut = _LEVEL_OF.search(obj.text)
    if cut and _LEVEL_NOUN.match(text, obj.start + cut.end()):
        return obj.text[: cut.start()]
    return obj.text


_NEARNESS = _i(r"\b(?:close|near|within)\b")
_AS_GOOD_AS = regex(r"\b(?!(?:league|level|tier)\b)\w+\s+as$")
# the rest of the field, not a model: "its peers", "competitors", "the competition"
_THE_FIELD = _i(
    r"\s+(?:all\s+)?(?:of\s+)?(?:its|their|the)?\s*"
    r"(?:(?!(?:as|to|in|on|at|by|for|with|and|than|while|when)\b)[\w-]+\s+){0,2}?"
    r"(?:peers|competitors|rivals|competition)\b(?!\s*(?:,|:)?\s*(?:such\s+as|like|including))"
    r"(?!\s+(?:from|at|by|of)\b)"
)
_GROUP_WORDS = frozenset(
    ["foreign", "overseas", "domestic", "western", "open", "open-source", "open-weight",
     "open-weights", "closed", "closed-source", "proprietary", "non-chinese", "non-us",
     "non-american"]
)  # fmt: skip


_FIELD_WORD = regex(r"[\w.'’-]+")


def _field_of_a_group(s: Sentence, words: str) -> bool:
    """Whether the rivals' words name a group: a country, a maker, a licence, "foreign"."""
    for raw in _FIELD_WORD.findall(words):
        word = raw.lower().replace("’", "'").removesuffix("'s")
        if word in _GROUP_WORDS or s.gaz.country(word) or s.gaz.organisation(word):
            return True
    return False


_IT_OBJECT = _i(r"\s+it\b(?!['’]s)")
_THEM_OBJECT = _i(r"\s+(?:them(?:\s+(?:both|all))?|(?:both|all)\s+of\s+them)\b")
_LISTED = _i(r"[^.;:]{0,80}?\b(?:including|such\s+as|like|notably|among\s+them)\s+")
_GROUP_SCOPE = _i(
    r"\s*(?:in|among|for|on)\s+(?:the\s+)?(?:field\s+of\s+)?(open[- ]weights?|open[- ]source|open|"
    r"closed[- ]source|closed|proprietary)\s+(?:AI\s+)?(?:models?|LLMs?|AI)\b"
)
# a group phrase that names one model: "the Google model" (not "the best Google model")
_ONE_MODEL = _i(
    r"(?:the|a|an|this|that)\s+(?!(?:best|top|leading|strongest|most)\b)[^,;]{0,30}?\bmodel"
)
_AMONG = _i(r"\b(?:among|amongst|within)\b")
# "the open-model rankings", "LMArena's open leaderboard": a ranking of one group
OPEN_LIST = _i(
    r"\b(?P<open>open|closed|proprietary)[- ](?:weights?[- ]|source[- ])?(?:models?[- ]|AI[- ])?"
    r"(?:ranking|rankings|leaderboard|list|chart)\b"
)
_LATER_SCOPE = _i(
    r"\b(?:in|among|for|on|of)\s+(?:the\s+)?(?:[\w.-]+['’]s?\s+)?(?P<open>open[- ]weights?|"
    r"open[- ]source|open|closed[- ]source|closed|proprietary)[- ](?:AI\s+)?(?:models?|LLMs?)\b"
)
# "matches GPT-5.4 per-token latency", "beats Y on price": what is compared is speed or
# price; "beats Y at lower cost" beats Y, and says what it costs besides
_SPEED_OR_PRICE = _i(
    rf"\s*(?:['’]s\s+)?(?!(?:at|with|for|while)\b)(?:[\w-]+\s+){{0,2}}{_SPEED_WORDS}\b"
)
_APPOSITIVE = regex(r",\s+(?:a|an)\s+(?:(?:significant|major|big|clear|huge|substantial)\s+)?")
_RELATIVE = regex(r",?\s*(?:which|who)\b\s*", re.IGNORECASE)
_BARE_START = regex(r"^[\s\-•*–—]*(?:\w+ly,?\s+)?$")
# a feature line's label, then its claim with no subject: "Strong performance — matches
# or outperforms ...", "State-of-the-art accuracy, outperforming ..."
_FEATURE_LABEL = _i(
    r"[\s\-•*–—]*(?:[\w-]+\s+){0,3}?(?:performance|accuracy|results?|quality|intelligence|"
    r"reasoning|capabilit(?:y|ies)|benchmarks?|evaluations?)\s*(?:[:—–]|\s-|,)\s*"
    r"(?:\w+ly\s+)?"
    # "Breakthrough performance: 74% overall win rate over ...": the measure's number
    r"(?:(?:a|an)\s+)?(?:\d[\d.,–-]*\s*(?:%|x|×)?\s+(?:[\w-]+\s+){0,2}?)?"
)


def _names_between(s: Sentence, start: int, end: int) -> bool:
    return any(start <= m.start and m.end <= end for m in s.models)


def object_starts(
    text: str, models: list[Mention], unlisted: list[Mention] | None = None
) -> frozenset[int]:
    """Where the objects of comparison verbs start ("beats X and Y": X, Y). Names no
    list knows (`unlisted`) carry the list on: in "beats A, Unlisted 7B and B", B is
    an object too, never a later verb's subject."""
    if not models:
        return frozenset()  # the common case, and the verb scan is the costly part
    listed = sorted([*models, *unlisted], key=lambda m: m.start) if unlisted else models
    probe = Sentence(text, listed, [], _EMPTY_GAZETTEER)
    found = {m.start for v in verbs(text) for m in _objects(probe, v.end())}
    # "Below DeepSeek-R1 on LMArena, and below Gemma 3 too": a place's fronted object
    found.update(m.start for m in models if _FRONTED_PLACE.search(text, 0, m.start))
    return frozenset(found)


_FRONTED_PLACE = _i(
    r"(?:^|[,;:]\s*|\band\s+)[\W]*(?:well\s+|just\s+|far\s+|right\s+)?(?:below|behind|above|"
    r"ahead\s+of|under|beneath|in\s+front\s+of)\s+(?:the\s+)?$"
)


@lru_cache(maxsize=64)
def verbs(text: str) -> tuple[re.Match[str], ...]:
    """The comparison verbs of a sentence. The pattern is long and a sentence is read
    for them up to three times (the next sentence's "it", objects, comparisons)."""
    return tuple(_VERB.finditer(text))


def sentence_list(text: str, models: list[Mention]) -> tuple[str, ...]:
    """The models "both models", "these models" in the next sentence may mean: the one
    list of models ("A and B", "A, B and C") the sentence names, when it names no other."""
    named = [m for m in models if m.kind == "model"]
    runs: list[list[Mention]] = []
    for m in named:
        if runs and NAMES_JOINED.match(text[runs[-1][-1].end : m.start]):
            runs[-1].append(m)
        else:
            runs.append([m])
    lists = [r for r in runs if len(r) > 1]
    if len(lists) != 1 or len({m.text for m in named}) != len({m.text for m in lists[0]}):
        return ()
    return tuple(dict.fromkeys(m.text for m in lists[0]))


def sentence_antecedent(text: str, models: list[Mention]) -> str | None:
    """The model "it" in the next sentence may mean (bot/extract/subjects.py)."""
    if not models:
        return None
    return antecedent(text, models, object_starts(text, models))


_EMPTY_GAZETTEER = Gazetteer(set(), {}, {})


_PRONOUN_BEFORE = _i(rf"\b(?:its|{REFERENCE})\b")
_PARTICIPLE = regex(r",\s*(?:\w+ly\s+)?$")
_ING = regex(r"[a-z]+ing\b")
_PRONOUN_LEAD = _i(r"^\W*(?:it|its)\b")
_PRONOUN_START = _i(rf"^\W*(?:[\w'’-]+,?\s+){{0,5}}?{REFERENCE}\s")


# a verb of saying right after the name, then a clause with a subject of its own
_REPORTED = _i(
    r"^\s*(?:also\s+|now\s+)?(?:says?|said|claims?|claimed|argues?|argued|believes?|believed|"
    r"thinks?|thought|reports?|reported|insists?|insisted|notes?|noted|told\s+\w+)\s+"
    r"(?:that\s+)?(?!it\b|its\b|they\b|their\b)[\w'’-]+\s"
)


# a clause joined after the name with a subject of its own, not a name: "X leads, and no
# Chinese model comes close"
_OWN_SUBJECT_AFTER = _i(
    r"(?:,\s*|\s)(?:and|but|yet|while|whereas|so)\s+(?:no|none|nothing|nobody|every|each|any|all|"
    r"few|many|most|some|several)\b[^,;]{0,60}$"
)


# a contrast whose second half starts right at its verb (only adverbs, auxiliaries and
# a negation between): the verb's subject is elided, the first half's
_ELIDED_SUBJECT = _i(
    r"(?:^|[\s,])(?:but|yet|and\s+yet|though|although|while|whereas)\s+"
    r"(?:(?:still|only|now|also|just|even|then|clearly|narrowly|well|far|\w+ly|not|never|"
    r"yet|no\s+longer|(?:does|do|did|is|are|was|were|has|have|had|can|could)(?:n['’]t)?|"
    r"cannot|(?:yet|fails?|failed|manages?|managed)\s+to)\s+)*$"
)


# "..., but behind it sits Z": a place fronted before the subject it is said of, which
# comes after its verb; "it" is the other side
_PLACE_INVERTED = _i(
    r"(?:(?:is|are|was|were)\s+)?(?:well\s+|just\s+|far\s+|close\s+|right\s+)?"
    r"(?:behind|below|under|above|ahead\s+of|in\s+front\s+of)\s+(?:it|them|that|those)\s+"
    r"(?:now\s+|still\s+)?(?:sits?|sat|comes?|came|is|are|was|were|lies|lay|stands?|stood|"
    r"ranks?|ranked|follows?|followed|trails?|trailed)\b"
)


# "not only meets, but in fact surpasses": one verb phrase, its "but" no new clause
_NOT_ONLY_BUT = regex(r"\bnot\s+only\b[^;]{0,60}?\bbut\b", re.IGNORECASE)


# "X is the first open model that ...", "X was a release which ...": a relative clause on
# the noun predicated of the subject
_PREDICATE_RELATIVE = _i(
    r"^\s*(?:,[^,;]{1,40},\s*)?(?:is|was|becomes|became|remains|remained)\s+(?:now\s+|also\s+)?"
    r"(?:the|a|an|our|its)\s+[^,;.]{0,60}?\b(?:model|system|LLM|release|version|one)\s+"
    r"(?:that|which)\s"
)
# a verb that has no subject of its own: a participle after a comma or "while", "enough
# to", or a place after a number ("... (.98), ahead of Y"; "arrived in May, ahead of Y"
# is a time)
_SUBJECTLESS_BEFORE = _i(
    r"(?P<num>(?:\d[\d.,]*\s*%?|\d\))\s*)?(?:,|\b(?:while|whilst|thereby|thus))\s+(?:\w+ly\s+)?$|"
    r",\s+(?:(?:just|good|more\s+than)\s+)?enough\s+to\s+(?:\w+ly\s+)?$"
)
# "After X launched, its maker's shares rose, outperforming ...": a subordinate clause
# before the main one, whose subject is not the main clause's
_SUBORDINATE_LEAD = _i(
    r"^\W*(?:after|when|once|since|as|while|before|although|though|because|if|until|unlike)\b"
)
_PLACE_WORD = _i(
    r"(?:(?:well|far|just|slightly|narrowly|comfortably|clearly|still)\s+)?"
    r"(?:ahead\s+of|above|in\s+front\s+of|behind|below)\b"
)
# the next verb of a list sharing one subject: "..., has no thinking mode, and lags Y"
_VERB_LISTED = _i(r"(?:,\s*(?:and\s+)?|\s+and\s+)(?:also\s+|still\s+|\w+ly\s+)?$")


def _subjectless(text: str, pos: int) -> bool:
    before = _SUBJECTLESS_BEFORE.search(text, max(0, pos - 40), pos)
    if before is None:
        return False
    if "enough" in before.group().lower():
        return True
    place = before.group("num") is not None and _PLACE_WORD.match(text, pos)
    return bool(_ING.match(text, pos) or place)


def _has_clause_break(gap: str) -> bool:
    gap = _NOT_ONLY_BUT.sub(" ", gap)
    return bool(re.search(r"\b(?:which|that|while|but|whereas|although|because)\b", gap))


def _candidates(s: Sentence) -> list[Mention]:
    """Known mentions, and where a comparison's object may stand, names nobody listed."""
    if s.gaz is _EMPTY_GAZETTEER:
        return s.models
    if s.unlisted is None:
        s.unlisted = unlisted_names(s.text, s.models, s.gaz)
    return sorted([*s.models, *s.unlisted], key=lambda m: m.start) if s.unlisted else s.models


def _objects(s: Sentence, pos: int) -> list[Mention]:
    """Model mentions right after a verb: "beats X", "outperforming both X and Y"."""
    out: list[Mention] = []
    cursor = pos
    for m in _candidates(s):
        if m.start < cursor:
            continue
        gap = s.text[cursor : m.start]
        pattern = _OBJECT_LEAD if not out else _OBJECT_JOIN
        if not pattern.match(gap) and not (out and _same_preposition(s.text[:pos], gap)):
            # "level with OpenAI GPT-4o": the maker's bare name before the model's
            maker = (_MAKER_JOINED if out else _MAKER_WORD).match(gap)
            if maker is None or s.gaz.organisation(maker.group("org")) is None:
                break
        if out and OWN_VERB.match(s.text, m.end):
            break  # "X trails A, and B trails C": B is the next clause's subject
        out.append(m)
        cursor = m.end
    return out


_MAKER_WORD = regex(r"\s*(?:the\s+|both\s+|even\s+)?(?P<org>[A-Z][\w.&-]*)\s+$")
_MAKER_JOINED = regex(r"\s*(?:,\s*(?:and\s+)?|and\s+|&\s*)(?P<org>[A-Z][\w.&-]*)\s+$")


# "finished above Llama-3 and also above Mixtral", "ranks above o1-mini and ahead of
# Claude": a preposition of the same direction, repeated, joins the next object; one of
# the other direction ("ahead of X but behind Y") never does
_REPEATED = _i(r"^\s*,?\s*(?:and|as well as)\s+(?:also\s+|even\s+)?(?P<prep>[a-z ]+?)\s+$")
# ("competitive with A and with B": level with each)
_PREPOSITIONS = {
    "above": 1,
    "ahead of": 1,
    "in front of": 1,
    "behind": -1,
    "below": -1,
    "with": 0,
    "to": 0,
}


def _same_preposition(before: str, gap: str) -> bool:
    m = _REPEATED.match(gap)
    if m is None or m.group("prep").lower() not in _PREPOSITIONS:
        return False
    lead = before.lower().rstrip()
    way = _PREPOSITIONS[m.group("prep").lower()]
    return any(lead.endswith(p) and d == way for p, d in _PREPOSITIONS.items())


# "arrived in February, ahead of GPT-4.5": a release ahead of another is a time, unless
# the sentence ranks or scores something
_RELEASED = _i(
    r"\b(?:arriv(?:es|ed|ing)|launch(?:es|ed|ing)?|releas(?:es|ed|ing)|ship(?:s|ped|ping)|"
    r"debut(?:s|ed|ing)?|unveil(?:s|ed|ing)?|announc(?:es|ed|ing)|came\s+out|rolled\s+out)\b"
)
_RANKED = _i(r"\b(?:scor\w*|rank\w*|elo|points?|leaderboards?|benchmarks?)\b|arena\b|%")
# the place alone, no verb of standing before it ("sits ahead of" ranks)
_BARE_AHEAD = _i(
    r"(?:(?:well|far|just|slightly|narrowly|comfortably|clearly|now|still)\s+)?"
    r"(?:ahead\s+of|in\s+front\s+of)"
)


def _timed_ahead(text: str, v: re.Match[str]) -> bool:
    return (
        _BARE_AHEAD.fullmatch(v.group()) is not None
        and _RELEASED.search(text, 0, v.start()) is not None
        and _RANKED.search(text) is None
    )


# the share of wins a win rate gives: "a 40% win rate over Y", "a 74% overall win rate"
_RATE_BEFORE = regex(r"(?P<pct>\d{1,3}(?:\.\d+)?)\s*%\s+(?:[\w-]+\s+)?$")


def find_comparisons(s: Sentence) -> list[Hit]:
    found: list[Hit] = []
    for v in verbs(s.text):
        relation: Relation = next(k for k in _VERBS if v.group(k))
        if groups := _group_comparison(s, v, relation):
            found += groups
            continue
        if (first := _others_rank(s, v, relation)) is not None:
            found.append(first)
            # "surpassing all other models in its class, including A and B": each named
            listed = _LISTED.match(s.text, v.end())
            rel_listed: PairRelation = "trails" if relation == "trails" else "beats"
            for obj in _objects(s, listed.end()) if listed else []:
                if obj.text != first.model:
                    found.append(
                        PairHit(
                            model_a=first.model,
                            model_b=obj.text,
                            relation=rel_listed,
                            start=v.start(),
                            negated=first.negated,
                        )
                    )
            continue
        if "win" in v.group().lower() and (rate := _RATE_BEFORE.search(s.text, 0, v.start())):
            # "a 40% win rate over Y" loses to Y more often than not
            share = float(rate.group("pct"))
            relation = "beats" if share > 50 else "trails" if share < 50 else "ties"
        by_measure = measured(v.group(), relation)
        if by_measure is None or _PLACE_INVERTED.match(s.text, v.start()):
            continue
        if _timed_ahead(s.text, v):
            continue  # "Grok 3 arrived in February, ahead of GPT-4.5": earlier, not better
        relation = by_measure
        subject = _subject(s, v.start())
        # "Both models beat GPT-4o": the models the sentence before listed
        referred = _plural_referents(s, v.start()) if subject is None else []
        subject = referred[0] if referred else subject
        if subject is None:
            found += _maker_pair(s, v, relation)
            continue
        if (countrys := _countrys_model_over_group(s, v, relation, subject)) is not None:
            found.append(countrys)
            continue
        if makers := _makers_model_over_rivals(s, v, relation, subject):
            found += makers
            continue
        after = _object_start(s.text, v)
        objects: list[Mention] = _objects(s, after)
        objects += _gapped_objects(s, objects)
        if objects and objects[-1] in s.models:
            # "outperforms A, B and OpenAI's large embedding model": a list ending in a
            # described side
            objects += sides_joined(s.text, objects[-1].end, [(g.start, g.end) for g in s.groups])
        winning = relation in ("beats", "overtook")
        field = _THE_FIELD.match(s.text, v.end()) if winning else None
        if field is not None and _field_of_a_group(s, field.group()):
            # "beats American rivals", "its open-source peers": a group's field, where
            # the subject's own place on the whole board is unsaid
            continue
        # "outperforms its peers", "beats the competition": first of its field (of tasks
        # unnamed); "three times as high as the next-best model": first
        if not objects and (field is not None or (winning and _RUNNER_UP.match(s.text, v.end()))):
            found.append(
                RankHit(
                    model=subject,
                    rank=1,
                    start=v.start(),
                    negated=_near_negation(s.text, v.start()),
                    needs_scope=field is not None,
                )
            )
            if field is not None:
                continue  # (the place says it: no pair with the field besides)
        group_spans = [(g.start, g.end) for g in s.groups]
        if len(objects) == 1 and (objects[0].kind == "family" or objects[0] not in s.models):
            # "outperforms previous Sonnet models": a family's word (or a word no list
            # knows) describing a set of models, not a model
            sides = described_sides(s.text, after, group_spans, _candidates(s))
            # ("Llama models" unqualified stand for the family's best, as "Llama")
            if sides and sides[0].start < objects[0].start and objects[0].end < sides[0].end:
                objects = sides
        if not objects:
            # "beats its predecessor", "outperforms a number of larger models": kept with
            # the words the text uses (judged model_not_found: no board lists them)
            objects = described_sides(s.text, after, group_spans, _candidates(s))
            named = [m for m in s.models if objects and m.start >= objects[0].end]
            if (
                len(objects) == 1
                and named
                and _APPOSITION.match(s.text, objects[0].end, named[0].start)
            ):
                # "over its predecessor, Sonnet 4.6,": the name the description is given
                objects = [named[0]]
        coordinated = referred or _coordinated(s, subject, v.start())
        if not objects and _IT_OBJECT.match(s.text, v.end()):
            # "although A and B still rank above it": "it" is the one other name the
            # sentence has spoken of before (else the previous sentence's subject)
            earlier = [m for m in s.models if m.end <= v.start() and m.text not in coordinated]
            it = earlier[-1].text if len({m.text for m in earlier}) == 1 else None
            it = it or (s.prev_subject if not earlier else None)
            if it is not None:
                objects = [Mention(v.end(), v.end(), it, "model")]
        if not objects and _THEM_OBJECT.match(s.text, v.end()):
            # "While A and B struggle to scale, X outperforms them both": "them" are the
            # names the sentence gave before, when they are two or more
            earlier = [m for m in s.models if m.end <= v.start() and m.text not in coordinated]
            if len({m.text for m in earlier}) >= 2:
                objects = earlier
        negated = _near_negation(s.text, v.start())
        rel = "beats" if relation == "overtook" else relation
        if negated and rel == "ties" and _AS_GOOD_AS.search(v.group()):
            # "is not as strong as Y": below Y, not "anything but level with Y"
            rel, negated = "trails", False
        if negated and rel == "trails" and _NEARNESS.search(v.group()):
            # "did not come close to Y", "is not within 20 points of Y": further behind
            # Y still, never level with it or ahead
            negated = False
        # "X outscored Y, as did Z": Z says the same of Y
        echoed = _echoed(s, v, objects[-1].end, negated) if objects else []
        for subj in [*coordinated, *echoed]:
            for obj in objects:
                if obj.text.lower() == subj.lower():
                    continue
                if _SPEED_OR_PRICE.match(s.text, obj.end):
                    continue  # "matches GPT-5.4 per-token latency": speed and price rank nothing
                margin = _margin(s.text, v, obj.end) if rel != "ties" else None
                found.append(
                    PairHit(
                        model_a=subj,
                        model_b=_level_of(s.text, obj),
                        relation=rel,
                        start=v.start(),
                        negated=negated,
                        margin=margin[0] if margin else None,
                        margin_op=margin[1] if margin else "approx",
                    )
                )
    return found


# "not only meets, but in fact surpasses, Y", "matches, and often beats, Y": the second
# verb of a pair set off by commas, whose object follows the closing comma ("rivals, if
# not surpasses, Y" says no more than "rivals")
_PAIRED_VERB = _i(
    r",\s+(?:[\w-]+\s+)?(?:and|but|yet)\s+(?:(?:in\s+fact|even|often|also|"
    r"sometimes|occasionally|at\s+times|in\s+(?:some|many|most)\s+cases)\s+)?$"
)


def _object_start(text: str, v: re.Match[str]) -> int:
    """Where the objects of the verb `v` start: right after it, or after the comma that
    closes the pair of verbs it ends."""
    if text.startswith(",", v.end()) and _PAIRED_VERB.search(
        text, max(0, v.start() - 40), v.start()
    ):
        return v.end() + 1
    return v.end()


# "beat A by 40 points, and B by 20": each object with its own margin, the verb said once
_BY_MARGIN = (
    r"\s+by\s+(?:about\s+|roughly\s+|around\s+|nearly\s+|almost\s+|over\s+|just\s+|only\s+)?"
    r"\d[\d.,]*\s*(?:(?:Elo\s+)?points?|pts|%|percentage\s+points)?"
)
_MARGIN_THEN_AND = regex(
    rf"(?:\s+(?:on|in)\s+[\w.'’-]+)?{_BY_MARGIN}(?:\s+(?:on|in)\s+[\w.'’-]+)?,?\s+and\s+"
    r"(?:the\s+)?$",
    re.IGNORECASE,
)
_MARGIN_AFTER = regex(_BY_MARGIN + r"\b", re.IGNORECASE)


def _gapped_objects(s: Sentence, objects: list[Mention]) -> list[Mention]:
    """The objects after a first object's margin, each with a margin of its own."""
    out: list[Mention] = []
    last = objects[-1] if objects else None
    while last is not None:
        nxt = next((m for m in s.models if m.start >= last.end), None)
        if nxt is None or not _MARGIN_THEN_AND.fullmatch(s.text, last.end, nxt.start):
            break
        if not _MARGIN_AFTER.match(s.text, nxt.end):
            break
        out.append(nxt)
        last = nxt
    return out


# a verb phrase said again by its auxiliary alone, of another subject: ", as did Z",
# "and so does Z"; after a denial, ", nor does Z", "and neither did Z"
_ECHO = _i(
    # the words between the object and "as" may not open another clause ("..., while
    # Meta's newest release stumbled, as did Z": Z echoes the stumble)
    r"(?:(?!\b(?:while|whereas|but|which|who|though|although|because|after|when)\b)[^;.!?]){0,60}?"
    r",?\s+(?P<how>as|and\s+so|so|nor|(?:and\s+)?neither)\s+"
    r"(?:did|does|do|has|have|had|is|are|was|were|could|can)\s+(?:the\s+)?$"
)
_ECHO_END = regex(r"\s*(?:$|[.;!?]|,|\s(?:too|as\s+well|also|in|on|at|with|by)\b)")


def _echoed(s: Sentence, v: re.Match[str], after: int, negated: bool) -> list[str]:
    """The subjects that repeat the comparison ending at `after` by its auxiliary."""
    later = [m for m in s.models if m.start >= after]
    if not later:
        return []
    z = later[0]
    echo = _ECHO.match(s.text, after, z.start)
    if echo is None or not _ECHO_END.match(s.text, z.end):
        return []
    if any(after <= w.start() < z.start for w in verbs(s.text) if w.start() != v.start()):
        return []  # another verb between: the echo is of that one
    denial = echo.group("how").lower().endswith(("nor", "neither"))
    return [z.text] if denial == negated else []


# a gap in a board's points: "about 140 points ahead of", "a 20-point lead over",
# "leads Y by 20 points"; a percentage is a benchmark's, never an arena's gap
_GAP_OP = (
    r"(?P<op>about|around|roughly|nearly|almost|some|over|more\s+than|at\s+least|under|less\s+than)"
)
_GAP_IN_CUE = _i(
    rf"(?:{_GAP_OP}\s+)?(?P<n>\d[\d,]*(?:\.\d+)?)\s*(?:[- ]?(?:Elo\s+)?points?\b|[- ]?pts\b)"
)
_GAP_BEFORE = _i(rf"\b{_GAP_OP}\s+$")
_GAP_AFTER = _i(
    r"(?:\s+(?:on|in|at)\s+(?:the\s+)?[\w.'’-]+(?:\s+[\w.'’-]+)?)?"  # "on LMArena"
    rf"\s*,?\s*by\s+(?:{_GAP_OP}\s+)?(?:a\s+)?(?P<n>\d[\d,]*(?:\.\d+)?)\s*"
    r"(?:[- ]?(?:Elo\s+)?points?\b|[- ]?pts\b)(?:\s+(?:margin|lead|gap))?"
)
_OPS: dict[str, Literal["approx", "gt", "lt"]] = {
    "over": "gt",
    "more than": "gt",
    "at least": "gt",
    "under": "lt",
    "less than": "lt",
}


def _margin(
    text: str, v: re.Match[str], obj_end: int
) -> tuple[float, Literal["approx", "gt", "lt"]] | None:
    in_cue = _GAP_IN_CUE.search(v.group())
    found = in_cue or _GAP_AFTER.match(text, obj_end)
    if found is None:
        return None
    op = found.group("op")
    if op is None and in_cue is not None:
        # "is about 140 points ahead of": the hedge stands before the cue
        before = _GAP_BEFORE.search(text, max(0, v.start() - 20), v.start())
        op = before.group("op") if before else None
    key = re.sub(r"\s+", " ", (op or "").lower())
    return float(found.group("n").replace(",", "")), _OPS.get(key, "approx")


def _coordinated(s: Sentence, subject: str, pos: int) -> list[str]:
    """The subject and the names joined to it before the verb: "Both Grok-2 and Grok-2
    mini demonstrate improvements over Grok-1.5" compares each of them."""
    named = [m for m in s.models if m.end <= pos]
    if not named or named[-1].text != subject:
        return [subject]
    if _SINGULAR_VERB.match(s.text, named[-1].end) and not _NOR_BEFORE.search(
        s.text, 0, named[-1].start
    ):
        # "Meta released Llama 3.1 and GPT-4o ranks first": GPT-4o alone ("neither A nor
        # B beats C" takes the singular for both)
        return [subject]
    out = [named[-1]]
    for m in reversed(named[:-1]):
        if m.start in s.objects or not _COORDINATION.match(s.text[m.end : out[-1].start]):
            break  # an earlier verb's objects ("ahead of A, B and C") are no subjects
        if _SET_APART.search(s.text, 0, m.start):
            break  # "Unlike GPT-5, Claude tops LMArena": GPT-5 is set apart, not joined
        out.append(m)
    return [m.text for m in reversed(out)]


_NOR_BEFORE = _i(r"\bnor\s+$")
_SET_APART = _i(
    r"\b(?:unlike|except(?:\s+for)?|besides|apart\s+from|other\s+than|compared\s+(?:to|with)|"
    r"like|beyond|rather\s+than|instead\s+of)\s+(?:[A-Z][\w.&-]*['’]s\s+)?$"
)


# "Neither A nor B beats C": each is denied the comparison (the cue's clause holds the
# denial, modality.py)
_COORDINATION = _i(r"^\s*(?:,\s*(?:and\s+)?|and\s+|&\s*|,?\s*nor\s+)$")
# a verb that agrees with one name only
_SINGULAR_VERB = _i(
    r"\s+(?:now\s+|still\s+|also\s+|currently\s+)?(?:is|was|has|ranks|sits|holds|takes|leads|"
    r"tops|comes|lands|places|remains|stays|beats|trails|outranks|outperforms)\b"
)


def _near_negation(text: str, pos: int) -> bool:
    """Whether the clause before a cue denies it (bot/extract/modality.py)."""
    return mood(text, pos).negated


def _others_rank(s: Sentence, v: re.Match[str], relation: Relation) -> RankHit | None:
    """ "X outperforms all other open models" -> X ranks #1 among open models."""
    if relation not in ("beats", "overtook"):
        return None
    m = _OTHERS.match(s.text[v.end() :])
    if not m:
        return None
    subject = _subject(s, v.start())
    if subject is None:
        return None
    kind = (m.group(1) or m.group(2) or "").strip().lower()
    within = Group(open_weights=True) if "open" in kind else None
    if kind.startswith("closed"):
        within = Group(open_weights=False)
    return RankHit(
        model=subject,
        rank=1,
        within=within,
        start=v.start(),
        negated=_near_negation(s.text, v.start()),
    )


def _apart(a: Group, b: Group) -> bool:
    """Whether two sides are two groups, neither one part of the other."""
    return a != b and not _within(a, b) and not _within(b, a)


def _within(inner: Group, outer: Group) -> bool:
    """Whether every fact of `outer` is also one of `inner`: inner is part of outer."""
    facts: list[tuple[str, object]] = [
        ("country", outer.country),
        ("organisation", outer.organisation),
        ("open_weights", outer.open_weights),
    ]
    named = [(k, v) for k, v in facts if v is not None]
    # ("non-Chinese models" are no part of China's: the rest of a group lies outside it)
    return (
        bool(named)
        and not outer.others
        and not inner.others
        and all(getattr(inner, k) == v for k, v in named)
    )


_SET_APART_ASIDE = _i(
    r",\s*(?:unlike|like|except(?:\s+for)?|besides|apart\s+from|other\s+than|rather\s+than|"
    r"instead\s+of|as\s+well\s+as|along\s+with|together\s+with)\s+(?:the\s+)?$"
)
_ASIDE_AFTER = regex(r",[^,]{0,40},")
_OTHER_WORD = _i(r"\bother\b")
# a verb's relation said of groups: "beats" is "leads" there
_GROUP_RELATION: dict[Relation, GroupRelation] = {
    "overtook": "overtook",
    "beats": "leads",
    "trails": "trails",
}


def _group_comparison(s: Sentence, v: re.Match[str], relation: Relation) -> list[Hit]:
    """The groups a verb compares, one hit per pair: "trail both American and Chinese
    ones" sets the subject against each side joined after the verb."""
    # "Chinese open models, unlike European ones, beat ...": a group set apart in an
    # aside is neither side
    before = [
        g
        for g in s.groups
        if g.end <= v.start() and not _SET_APART_ASIDE.search(s.text, 0, g.start)
    ]
    # a phrase may begin with the verb's own preposition ("ahead | of the best American one")
    after = [g for g in s.groups if g.start >= v.start() and g.end > v.end()]
    if not before or not after:
        return []
    a, b = before[-1], after[0]
    # "Open-weight systems such as Meta's Llama 3.1 now rival ...": examples of the
    # group stand between it and its verb; so may the board ("The top open model on
    # LMArena is now within 40 points of ...")
    named_end = _examples_end(s, a.end, v.start())
    if (place := _BOARD_PLACE.match(s.text, named_end)) and place.group("b").lower() in BOARDS:
        named_end = place.end()
    gap_a = s.text[named_end : v.start()]
    gap_b = s.text[v.end() : max(v.end(), b.start)]
    if _AMONG.search(gap_b):
        return []  # "Chinese models lead among open models": a scope, not the other side
    if not _BETWEEN_SUBJECT.match(gap_a) or len(gap_b.strip()) > 20:
        return []
    # A model mention between the subject group and the verb makes the model the subject
    # (not one in an aside: "Chinese open models, led by DeepSeek, now outrank ...").
    aside = _ASIDE_AFTER.match(s.text, a.end)
    bare_from = aside.end() if aside and aside.end() <= v.start() else named_end
    if any(bare_from <= m.start and m.end <= v.start() for m in s.models):
        return []
    # "beats every US open model" is the best of them; "beats all other open models"
    # ranks the subject within its own group (_others_rank)
    if b.others and (_OTHER_WORD.search(s.text, b.start, b.end) or _within(a.group, b.group)):
        return []
    if _ONE_MODEL.fullmatch(s.text, a.start, a.end) and _ONE_MODEL.fullmatch(
        s.text, b.start, b.end
    ):
        return []  # "the Google model trails the xAI model": two models, not two groups
    # "A 70B open model now beats a frontier closed model": one model of each group says
    # nothing of their bests. The loser must be a group or its best ("an open model beat
    # a leading closed one": the open side's best did too), a tie needs both.
    loser = a if relation == "trails" else b
    if not _many(s, loser) or (relation == "ties" and not (_many(s, a) and _many(s, b))):
        return []
    if relation == "ties":
        return _parity(s, v, gap_a, a, b)
    sides = [y for y in after if y.end == b.end]
    # "trail both OpenAI's and Google's": sides of their own, each joined to the last
    for y in after[after.index(sides[-1]) + 1 :]:
        joined = _COORDINATION.match(s.text[sides[-1].end : y.start])
        if not (joined and y.anaphoric and _SIDE_ENDS.match(s.text, y.end)):
            break
        sides.append(y)
    hits = [_group_hit(s, v, relation, x, y) for x in before if x.end == a.end for y in sides]
    return [h for h in hits if h is not None]


# after a side joined to another: the clause goes on, no verb of its own follows
_SIDE_ENDS = _i(
    r"\s*(?:[,.;:!?)]|$|(?:and|or|on|in|at|by|for|although|though|but|while|as|with|across)\b)"
)


_BOARD_PLACE = _i(r"\s+(?:on|in|at)\s+(?:the\s+)?(?P<b>[\w.-]+(?:\s+Arena)?)(?:['’]s)?(?=\s)")
_EXAMPLES = _i(r"\s*,?\s+(?:such\s+as|like|including|notably)\s+")
_EXAMPLE_JOIN = _i(r"\s*(?:,\s*(?:and\s+|or\s+)?|\s(?:and|or)\s+)")
_MAKERS_OWN = regex(r"(?:[A-Z][\w.&-]*['’]s\s+)?")


def _examples_end(s: Sentence, pos: int, limit: int) -> int:
    """Where the examples named right after a group end ("such as A and B"), else `pos`."""
    m = _EXAMPLES.match(s.text, pos)
    if m is None:
        return pos
    at, end = m.end(), pos
    for model in s.models:
        if model.start < at or model.end > limit:
            continue
        own = _MAKERS_OWN.match(s.text, at)
        if model.start != (own.end() if own else at):
            break
        end = model.end
        join = _EXAMPLE_JOIN.match(s.text, end)
        if join is None:
            break
        at = join.end()
    return end


# "now", "finally", "have drawn level": a tie said to be new, the gap before it closed
_NEWLY = _i(r"\b(?:now|finally|at\s+last|increasingly|already|have\s+come\s+to)\b")


def _many(s: Sentence, g: GroupPhrase) -> bool:
    """A phrase for a group ("Chinese models", "China", "every US open model") or its
    best ("the top Chinese model"), not one model of it ("a 70B open model")."""
    phrase = s.text[g.start : g.end].rstrip()
    return g.others or not _ONE_HEAD.search(phrase) or bool(_GROUPS_BEST.search(phrase))


# a singular head: one model, unless a word says it is its group's best
_ONE_HEAD = _i(
    r"\b(?:model|system|LLM|one|offering|release|rival|peer|competitor|counterpart|"
    r"equivalent)$"
)


def _parity(s: Sentence, v: re.Match[str], gap_a: str, a: GroupPhrase, b: GroupPhrase) -> list[Hit]:
    """ "Open models now rival closed ones", "Chinese models finally match US ones": the
    gap between the groups has narrowed. A tie said plainly ("open models rival closed
    ones") is no move, and a denied one ("do not yet match") says nothing of the gap."""
    if not _NEWLY.search(gap_a + " " + v.group()) or _near_negation(s.text, v.start()):
        return []
    if _on_price(s, b):
        return []
    ga, gb = resolve_pair(a, b)
    if not _apart(ga, gb):
        return []
    return [TrendHit(subjects=(ga, gb), direction="narrowing", start=v.start())]


# "China's DeepSeek-R1", "the Chinese model Kimi K2": the subject's country, said
_COUNTRY_BEFORE = _i(
    r"(?:\b(?P<who>[A-Z][\w.]*)['’]s\s+|\b(?P<adj>[A-Z][\w.]*)\s+(?:model|lab|start-?up|"
    r"developer|company)(?:['’]s)?\s+(?:[A-Z][\w.&-]*['’]s\s+)?)$"
)


# the words that leave out part of a set: "every American model except Gemini", "no
# Chinese model cracks the top ten, unless you count R1"
_EXCEPTIONS = (
    r"except|unless|save|but\s+(?:one|two|three)|other\s+than|apart\s+from|aside\s+from|"
    r"with\s+the\s+exception|besides|bar"
)
_EXCEPT = _i(rf"\s*,?\s*(?:{_EXCEPTIONS})\b")


def _countrys_model_over_group(
    s: Sentence, v: re.Match[str], relation: Relation, subject: str
) -> GroupHit | None:
    """ "China's DeepSeek-R1 beat every American model": a model of one country ahead of
    the best of another's, so that country's best leads. Only where the text says the
    subject's country and the other side is every member of a group; neither "trails
    every US model" nor "does not beat every US model" says where the bests stand."""
    if relation not in ("beats", "overtook") or _near_negation(s.text, v.start()):
        return None
    rival = next((g for g in s.groups if v.end() <= g.start <= v.end() + 2), None)
    if rival is None or not rival.others or _OTHER_WORD.search(s.text, rival.start, rival.end):
        return None
    if rival.group.country is None or _EXCEPT.match(s.text, rival.end):
        return None  # "every American model except Gemini": not their best
    mention = next((m for m in s.models if m.text == subject and m.end <= v.start()), None)
    said = _COUNTRY_BEFORE.search(s.text, 0, mention.start) if mention else None
    word = (said.group("who") or said.group("adj")) if said else None
    country = s.gaz.country(word) if word else None
    if country is None or country == rival.group.country:
        return None
    return GroupHit(
        group_a=Group(country=country, open_weights=rival.group.open_weights),
        group_b=rival.group,
        relation=_GROUP_RELATION[relation],
        start=v.start(),
    )


# "edges past rivals from Google", "beats its competitors from xAI and Meta", "tops
# Google's models": the models of makers, each group right after the verb
_RIVALS_OBJECT = _i(r"\s*(?:(?:all\s+(?:of\s+)?)?(?:the|its|their)\s+)?")


def _makers_model_over_rivals(
    s: Sentence, v: re.Match[str], relation: Relation, subject: str
) -> list[Hit]:
    """ "GPT-5 edges past rivals from Google, Anthropic, xAI and Alibaba": a maker's model
    ahead of the models of other makers, so that maker's best leads each of theirs. The
    subject's maker is the registry's (its name says it: "GPT" is OpenAI's); only a win
    says where the bests stand ("trails Google's models" leaves OpenAI's best anywhere),
    and rivals named by example ("rivals such as Gemini 2.5 Flash") are those models, not
    their best. A country is no maker: "R1 beats American rivals" does not say China."""
    if relation not in ("beats", "overtook") or _near_negation(s.text, v.start()):
        return []
    at = _RIVALS_OBJECT.match(s.text, v.end())
    start = at.end() if at else v.end()
    rivals = [g for g in s.groups if v.end() <= g.start <= start]
    if not rivals or any(
        g.group.organisation is None
        or g.group.country is not None
        or g.others
        or g.group.others
        or not _many(s, g)
        or not _MAKERS_PLURAL.search(s.text, g.start, g.end)
        for g in rivals
    ):
        return []
    if _EXCEPT.match(s.text, rivals[0].end) or _on_price(s, rivals[0]):
        return []  # "Google's models except Gemini 3": not their best
    if _EXAMPLES.match(s.text, rivals[0].end):
        return []
    maker = load_registry().facts(subject).organisation
    if maker is None:
        return []
    # the maker's best, whatever its licence: the subject is one of them
    own = Group(organisation=maker)
    found: list[Hit] = []
    for g in rivals:
        if g.group.organisation == maker:
            return []  # "beats OpenAI's older models": its own
        found.append(
            GroupHit(
                group_a=own, group_b=g.group, relation=_GROUP_RELATION[relation], start=v.start()
            )
        )
    return found


# a plural head: the maker's models, not one of them ("a model from Google")
_MAKERS_PLURAL = _i(r"\b(?:models|rivals|competitors|peers|systems|offerings|LLMs)\b")


def _on_price(s: Sentence, b: GroupPhrase) -> bool:
    """ "Chinese models beat US ones on price": a comparison of what they cost or how
    fast they run, which no ranking orders."""
    end = _CLAUSE_END.search(s.text, b.end)
    return bool(_SPEED_MEASURE.search(s.text, b.end, end.start() if end else len(s.text)))


_NO_MEMBER = _i(r"(?:^|[^\w'’])(?:no|none\s+of\s+the)\s+$")


def _group_hit(
    s: Sentence, v: re.Match[str], relation: Relation, a: GroupPhrase, b: GroupPhrase
) -> GroupHit | None:
    if _on_price(s, b):
        return None
    ga, gb = resolve_pair(a, b)
    if _within(ga, gb) or _within(gb, ga):
        return None  # "Chinese open models lead the open-weights rankings": one in the other
    scope = _GROUP_SCOPE.match(s.text, b.end)
    if scope:
        # "China has overtaken the US in open-weight models": the scope holds for both
        open_weights = not scope.group(1).lower().startswith(("closed", "proprietary"))
        ga = ga.model_copy(update={"open_weights": open_weights})
        gb = gb.model_copy(update={"open_weights": open_weights})
    else:
        # "China leads the US on LMArena's open model rankings": said later in the
        # clause, the scope holds for each side that names no openness of its own
        end = _CLAUSE_END.search(s.text, b.end)
        clause_end = end.start() if end else len(s.text)
        # "... on LMArena's open leaderboard": the ranking the comparison is on, named
        # after it (not in an aside: ", topping the open leaderboard too")
        listed = OPEN_LIST.search(s.text, b.end, clause_end)
        if listed and "," in s.text[b.end : listed.start()]:
            listed = None
        later = _LATER_SCOPE.search(s.text, b.end, clause_end) or listed
        # "On LMArena's open-weights leaderboard, Chinese labs outrank their rivals"
        later = later or OPEN_LIST.search(s.text, 0, a.start)
        if later:
            open_weights = not later.group("open").lower().startswith(("closed", "proprietary"))
            if ga.open_weights is None:
                ga = ga.model_copy(update={"open_weights": open_weights})
            if gb.open_weights is None:
                gb = gb.model_copy(update={"open_weights": open_weights})
    if ga == gb:
        return None
    rel = _GROUP_RELATION[relation]
    margin = _margin(s.text, v, b.end)
    return GroupHit(
        group_a=ga,
        group_b=gb,
        relation=rel,
        start=v.start(),
        # "No Chinese model beats the best American one": none does
        negated=_near_negation(s.text, v.start()) != bool(_NO_MEMBER.search(s.text, 0, a.start)),
        margin=margin[0] if margin else None,
        margin_op=margin[1] if margin else "approx",
    )


# "Google's models lead the arena", "Chinese models now dominate", "open models still
# lag": a group set against the rest of the field, which the sentence does not name
_ONE_SIDED = _i(
    r"\b(?:(?P<lead>leads?|led|dominat(?:e|es|ed)|tops|topped|top(?=\s+the\b)|rules?|ruled|"
    # "remain ahead", "stay on top", "hold the lead" (a lead over someone is two-sided)
    r"(?:are|is|were|was|remains?|remained|stays?|stayed)\s+(?:now\s+|still\s+|clearly\s+|"
    r"firmly\s+|comfortably\s+)?(?:in\s+front|ahead|on\s+top|in\s+the\s+lead)|"
    # "(finds) foreign models still in front", "Chinese models now ahead": no verb said
    r"(?P<verbless>(?:still|now|firmly|clearly|comfortably)\s+(?:in\s+front|ahead|on\s+top|"
    r"in\s+the\s+lead))|"
    r"(?:holds?|held|keeps?|kept|retains?|retained|maintains?|maintained)\s+(?:on\s+to\s+)?"
    r"(?:the|their|its|a)\s+(?:(?:narrow|slim|clear|comfortable|commanding|big|wide)\s+)?"
    r"lead(?!\s+(?:over|among|in\s+the\s+open)\b))|"
    r"(?P<trail>trails?|trailed|lags?|lagged|(?:are|is|were|was|remains?|remained|stays?|stayed)"
    r"\s+(?:still\s+)?behind|f(?:a|e)ll\s+behind))\b(?!\s+(?:of|by)\b)"
)
_WITH_CLAUSE = _i(r",\s+with\s")
_SMALL_CLAUSE = _i(
    r"\b(?:finds?|found|shows?|showed|shown|sees?|saw|seen|puts?|leaves?|left|keeps?|kept|"
    r"with)\s+(?:the\s+)?$"
)
_CLAUSE_END = regex(r"[;.!?]|,\s+(?:but|while|whereas|and)\s+|\s+(?:but|while|whereas)\s+")
_ORG_AFTER = regex(r"\s+(?:those\s+of\s+|the\s+)?(?P<org>\w[\w.-]*?)(?:['’]s)?(?![\w.-])")
_GROUPS_BEST = _i(
    r"\b(?:best|top|leading|strongest|highest[- ]ranked|top[- ]ranked|best[- ]performing|"
    r"most\s+capable)\b"
)


def find_group_leads(s: Sentence) -> list[Hit]:
    found: list[Hit] = []
    for g in s.groups:
        phrase = s.text[g.start : g.end].rstrip()
        if g.anaphoric or g.others or not (phrase.endswith("s") or _GROUPS_BEST.search(phrase)):
            # "An open LLM tops the leaderboard" is one model's place; "Google's best
            # model tops the leaderboard" is the group's best, set against the rest
            continue
        if any(o is not g and o.end == g.end for o in s.groups):
            # "American and Chinese models lead", "models from Google and OpenAI lead":
            # the two together ahead of the rest, which says neither one's best is
            continue
        # the verb right after the group, an adverb or two between ("now", "still")
        v = _ONE_SIDED.search(s.text, g.end, g.end + 40)
        if v is None or not _BETWEEN_SUBJECT.match(s.text[g.end : v.start()]):
            continue
        # "the review finds foreign models still in front": a clause without its verb,
        # the group its subject
        small = v.group("verbless") and _SMALL_CLAUSE.search(s.text, 0, g.start)
        if not small and not in_subject_position(s.text, g.start):
            continue
        # (", with Chinese ones gaining": a clause of its own after the lead)
        end = _CLAUSE_END.search(s.text, v.end())
        with_at = _WITH_CLAUSE.search(s.text, v.end())
        if with_at and (end is None or with_at.start() < end.start()):
            end = with_at
        rest = (v.end(), end.start() if end else len(s.text))
        starts = [m.start for m in s.models] + [other.start for other in s.groups]
        if any(rest[0] <= x < rest[1] for x in starts):
            continue  # "lead US models", "lead Grok 4": the other side is named
        rival = _ORG_AFTER.match(s.text, v.end())
        other = s.gaz.organisation(rival.group("org")) if rival else None
        if OPEN_LIST.search(s.text, *rest) or _LATER_SCOPE.search(s.text, *rest):
            continue  # "dominate the open-model rankings": the rest of a group, unsayable
        if any(isinstance(h, GroupHit) for h in s.hits):
            continue
        relation: GroupRelation = "leads" if v.group("lead") else "trails"
        found.append(
            GroupHit(
                # "OpenAI's models trail xAI's": that maker's, not the rest of the field
                group_a=g.group,
                group_b=Group(organisation=other) if other else g.group.rest(),
                said=(rival.group("org"),) if other and rival else (),
                relation=relation,
                start=v.start(),
                negated=_near_negation(s.text, v.start()),
            )
        )
    return found


# "Overall scores still favour overseas systems", "the rankings favour US models over
# Chinese ones": what a ranking's numbers favour leads
_FAVOUR = _i(
    # ("benchmarks favour closed models": a bias said of the tests, not a ranking)
    r"\b(?:scores?|results?|rankings?|standings|numbers|leaderboards?|index|table)(?:\s+(?:on|in|at|from)\s+[\w'’.-]+(?:\s+[\w'’.-]+)?)?\s+"
    r"(?:(?:do|does|did)\s+not\s+|(?:do|does|did)n['’]t\s+)?"
    r"(?:still\s+|now\s+|clearly\s+|continue\s+to\s+|continues\s+to\s+)?"
    r"(?P<verb>favou?rs?|favou?red)\s+(?:the\s+)?"
)
_OVER = _i(r"\s+over\s+")


def find_favoured(s: Sentence) -> list[Hit]:
    found: list[Hit] = []
    for m in _FAVOUR.finditer(s.text):
        g = next((g for g in s.groups if g.start == m.end()), None)
        if (
            g is None
            or g.anaphoric
            or g.others
            or not _MAKERS_PLURAL.search(s.text, g.start, g.end)
        ):
            continue
        end = _CLAUSE_END.search(s.text, g.end)
        rest = (g.end, end.start() if end else len(s.text))
        over = _OVER.match(s.text, g.end)
        rival = next((o for o in s.groups if over and o.start == over.end()), None)
        if rival is None and any(rest[0] <= o.start < rest[1] for o in s.groups):
            continue  # another group in the clause, no "over" to say it is the other side
        ga, gb = resolve_pair(g, rival) if rival else (g.group, g.group.rest())
        if not _apart(ga, gb):
            continue
        found.append(
            GroupHit(
                group_a=ga,
                group_b=gb,
                start=m.start("verb"),
                negated=_near_negation(s.text, m.start("verb")),
            )
        )
    return found


# "xAI has the most capable AI models in the world": a maker's models lead the field
_MAKER_HAS_BEST = _i(
    r"(?:^|[,;:]\s+|\b(?:and|but|while|now)\s+)(?P<maker>[A-Z][\w.-]*)\s+(?:now\s+|still\s+|also\s+)?"
    r"(?:has|have|had|builds?|built|makes?|made|offers?|fields?)\s+the\s+(?:world['’]s\s+)?"
    r"(?:most\s+(?:capable|powerful|intelligent|advanced)|best|strongest|smartest|top|leading)\s+"
    r"(?:AI\s+|frontier\s+|language\s+)?(?:models|LLMs|systems)\b"
)


def find_maker_best(s: Sentence) -> list[Hit]:
    found: list[Hit] = []
    for m in _MAKER_HAS_BEST.finditer(s.text):
        maker = s.gaz.organisation(m.group("maker"))
        if maker is None or any(x.start < m.end() for x in s.models):
            continue
        group = Group(organisation=maker)
        found.append(
            GroupHit(
                group_a=group,
                group_b=group.rest(),
                start=m.start("maker"),
                negated=_near_negation(s.text, m.end("maker")),
                # no board named: marketing about unnamed tasks (rules.py)
                needs_scope=True,
                said=(m.group("maker"),),
            )
        )
    return found


def find_count_in_top(s: Sentence) -> list[Hit]:
    found: list[Hit] = []
    cues: list[tuple[re.Match[str], str]] = [
        (m, m.group("k") or m.group("k2")) for m in _COUNT_TOP.finditer(s.text)
    ]
    for m in _OUTNUMBER.finditer(s.text):
        rival = next((g for g in s.groups if g.start == m.end()), None)
        top = _IN_TOP_AFTER.match(s.text, rival.end) if rival else None
        if top is not None:
            cues.append((m, top.group("k")))
    for m, k in cues:
        before = [g for g in s.groups if g.end <= m.start()]
        after = [g for g in s.groups if g.start >= m.end()]
        if not before or not after:
            continue
        if not _BETWEEN_SUBJECT.match(s.text[before[-1].end : m.start()]):
            continue  # "Chinese labs, which ..., have more ...": not the verb's subject
        ga, gb = resolve_pair(before[-1], after[0])
        if not _apart(ga, gb):
            continue
        found.append(
            GroupHit(
                group_a=ga,
                group_b=gb,
                aggregate="count_in_top_k",
                k=_num(k),
                start=m.start(),
                negated=_near_negation(s.text, m.start()),
            )
        )
    return found


def ordinal(word: str) -> int:
    """The place an ordinal names, in words or digits ("third", "13th")."""
    word = word.lower()
    return ORDINALS[word] if word in ORDINALS else int(word[:-2])


def ranked(hits: list[Hit], model: str, rank: int) -> bool:
    """Whether a rank hit already gives this model this place."""
    return any(isinstance(h, RankHit) and h.model == model and h.rank == rank for h in hits)


def _rank(
    s: Sentence,
    found: list[Hit],
    pos: int,
    rank: int,
    op: RankOp = "eq",
    within: Group | None = None,
    category: str | None = None,
    metric: str | None = None,
    denied: bool = False,
) -> None:
    """Add the rank of the model in subject position before `pos` to `found`."""
    subject = _subject(s, pos)
    referred = _plural_referents(s, pos) if subject is None else []
    after = next((m for m in s.models if m.start > pos), None)
    if after is not None and _PLACE_THEN_NAME.fullmatch(s.text, pos, after.start):
        # "In third place is DeepSeek R1", "In second place: GPT-4o": the name after
        subject = after.text
    if subject is None and rank == 1 and op == "eq" and not (within or category or metric):
        # "Google holds the top spot on LMArena": a maker's best model leads the rest
        if (maker := _maker_subject(s, pos)) is not None:
            group = Group(organisation=maker[1])
            # "OpenAI now leads Anthropic on LMArena": that maker, not the rest
            rival = _MAKER_OBJECT.match(s.text, pos)
            other = s.gaz.organisation(rival.group("org")) if rival else None
            found.append(
                GroupHit(
                    group_a=group,
                    group_b=Group(organisation=other) if other else group.rest(),
                    start=pos,
                    negated=denied or _near_negation(s.text, pos),
                    said=(maker[0], rival.group("org")) if other and rival else (maker[0],),
                )
            )
        return
    # "X was dethroned by Y at the top of LMArena": the place is the agent's
    agent = next((m for m in reversed(s.models) if m.end <= pos), None)
    if (
        agent is not None
        and _BY_AGENT.search(s.text, 0, agent.start)
        and _AGENT_PLACE.fullmatch(s.text, agent.end, pos)
    ):
        subject = agent.text
    if subject is None:
        # "The report counted DeepSeek R1 among the top AI systems", "put X in the top
        # five": the object of a verb of placing takes the place
        placed = next((m for m in reversed(s.models) if m.end <= pos), None)
        if (
            placed is not None
            and not s.text[placed.end : pos].strip(" ,")
            and _PLACER.search(s.text, max(0, placed.start - 40), placed.start)
        ):
            subject = placed.text
    if _VARIANTS_PLACE.match(s.text, pos):
        return  # "at 27th for the thinking variant": another build's place
    if subject is None and referred:
        subject = referred[0]
    if subject is None or ranked([*s.hits, *found], subject, rank):
        return  # one sentence, one rank claim per model and rank
    names = referred or _coordinated(s, subject, pos)
    if len(names) > 1 and rank == 1 and op == "eq":
        # "A and B are the best models": the two hold the top two places
        rank, op = len(names), "top_k"
    elif not (op == "top_k" and 1 < len(names) <= rank):
        # "A, B and C are the top three open models": each of them is in the top three
        names = [subject]
    for name in names:
        found.append(
            RankHit(
                model=name,
                rank=rank,
                op=op,
                within=within,
                start=pos,
                negated=denied or _near_negation(s.text, pos),
                category=category,
                metric=metric,
            )
        )


# "Both models rank in the top ten", "The two new models are the best open models":
# the models the sentence before listed, when their count agrees
_PLURAL_LEAD = _i(
    r"^\W*(?:(?:both|all)\s+(?:of\s+)?(?:these\s+|the\s+)?|these\s+|those\s+|the\s+)"
    r"(?:(?P<n>two|three|four)\s+)?(?:new\s+|latest\s+|released\s+)?(?:[\w-]+\s+)?"
    r"models\b|^\W*both\b(?!\s+(?:of\s+)?(?:the|these|those|its|their)\b)"
)
_COUNTS = {"two": 2, "three": 3, "four": 4}


def _plural_referents(s: Sentence, pos: int) -> list[str]:
    lead = _PLURAL_LEAD.match(s.text)
    if lead is None or not s.prev_list or any(m.start < pos for m in s.models):
        return []
    if not _BETWEEN_SUBJECT.match(s.text[lead.end() : pos]):
        return []  # the place is said of another clause's subject
    said = lead.group("n") or ("two" if lead.group(0).strip().lower().startswith("both") else None)
    if said is not None and _COUNTS[said.lower()] != len(s.prev_list):
        return []
    return list(s.prev_list)


# the maker right after a comparison verb: "has overtaken OpenAI on LMArena"
_MAKER_AFTER = regex(r"\s+(?:the\s+)?(?P<org>[A-Z][\w.-]*)(?![\w.'’-])")


def _maker_pair(s: Sentence, v: re.Match[str], relation: Relation) -> list[Hit]:
    """ "Google has overtaken OpenAI on LMArena", "Anthropic trails OpenAI in the
    rankings": two makers compared, each by its best model, where no model is named
    before the verb and a ranking is named after it (_maker_subject). Makers joined
    after the verb ("behind OpenAI and Google") are each a comparison."""
    if relation == "ties":
        return []
    maker = _maker_subject(s, v.start())
    rival = _MAKER_AFTER.match(s.text, v.end())
    if maker is None or rival is None:
        return []
    rivals = [rival]
    while joined := _MAKER_JOINED_AFTER.match(s.text, rivals[-1].end()):
        rivals.append(joined)
    found: list[Hit] = []
    for r in rivals:
        other = s.gaz.organisation(r.group("org"))
        if other is None or other == maker[1]:
            break
        if any(r.start("org") <= m.start < r.end() + 20 for m in s.models):
            break  # "beats OpenAI's GPT-4o": the maker names a model's side
        found.append(
            GroupHit(
                group_a=Group(organisation=maker[1]),
                group_b=Group(organisation=other),
                relation=_GROUP_RELATION[relation],
                start=v.start(),
                negated=_near_negation(s.text, v.start()),
                said=(maker[0], r.group("org")),
            )
        )
    return found


_MAKER_JOINED_AFTER = regex(
    r"\s*(?:,\s*(?:and\s+)?|\s+and\s+|\s*&\s*)(?:the\s+)?(?P<org>(?:[A-Z]|xAI)[\w.-]*)(?![\w.'’-])"
)


# "Google now holds", "OpenAI has reclaimed": a maker's name opening the clause, and
# a ranking named after the cue ("the cloud market" is no leaderboard)
_MAKER_LEAD = _i(
    r"(?:^|[,;:]\s+|\b(?:and|but|while|as|after|now|meanwhile)\s+)(?P<maker>[A-Z][\w.-]*)\s+"
    # a denial or a modal between is read by the claim's mood ("has not overtaken",
    # "could soon surpass")
    r"(?:(?:now|still|again|once\s+again|finally|also|has|have|had|is|was|does|did|not|never|"
    r"no\s+longer|(?:has|have|is|was|does|did)n['’]t|could|may|might|will|would|can|soon|"
    r"already|just)\s+){0,3}$"
)
_PLACE_THEN_NAME = _i(
    r"(?:(?:(?:in|at|on)\s+)?(?:the\s+)?(?:No\.\s?\d+|#\d+|\w+)\s+(?:place|spot|position)\s*|"
    # "Third is OpenAI's o3": an ordinal opening its clause
    r"(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth)\s+)"
    r"(?:(?:is|was|sits|sat|comes|came|now\s+sits|goes\s+to|went\s+to|belongs\s+to)\s+|[:–—]\s*)"
    r"(?:[\w.-]+['’]s\s+)?"
)
_VARIANTS_PLACE = _i(
    r"[^,;.]{0,30}?\bfor\s+(?:the|its)\s+(?:[\w-]+\s+){1,2}?(?:variant|version|mode|build|edition)\b"
)
_NEARLY_IN = _i(r"\b(?:near|close\s+to|nearly|almost|just\s+outside|outside)\b")
_KIND_THEN_MODEL = _i(r"\s+(?:[\w-]+\s+){0,3}?(?:model|models|LLM|LLMs|system|systems)\b")
_KIND_WORD = _i(r"\b(?:model|models|LLMs?|systems?)\b")
_PLACER = _i(
    r"\b(?:counted|counts|named|names|put|puts|placed|places|listed|lists|rated|rates|"
    r"included|includes|considered|considers|called|calls)\s+(?:[\w.-]+['’]s\s+)?$"
)
# the place right after the agent, or in a relative clause about it
_AGENT_PLACE = _i(r"\s*(?:,\s*which\s+(?:now\s+|then\s+)?(?:\w+\s+)?)?")
_BY_AGENT = _i(r"\b(?:was|were|is|are|been|being|got|gets)\s+(?:\w+\s+){1,2}?by\s+$")
_MAKER_OBJECT = regex(r"[\w-]+\s+(?:the\s+)?(?P<org>[A-Z][\w.-]*)\b")
_RANKING_AFTER = _i(
    r"^[^.;]{0,60}?\b(?:leaderboards?|arenas?|rankings?|charts?|benchmarks?|LMArena|LMSYS|"
    r"Elo)\b"
)


def _maker_subject(s: Sentence, pos: int) -> tuple[str, str] | None:
    """The maker opening the clause before a place's cue: (as written, registry name)."""
    lead = _MAKER_LEAD.search(s.text, max(0, pos - 50), pos)
    if lead is None or not _RANKING_AFTER.match(s.text[pos:]):
        return None
    end = _CLAUSE_END.search(s.text, pos)
    if _AMONG.search(s.text, pos, end.start() if end else len(s.text)):
        return None  # "Meta holds the top spot among open models": no group pair says it
    if any(m.start < pos for m in s.models):
        return None  # "Google's Gemini 3 ... leads": the model is the subject
    name = s.gaz.organisation(lead.group("maker"))
    return (lead.group("maker"), name) if name else None


_DENIAL = _i(r"n['’]t\b|\bnot\b|\bno\s+longer\b")


def _denies(words: str) -> bool:
    """The rank pattern's own words deny it: "isn't the #1 model", "is no longer #1"."""
    return bool(_DENIAL.search(words))


def find_ranks(s: Sentence) -> list[Hit]:
    t = s.text
    found: list[Hit] = []
    for m in _RANK_HASH.finditer(t):
        place = _num(m.group(1) or m.group("word"))
        within: Group | None = None
        if kind := _KIND_THEN_MODEL.match(t, m.end()):
            if place == 1:
                continue  # "the No. 1 open model": a place within a kind (_RANK_BEST reads it)
            # "is now the No. 2 model on LMArena", "the No. 3 open model": within that kind
            mods = " ".join(kind.group().split()[:-1])
            if unknown_kind(mods, s.gaz):
                continue  # "the No. 2 reasoning model": a kind no group describes
            within = _group_from_mods(mods, s.gaz)
        _rank(s, found, m.start(), place, within=within, denied=_denies(m.group(0)))
    for m in _RANK_SPOT.finditer(t):
        _rank(s, found, m.start(), int(m.group(1)))
    for m in _RANK_ORDINAL.finditer(t):
        _rank(s, found, m.start(), ORDINALS[m.group(1).lower()])
    for m in SECOND_PLACE.finditer(t):
        # the first place's subject, also past "but"
        subject, rank = _subject(s, m.start()), ordinal(m.group("place"))
        if subject is not None and not ranked([*s.hits, *found], subject, rank):
            place = m.start("place")
            found.append(
                RankHit(model=subject, rank=rank, start=place, negated=_near_negation(t, place))
            )
    for m in _RANK_TOP_SPOT.finditer(t):
        _rank(s, found, m.start(), 1)
    for m in _RANK_TOPS_BOARD.finditer(t):
        if any(m.start() < x.start < m.end() for x in s.models):
            continue  # "leads GPT-4.1 on LMArena": a comparison (find_comparisons)
        if m.group(0).lower().startswith("leading") and _KIND_WORD.search(m.group(0)):
            continue  # "the leading open-weights model on LMArena": a superlative's place
        # "tops LMArena's open models": first among that group, not on the whole board
        if BOARDS_PART.match(t, m.end()):
            continue  # "tops LMArena's vision list": a part the words do not pin down
        owned = BOARDS_GROUP.match(t, m.end())
        if owned:
            among = next((g for g in s.groups if g.start <= owned.end("group") <= g.end), None)
            if among is not None:
                _rank(s, found, m.start(), 1, within=among.group)
            continue
            continue
        _rank(s, found, m.start(), 1)
    for m in _RANK_BEST.finditer(t):
        mods = m.group(1) or ""
        category = "coding" if "coding" in mods.lower() else None
        if unknown_kind(mods, s.gaz) or _EXCLUDING.match(t, m.end()):
            continue  # "the top reasoning model", "the best open model outside China"
        within = _group_from_mods(mods, s.gaz, m.group("where"))
        said_after = whose(t, m.end(), s.gaz) if not m.group("where") else None
        if _EXCLUDING.search(t, m.end(), m.end() + 60):
            continue  # "the best model from a US lab other than Google"
        if said_after is False:
            continue  # "the best model from a startup": a set no group's facts describe
        if said_after is not None:
            within = merged(within, said_after)
        _rank(
            s,
            found,
            m.start(),
            1,
            within=within,
            category=category,
            denied=_denies(m.group(0)),
        )
    for m in _ORDINAL_FIRST.finditer(t):
        # "Third is OpenAI's o3 at 1413": the place, then its model (_rank takes the name)
        _rank(s, found, m.start("ord"), ORDINALS[m.group("ord").lower()])
    for m in _RANK_NTH_BEST.finditer(t):
        _rank(
            s,
            found,
            m.start(),
            ORDINALS[m.group("n").lower()],
            within=_group_from_mods(m.group(2) or "", s.gaz),
            denied=_denies(m.group(0)),
        )
    for m in _RANK_LEADER.finditer(t):
        what = (m.group("what") or "").lower()
        within = Group(open_weights=True) if re.search(r"\bopen\b", what) else None
        _rank(s, found, m.start(), 1, within=within)
    for m in _RANK_SOTA.finditer(t):
        what = (m.group("what") or "").strip()
        group = _SOTA_GROUP.match(what)
        within = Group(open_weights=True) if group and re.search(r"\bopen\b", what, re.I) else None
        rest = what[group.end() :] if group else what
        # "state-of-the-art for code agents", "results on Mozilla Common Voice": a scope
        # no board ranks; "state-of-the-art results" alone are benchmark results.
        scope = None
        task = re.match(r"(?:for|in|on|at|across)\s+(.+)", rest, re.I) if group else rest
        if _named_benchmark(t):
            scope = None  # rules.py takes the benchmark the sentence names
        elif task:
            scope = slug(task if isinstance(task, str) else task.group(1))
        elif (m.group("noun") or "").lower().startswith(_MEASURED):
            scope = "benchmarks"
        on_tests = (m.group("prep") or "").lower() in ("on", "across", "in") and not group
        tests = _SOTA_TESTS.match(what) if on_tests else None
        tests_named = _TEST_JOIN.split(tests.group("tests")) if tests else []
        listed = tests is not None and _LAST_JOIN.search(tests.group("tests")) is not None
        # "... across diverse benchmarks among non-reasoning models", "on A, B and C
        # among open models": the set said after the tests
        set_after = _AMONG_KIND.search(what)
        if set_after and within is None:
            if unknown_kind(set_after.group("kind"), s.gaz):
                continue  # a set no group describes: no place on any board's order
            within = _group_from_mods(set_after.group("kind"), s.gaz)
        if len(tests_named) > 1 and listed and all(_TEST_SHAPED.search(n) for n in tests_named):
            before = len(found)
            _rank(s, found, m.start(), 1, within=within, metric=benchmark_id(tests_named[0]))
            found += [
                dataclasses.replace(hit, metric=benchmark_id(n))
                for hit in found[before:]
                for n in tests_named[1:]
            ]
            continue
        _rank(s, found, m.start(), 1, within=within, metric=scope)
    for m in _RANK_OUT_TOP_K.finditer(t):
        # "has not dropped out of the top ten", "never fell out of it": still in it
        kept_in = _DENIED_VERB.search(t, 0, m.start()) is not None
        before = len(found)
        _rank(s, found, m.start(), _num(m.group(1)), op="top_k" if kept_in else "not_top_k")
        for hit in found[before:]:
            hit.negated = False  # the op says it, either way
    for m in _RANK_A_TOP_K.finditer(t):
        op_a: RankOp = "not_top_k" if _near_negation(t, m.start() + 8) else "top_k"
        _rank(s, found, m.start(), _num(m.group(1)), op=op_a)
    for m in _RANK_TOP_K.finditer(t):
        if _NEARLY_IN.search(m.group(0)):
            continue  # "sits near the top ten": outside it, by how much unsaid
        op: RankOp = "not_top_k" if _near_negation(t, m.start() + 8) else "top_k"
        within = _group_from_mods(m.group("mods"), s.gaz) if m.group("mods") else None
        if m.group("mods") and within is None and not _OVERALL_MODS.fullmatch(m.group("mods")):
            continue  # "the top three coding models": a ranking no board's order gives
        _rank(s, found, m.start(), _num(m.group(1)), op=op, within=within)
    for m in _RANK_AMONG.finditer(t):
        within = _group_from_mods(m.group(1), s.gaz)
        named = _WITH_MODELS.match(t, m.end())
        subject = _subject(s, m.start())
        if named and subject:
            # "DeepSeek is among the leading models with V4 Pro and V4 Flash"
            for part in (named.group("a"), named.group("b")):
                if part:
                    model = part if subject.lower() in part.lower() else f"{subject} {part}"
                    found.append(
                        RankHit(
                            model=model,
                            rank=AMONG_LEADING_K,
                            op="top_k",
                            within=within,
                            start=m.start(),
                        )
                    )
            continue
        _rank(s, found, m.start(), AMONG_LEADING_K, op="top_k", within=within)
    # "not_top_k" already says the negation; do not flip it twice.
    for h in found:
        if isinstance(h, RankHit) and h.op == "not_top_k":
            h.negated = False
    return found


def _named_benchmark(text: str) -> bool:
    return bool(_KNOWN_BENCH.search(text))


_KNOWN_BENCH = regex(
    r"(?<![\w-])(?:" + "|".join(re.escape(k) for k in BENCHMARKS) + r")", re.IGNORECASE
)


def benchmark_id(name: str) -> str:
    low = name.lower().strip()
    for key, ident in sorted(BENCHMARKS.items(), key=lambda kv: -len(kv[0])):
        if low.startswith(key):
            return ident
    return re.sub(r"[^a-z0-9]+", "_", low).strip("_")


def _groups_in(text: str, s: Sentence) -> list[GroupPhrase]:
    found = find_groups(text, s.gaz)
    if not found:
        found = find_groups(text + " models", s.gaz)
    return found


def find_trends(s: Sentence) -> list[Hit]:
    t = s.text
    found: list[Hit] = []
    for m in _GAP_BETWEEN.finditer(t):
        direction: Direction | None = None
        cue = m.start()
        # (the verb right after the second side: "..., and the stakes have never been
        # bigger" is something else's size)
        never = NEVER_SO.match(t, m.end("b") + 1)
        if never is not None:
            direction = "narrowing" if never.group("narrow") else "widening"
            cue = never.start()
        if not never and NOT_A_MOVE.search(m.group("rest")):
            continue
        for pattern, label in () if never else _GAP_DIRECTION:
            if said := pattern.search(m.group("rest")):
                direction = label
                # the cue is the direction's word: "is not expected to narrow" is
                # read for its mood where it is said
                verb = said.groupdict().get("verb") is not None
                cue = m.start("rest") + (said.start("verb") if verb else said.start())
                break
        if direction is None:
            continue
        ga_list, gb_list = _groups_in(m.group("a"), s), _groups_in(m.group("b"), s)
        if not ga_list or not gb_list:
            continue
        ga, gb = resolve_pair(ga_list[0], gb_list[0])
        found.append(
            TrendHit(
                subjects=(ga, gb),
                direction=direction,
                start=cue,
                negated=never is None and _near_negation(t, m.end("b") + 15),
            )
        )
    for m in _GAP_VERB.finditer(t):
        before = [g for g in s.groups if g.end <= m.start()]
        after = [g for g in s.groups if g.start >= m.end()]
        if not before or not after:
            continue
        ga, gb = resolve_pair(before[-1], after[0])
        found.append(
            TrendHit(
                subjects=(ga, gb),
                direction="narrowing" if m.group("narrow") else "widening",
                start=m.start(),
                negated=_near_negation(t, m.start()),
            )
        )
    for m in _NEW_HIGH.finditer(t):
        before = [g for g in s.groups if g.end <= m.start()]
        if not before or len(t[before[-1].end : m.start()]) > 40:
            continue
        found.append(
            TrendHit(
                subjects=(before[-1].group, Group()),
                direction="new_high",
                start=m.start(),
                negated=_near_negation(t, m.start()),
            )
        )
    return found


_PAIR_JOIN = regex(r"^\s*(?:and|&)\s*$", re.IGNORECASE)
_TIED_AFTER = _i(
    r"^\s*(?:are|were|remain(?:ed)?|sit|stand|now|still|,)?\s*(?:now\s+|still\s+)?"
    r"(?:\w+ly\s+)?(?:tied|tie|level|neck\s+and\s+neck|deadlocked|even)\b"
)


def find_pair_ties(s: Sentence) -> list[Hit]:
    """ "X and Y are statistically tied": a tie said of two names joined as subjects."""
    found: list[Hit] = []
    for a, b in zip(s.models, s.models[1:], strict=False):
        if not _PAIR_JOIN.match(s.text[a.end : b.start]) or a.text == b.text:
            continue
        tied = _TIED_AFTER.match(s.text[b.end :])
        if tied is None or not in_subject_position(s.text, a.start):
            continue
        found.append(
            PairHit(
                model_a=a.text,
                model_b=b.text,
                relation="ties",
                start=b.end + tied.start(),
                negated=_near_negation(s.text, b.end + tied.end()),
            )
        )
    return found


_FRONTED = _i(r"^\W*(?:compared\s+(?:with|to)|relative\s+to|next\s+to|against)\s+(?:the\s+)?$")
# "Compared to its predecessor, X ...", "Compared to the previous production model in
# traffic, X ...": the description up to its first preposition
_FRONTED_DESCRIBED = _i(
    r"^\W*(?:compared\s+(?:with|to)|relative\s+to)\s+(?P<what>(?:its|their|our|the|previous|prior)"
    r"\s+(?:[\w-]+\s+){0,3}?(?:predecessors?|models?|versions?|generations?|releases?))"
    r"(?:\s+(?:in|on|at|for|with|from)\s+[^,]{1,40})?(?=,)"
)
_FRONTED_UP = _i(
    r"\b(?:higher|better|stronger|ahead|wins?|leads?|outperforms?|more\s+(?!expensive|costly)"
    r"\w+|improves?|improved|preferred)\b"
)
_FRONTED_DOWN = _i(r"\b(?:lower|worse|weaker|behind|trails?|lags?|loses?|less\s+capable)\b")
_AMOUNT = _i(r"\b(?:more|higher|less|fewer|lower)\b")


def find_fronted(s: Sentence) -> list[Hit]:
    """ "Compared with Y, X scores higher on MMLU": the name after the comma is the
    subject, the first word of direction says which way; both ways says nothing. The
    other side may be described ("Compared to its predecessor, Grok-2 is more ...")."""
    if not s.models:
        return []
    described = _FRONTED_DESCRIBED.match(s.text)
    if described is not None:
        other = Mention(*described.span("what"), described.group("what"), "model")
        subject, lead_end = s.models[0], described.end()
        if subject.start < lead_end:
            return []
    elif len(s.models) >= 2 and _FRONTED.match(s.text[: s.models[0].start]):
        other, subject = s.models[0], s.models[1]
        lead_end = other.end
    else:
        return []
    if not re.match(r"^\s*,\s*(?:[\w'’-]+\s+){0,2}$", s.text[lead_end : subject.start]):
        return []
    rest = s.text[subject.end : subject.end + 60]
    up, down = _FRONTED_UP.search(rest), _FRONTED_DOWN.search(rest)
    if _BAD_MEASURE.search(rest) and (amount := _AMOUNT.search(rest)):
        # "makes more errors", "presents less bias": more of what is bad is worse
        worse = amount.group().lower() in ("more", "higher")
        up, down = (None, amount) if worse else (amount, None)
    if bool(up) == bool(down) or _SPEED_OR_PRICE.search(rest):
        return []
    cue = up or down
    assert cue is not None
    return [
        PairHit(
            model_a=subject.text,
            model_b=other.text,
            relation="beats" if up else "trails",
            start=subject.end + cue.start(),
            negated=_near_negation(s.text, subject.end + cue.start()),
        )
    ]


# "X leads, with A and B not far behind", "..., with Y close behind": those named after
# "with" trail the sentence's subject
_WITH = _i(r"\bwith\s+(?:only\s+)?$")
_BEHIND_AFTER = _i(
    r"^\s*(?:\([^)]{0,30}\)\s*)?(?:not\s+far|close|closely|just|right|well|far|a\s+(?:long\s+)?way|"
    r"some\s+way|narrowly|immediately|also)?\s*(?P<dir>behind|back|ahead|in\s+front)\b(?!\s+(?:of|it|them))"
)
# names joined into one list, each may carry an aside: "A (1405) and B (1392)"
NAMES_JOINED = regex(r"^\s*(?:\([^)]{0,30}\)\s*)?(?:,\s*(?:and\s+)?|and\s+|&\s*)$")


def joined_names(s: Sentence, last: Mention, join: re.Pattern[str] = NAMES_JOINED) -> list[Mention]:
    """The names joined to `last` by `join` ("A, B and C"), in order, ending with it."""
    run = [last]
    for m in reversed([x for x in s.models if x.end <= last.start]):
        if not join.match(s.text[m.end : run[-1].start]):
            break
        run.append(m)
    return run[::-1]


def find_with_behind(s: Sentence) -> list[Hit]:
    found: list[Hit] = []
    for i, first in enumerate(s.models):
        if not _WITH.search(s.text, max(0, first.start - 12), first.start):
            continue
        run = [first]
        for m in s.models[i + 1 :]:
            if not NAMES_JOINED.match(s.text[run[-1].end : m.start]):
                break
            run.append(m)
        cue = _BEHIND_AFTER.match(s.text[run[-1].end :])
        if cue is None:
            continue
        subject = _subject(s, first.start)
        if subject is None or subject in {m.text for m in run}:
            continue
        behind = cue.group("dir").lower() in ("behind", "back")
        pos = run[-1].end + cue.start("dir")
        for m in run:
            found.append(
                PairHit(
                    model_a=m.text,
                    model_b=subject,
                    relation="trails" if behind else "beats",
                    start=pos,
                    # "not far behind" says how far, not whether
                    negated=_near_negation(s.text, first.start),
                )
            )
    return found


# A group's number of places in a top k: "three open-weight models inside the top 10",
# "the sole open-source entry inside the top ten", "half of the top ten are Chinese",
# "the first four places all go to models developed in China".
_COUNT_WORDS = {**_NUMBER_WORDS, "none": 0, "no": 0, "sole": 1, "only": 1, "single": 1}
_N = r"(?:\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|twenty)"
_COUNT_IN_TOP = _i(
    # "only two Chinese models": the number, "only" a stress ("the only ..." is one)
    rf"\b(?:(?:only|just)\s+)?(?P<n>{_N}|sole|only|single|no)\s+(?!of\b|other\b|longer\b)"
    r"(?P<what>(?:[\w-]+\s+){0,4}?)(?P<head>models?|entr(?:y|ies)|systems?|LLMs?|ones)\s+"
    # "No Chinese model makes the top ten", "only US models appear in the top ten"
    r"(?:(?:(?:has|have)\s+)?(?:yet\s+|ever\s+)?(?:makes?|made|cracks?|cracked|breaks?\s+into|"
    r"broke(?:n)?\s+into|reach(?:es|ed)?)\s+|"
    r"(?:are\s+|is\s+|sits?\s+|rank(?:s|ed)?\s+|land(?:s|ed)?\s+|appears?\s+|appeared\s+|"
    r"features?\s+|featured\s+|shows?\s+up\s+|turns?\s+up\s+|(?:makes?|made)\s+it\s+)?"
    # "in the top ten", "in LMArena's top ten"
    r"(?:in|inside|within|among|into)\s+)(?:the|(?-i:[A-Z])[\w.-]*['’]s)\s+"
    # "the LMArena top ten"
    r"(?:(?-i:[A-Z])[\w.-]*\s+)?(?:overall\s+)?"
    rf"top[- ](?P<k>{_N})\b"
)
_COUNT_OF_TOP = _i(
    # "three of the top five", "seven of the ten highest-ranked models"
    # ("every one of the top five": all of them, not one)
    # ("nearly every one", "almost all of": not all)
    rf"(?<!nearly )(?<!almost )(?<!virtually )(?<!practically )(?<!not )"
    rf"\b(?:(?P<every>every|each)\s+)?(?P<n>{_N}|half|none|(?P<all>all))\s+of\s+the\s+"
    rf"(?:top[- ](?P<k>{_N})\b|(?P<k3>{_N})\s+"
    r"(?:highest[- ]ranked|top[- ]ranked|best|leading|strongest|top|highest[- ]scoring)\s+"
    r"(?:models|LLMs|systems|entries)\b)[^.;]{0,40}?\s+"
    r"(?:are|were|is|come\s+from|came\s+from|belong\s+to|go\s+to)\s+(?:all\s+)?"
)
# "Of the top ten models on LMArena, seven are American": the top k said first
_FRONTED_OF_TOP = _i(
    rf"^\W*(?:of|among|amongst)\s+the\s+top[- ](?P<k>{_N})(?:\s+(?:models|places|spots|entries))?"
    r"(?:\s+(?:on|in|of)\s+(?:the\s+)?[\w'’.-]+(?:\s+[\w'’.-]+)?)?\s*,\s*"
    rf"(?P<n>{_N}|half|none|(?P<all>all))\s+(?:are|were|come\s+from|came\s+from|belong\s+to|"
    r"hail\s+from)\s+(?:all\s+)?"
)
# "every model in the top ten is American": all k, the group after the verb
_EVERY_IN_TOP = _i(
    r"\b(?:every|each)\s+(?:single\s+)?(?:model|entry|system|LLM|one)\s+(?:in|inside|within)\s+"
    rf"(?:the|(?-i:[A-Z])[\w.-]*['’]s)\s+top[- ](?P<k>{_N})\b[^.;,]{{0,40}}?\s+"
    r"(?:is|was|comes\s+from|came\s+from|belongs\s+to)\s+(?:now\s+)?(?:an?\s+)?"
)
# "no model from outside Google or OpenAI shows up until sixth place": the group holds
# every place before that one; "... appears in the top ten": every place of the top ten
_NONE_OUTSIDE = _i(
    r"\bno\s+(?:single\s+)?(?:model|entry|system|LLM|one)\s+(?:from\s+)?(?:outside(?:\s+of)?|beyond)\s+"
    r"(?P<who>[^,;.]{2,40}?)\s+(?:(?:so\s+much\s+as\s+|even\s+)?(?:shows?\s+up|appears?|turns?\s+up|"
    r"features?|ranks?|comes?\s+in|makes?\s+it|gets?|breaks?\s+in))\s+"
    rf"(?:(?:until|before)\s+(?:the\s+)?(?P<nth>{_ORDINAL_WORD})(?:\s+(?:place|spot|position|slot))?|"
    rf"(?:in|into|within)\s+(?:the|(?-i:[A-Z])[\w.-]*['’]s)\s+top[- ](?P<k>{_N}))\b"
)
_HOLD_OF_TOP = _i(
    r"\b(?:hold|holds|held|take|takes|took|occupy|occupies|occupied|claim|claims|claimed|have|"
    r"has|had|fill|fills|filled|account\s+for|accounts\s+for|make\s+up|makes\s+up)\s+"
    rf"(?P<n>{_N}|half)\s+of\s+the\s+top[- ](?P<k>{_N})\b"
)
# every place of the top k, said with "all": "the first four places all go to",
# "the top five are all Chinese", "all five top slots belong to"
_TAKEN = r"(?:held|taken|occupied|filled|claimed|swept)\s+by"
_ALL_OF_TOP = _i(
    rf"\b(?:(?:the|(?-i:[A-Z])[\w.-]*['’]s)\s+(?:(?-i:[A-Z])[\w.-]*\s+)?(?:first|top)\s+"
    rf"(?P<k>{_N})(?:\s+(?:places|spots|slots|positions|models))?"
    # "the top three spots on LMArena are all held by"
    r"(?:\s+(?:on|in|of)\s+(?:the\s+)?[\w'’.-]+(?:\s+[\w'’.-]+){0,2}?)?"
    r"\s+(?:(?:now\s+)?all\s+(?:go\s+to|goes\s+to|belong\s+to|are|come\s+from)|"
    r"(?:is|are|was|were)\s+(?:now\s+)?(?:entirely|exclusively|wholly|completely|"
    r"made\s+up\s+(?:entirely\s+|exclusively\s+|wholly\s+)?of)|"
    rf"(?:are|were)\s+(?:now\s+)?(?:all\s+)?{_TAKEN}|"
    r"(?:go\s+to|belong\s+to|are|come\s+from)\s+all)"
    rf"|all\s+(?P<k2>{_N})\s+top\s+(?:places|spots|slots|positions)(?:\s+[\w\s]{{0,30}}?)?\s+"
    rf"(?:go\s+to|goes\s+to|belong\s+to|are|come\s+from|are\s+{_TAKEN}))\s+(?:to\s+)?(?:either\s+)?"
)


# "Chinese models take the top four places", "sweep the top three spots": all k
def _k_end(m: re.Match[str]) -> int:
    """Where the top k's number ends: a kind named after it is what the top counts."""
    for name in ("k", "k2", "k3"):
        if m.groupdict().get(name):
            return m.end(name)
    return m.end()


_OPEN_KIND = _i(r"\s+(?:open|closed|proprietary)[- ](?:weights?[- ]|source[- ])?models?\b")
_FRONTED_AMONG = _i(r"\W*(?:among|amongst|of|within)\s+(?:the\s+|all\s+)?[^,;]{0,40}?,")
_TAKE_ALL_TOP = _i(
    r"\b(?:hold|holds|held|take|takes|took|occupy|occupies|occupied|claim|claims|claimed|"
    r"fill|fills|filled|sweep|sweeps|swept|lock\s+up|locks\s+up|locked\s+up)\s+"
    r"(?:all\s+(?:of\s+)?|each\s+of\s+|every\s+one\s+of\s+)?"
    rf"the\s+(?:top|first)\s+(?P<k>{_N})\s+(?:places|spots|slots|positions)\b"
)


_EITHER = regex(r"\b(?:either|or|and|nor)\s|&")
# a group joined to another right after it ("China and the US"); after a comma, "and"
# opens a clause of its own ("..., and Kimi K2 sits at the very top")
_JOINED_AFTER = regex(r"\s*(?:either\s|or\s|and\s|nor\s|&)")
_ONLY = frozenset(["only", "sole", "single"])
_THE_BEFORE = _i(r"\bthe\s+$")
_NOT_A = _i(r"\bnot\s+(?:a|one|even\s+one|even\s+a)?\s*$")
_UNTIL_AFTER = _i(rf"[^.;]{{0,30}}?\b(?:until|till|before|since|{_EXCEPTIONS})\b")
_NOT_AFTER = _i(r"\s*(?:not|n['’]t)\b")
# "... until fourth place, except Grok 3", "unless you count R1": a count left open
_EXCEPTED_AFTER = _i(rf"(?:[^.;]|\.\d){{0,80}}?\b(?:{_EXCEPTIONS})\b")


def _count(word: str, k: int) -> int | None:
    low = word.lower()
    if low == "half":
        return k // 2 if k % 2 == 0 else None
    return int(low) if low.isdigit() else _COUNT_WORDS.get(low)


def find_place_counts(s: Sentence) -> list[Hit]:
    found: list[Hit] = []
    cues = [(m, m.span("what")) for m in _COUNT_IN_TOP.finditer(s.text)]
    cues += [(m, (m.end(), min(len(s.text), m.end() + 60))) for m in _COUNT_OF_TOP.finditer(s.text)]
    cues += [(m, (m.end(), min(len(s.text), m.end() + 60))) for m in _ALL_OF_TOP.finditer(s.text)]
    cues += [(m, (m.end(), min(len(s.text), m.end() + 60))) for m in _EVERY_IN_TOP.finditer(s.text)]
    cues += [(m, m.span("who")) for m in _NONE_OUTSIDE.finditer(s.text)]
    fronted = _FRONTED_OF_TOP.match(s.text)
    if fronted:
        cues.append((fronted, (fronted.end(), min(len(s.text), fronted.end() + 60))))
    # "Chinese labs hold four of the top ten spots": the group stands before the verb
    held = [(m, (max(0, m.start() - 60), m.start())) for m in _HOLD_OF_TOP.finditer(s.text)]
    held += [(m, (max(0, m.start() - 60), m.start())) for m in _TAKE_ALL_TOP.finditer(s.text)]
    seen: set[int] = set()
    for m, (start, end) in cues + held:
        k_word = m.group("k") or m.groupdict().get("k2") or m.groupdict().get("k3")
        k = _count(k_word, 0) if k_word else None
        if m.groupdict().get("nth"):
            k = ordinal(m.group("nth")) - 1  # "until sixth place": the five before it
        if not k or m.start() in seen:
            continue
        seen.add(m.start())
        said = m.groupdict().get("n")
        n = _count(said, k) if said else k  # "the first four places all go to": all k
        if m.groupdict().get("every") or m.groupdict().get("all"):
            n = k  # "every one of the top five", "all of the top ten"
        if said and said.lower() in _ONLY and m.group("head").lower().endswith(("s", "ies")):
            if _THE_BEFORE.search(s.text, 0, m.start()):
                continue  # "the only open models in the top ten are A and B": as many as named
            n = k  # "only American models appear in the top ten": every one of them
        not_a = _NOT_A.search(s.text, 0, m.start("n")) if said else None
        # the count's own "no" or "not a single" is none, no denial; a denial before it
        # still is ("it is not true that no Chinese model ...")
        denied_at = not_a.start() if not_a else m.start()
        none_said = not_a is not None or (said or "").lower() == "no"
        if none_said:
            n = 0  # "not a single Chinese model makes the top ten": none does
            if _UNTIL_AFTER.match(s.text, m.end()):
                continue  # "no Chinese model made the top ten until R1", "... except Qwen"
        if OPEN_LIST.search(m.group()):
            continue  # "the top ten of LMArena's open leaderboard": places within a group
        if _NOT_AFTER.match(s.text, m.end()) or _EXCEPTED_AFTER.match(s.text, m.end()):
            # "seven are not American"; "... until fourth place, except Grok 3", "unless
            # you count R1": not the count said, or one the words leave open
            continue
        if n is None or n > k:
            continue
        window = s.text[start:end]
        groups = _groups_in(window, s) if end > start else []
        if groups and end == m.start():
            groups = groups[-1:]  # the group nearest before the verb is its subject
        if not groups or groups[0].others or groups[0].group == Group():
            continue  # ("OpenAI has only one model in the top five": no group read)
        if _EITHER.search(window, 0, groups[0].end) or _JOINED_AFTER.match(window, groups[0].end):
            continue  # "either Google or OpenAI", "US and Chinese": no one group holds them
        # ("every one of": a pronoun's phrase names no group)
        inside = [
            g for g in s.groups if m.start() <= g.start and g.end <= m.end() and g.group != Group()
        ]
        if (
            any(g.group != groups[0].group for g in inside)
            or (m is not fronted and _FRONTED_AMONG.match(s.text))
            or _OPEN_KIND.match(s.text, _k_end(m))
        ):
            continue  # "nine of the top ten open models are Chinese": places among a group
        clause = _CLAUSE_END.search(s.text, m.end())
        rest = (max(m.end(), start + groups[0].end), clause.start() if clause else len(s.text))
        if any(rest[0] <= g.start < rest[1] for g in s.groups) or _LATER_SCOPE.search(
            s.text, *rest
        ):
            continue  # "... the top four places among open models": places within a group
        found.append(
            GroupHit(
                group_a=groups[0].group,
                group_b=Group(),
                aggregate="count_in_top_k",
                k=k,
                count=n,
                start=m.start(),
                negated=_near_negation(s.text, denied_at),
            )
        )
    return found


Finder = Callable[[Sentence], list[Hit]]


def run_finders(s: Sentence, finders: Sequence[Finder]) -> list[Hit]:
    """Each finder in turn, each seeing what the earlier ones found (`s.hits`)."""
    for finder in finders:
        s.hits.extend(finder(s))
    return sorted(s.hits, key=lambda h: h.start)


# verbs first: a later finder skips a rank or score a verb pattern already read
FINDERS: tuple[Finder, ...] = (
    find_comparisons,
    find_pair_ties,
    find_fronted,
    find_with_behind,
    find_count_in_top,
    find_group_leads,
    find_favoured,
    find_maker_best,
    find_place_counts,
    find_ranks,
    find_trends,
)


# Same matches, found sooner: literal checks before the patterns (bot/extract/prefilter.py).
from bot.extract.prefilter import prefilter_patterns  # noqa: E402

prefilter_patterns(globals(), split={"_VERB"})
