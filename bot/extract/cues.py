"""Claim cues beyond the verb patterns: superlatives, numbered ranks and score slots.

    superlative  "state-of-the-art", "SOTA", "best-in-class", "industry-leading",
                 "our most capable model yet", "the strongest open-weight model",
                 "sets a new frontier / standard / high"          -> rank 1
    ordinal      "ranks 3rd overall", "in 11th place", "#4 spot", "in first"
                                                                  -> rank N
    score slot   every number written as a score ("83%", "8.30", "1262", "61.9
                 points") is attached to the model the sentence's structure ties
                 it to: the name right before it ("X scores 83%", "X at 1501",
                 "X (59)", "X's 39.6") or right after a "for"/"by"/"from"
                 ("72.5% for GPT-5.5")                            -> score_value

Each finder reads one `Sentence` (patterns.py) and returns typed hits (hits.py); it
leaves its subject to the same
rules as the verb patterns (subject position, pronouns, the previous sentence); a cue
with no model named before it in its sentence speaks of the article's topic model (the
model its title or first lines announce), as announcements do ("Introducing the best
open-source model for coding agents").
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from bot.extract.gaps import find_gap_trends
from bot.extract.hits import Comparator, Hit, PairHit, PairRelation, RankHit, ScoreHit
from bot.extract.lazy import lazy
from bot.extract.lexicon import BENCHMARKS, BOARDS, CATEGORIES
from bot.extract.names import Mention
from bot.extract.patterns import (
    _EXCLUDING,
    _KIND_THEN_MODEL,
    _KNOWN_BENCH,
    BOARDS_GROUP,
    BOARDS_PART,
    NAMES_JOINED,
    ORDINALS,
    SECOND_PLACE,
    Finder,
    Sentence,
    _coordinated,
    _denies,
    _group_from_mods,
    _near_negation,
    _rank,
    _subject,
    benchmark_id,
    joined_names,
    merged,
    object_starts,
    ordinal,
    ranked,
    run_finders,
    unknown_kind,
    verbs,
    whose,
)
from bot.extract.patterns import FINDERS as PATTERN_FINDERS
from bot.extract.placing import find_fronted_places, find_placed
from bot.extract.regexes import longest_first, regex
from bot.extract.scope import slug
from bot.extract.subjects import subjects
from store.claims import Group
from store.judge.rank import AMONG_LEADING_K

_SUPERLATIVE = regex(
    r"\b(?:state[- ]of[- ]the[- ]art|SOTA|best[- ]in[- ]class|industry[- ]leading|"
    r"world[- ]leading|class[- ]leading|market[- ]leading|"
    # "SpaceXAI's smartest model": a maker's possessive stands for "our"
    r"(?:our|the|world['’]s|industry['’]s|(?-i:(?:[A-Z]|[a-z]+[A-Z])[\w.&-]*['’]s))\s+"
    # "our latest and most advanced", "the current leading", "our newest, strongest"
    r"(?:(?:new|newest|latest|current|currently|very|overall|single|most\s+recent)"
    r"(?:\s+and|,)?\s+){0,2}"
    r"(?P<sup>best|strongest|smartest|most\s+(?:capable|powerful|intelligent|advanced|"
    r"accurate|agentic|efficient|cost[- ]efficient|performant)|top[- ](?:performing|ranked)|"
    r"highest[- ](?:scoring|ranked|performing)|best[- ]performing|leading|highest|greatest|"
    # "Gemini 2.5 Pro, the top model on LMArena," ("the top 10 models" counts places)
    r"top(?![- ]?(?:\d|ten\b|five\b|three\b|twenty\b|two\b|four\b|tier|notch|spot|place)))"
    # "the strongest OSS competitor shown": a model set among its rivals
    r"(?P<mods>(?:\s+[\w-]+){0,6}?)\s+(?:model|LLM|system|assistant|agent|family|release|"
    r"competitor|contender|entrant|"
    r"performance|accuracy|intelligence|results?|scores?|quality|price-performance)s?"
    r"(?P<tail>\s+(?:yet|to date|so far|ever|available|we['’]ve\s+\w+))?|"
    # "establishes a new cost-effective frontier", "represents a new frontier in ..."
    r"(?:sets?|setting|establish(?:es|ed|ing)?|reach(?:es|ed)?|represents?|marks?|defines?|"
    # "scores our new high of 80%", "posted a new record of 1,470"
    r"scor(?:es|ed|ing)|posts?|posted|hits?|achiev(?:es|ed)|records?|recorded|notch(?:es|ed))\s+"
    r"(?:a\s+|(?P<own>our)\s+)?(?:new|fresh)\s+(?:[\w-]+\s+){0,2}?(?:state[- ]of[- ]the[- ]art|"
    r"frontier|standard|record|high(?:[- ]water\s+mark)?|bar|benchmark)\b|"
    # "raises the bar on SWE-bench Verified", "advances the state of the art in OCR"
    r"rais(?:es|ed|ing)\s+the\s+bar\b|"
    r"(?:advanc|redefin)(?:es|ed|ing)\s+the\s+state[- ]of[- ]the[- ]art\b|"
    r"(?:reach|achiev|set)(?:es|ed|ing|s)?\s+(?:a\s+)?new\s+SOTA|"
    # "has leading performance across ...", "achieved leading performance among ..."
    r"(?:has|have|had|achiev(?:es|ed|ing)|deliver(?:s|ed|ing)?|demonstrat(?:es|ed|ing)|"
    r"shows?|showed|offers?|offered|posts?|posted)\s+(?:the\s+)?(?:leading|top|best|highest)\s+"
    r"(?:[\w-]+\s+){0,3}?(?:performance|results?|scores?|accuracy|quality|understanding|"
    r"reasoning|intelligence|knowledge|capabilit(?:y|ies))|"
    # "the lowest hallucination rate", "the fewest errors": first where less is better
    r"(?:has|have|had|achiev(?:es|ed|ing)|deliver(?:s|ed|ing)?|shows?|showed|posts?|posted|"
    r"records?|recorded)\s+(?:the\s+)?(?:lowest|fewest)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:errors?|error\s+rates?|hallucinat\w*|refusals?|failures?|mistakes?|WER)|"
    # "unparalleled world knowledge", "unmatched accuracy"
    r"(?:unparall?ell?ed|unmatched|unrivall?ed)\s+(?:[\w-]+\s+){0,2}?(?:performance|accuracy|"
    r"quality|intelligence|knowledge|reasoning|capabilit(?:y|ies)|efficiency|results)\b|"
    # "performs best among open models"
    r"(?:performs?|performed|performing|scor(?:es|ed|ing)|does|did)\s+(?:the\s+)?best\b)",
    re.IGNORECASE,
)
# Superlatives of things no leaderboard ranks: price, speed, a size class; and of what a
# lab builds with, not a model ("our state-of-the-art training framework").
_NOT_RANKED = regex(
    r"\b(?:latency|speed|fastest|throughput|tokens per second)|"
    r"^[^,.;]{0,40}?\b(?:framework|techniques?|methods?|infrastructure|kernels?|hardware|"
    r"compute|pipelines?|tooling|tools|research(?:ers)?|teams?|labs?|facilit\w+|datasets?|"
    r"data\s+cent\w+|chips?|GPUs?|clusters?)\b",
    re.IGNORECASE,
)
_OTHERS_SUPERLATIVE = regex(
    r"\b(?:previous|prior|other|existing|dedicated|competing|competitors['’]?|rival|than|"
    r"against|over|outperform\w*|beat\w*|surpass\w*|pass(?:ed|es|ing)|"
    # "trails the leading models": the superlative is the other side of a comparison
    r"trail\w*|lag\w*|behind|below|match\w*|rival\w*|approach\w*|"
    # "on par with the best closed models": the superlative is the yardstick
    r"par\s+with|level\s+with|comparable\s+(?:to|with)|close\s+to|as\s+good\s+as|"
    r"equal\s+to|parity\s+with)\s+(?:[\w-]+[,\s]+){0,2}$",
    re.IGNORECASE,
)
# "Grok 3, our most advanced model yet": the name the superlative is set beside
_APPOSITION = regex(
    r"^\s*(?:\([^)]{0,40}\)\s*)?[,:–—-]\s*"
    # "Flux 1.1 Pro, currently the leading image model", "Mistral Large, our
    # state-of-the-art text model": a time word or the maker's own word before it
    r"(?:(?:currently|now|still|today)\s+)?"
    r"(?:the\s+|our\s+|its\s+|their\s+|which\s+is\s+|an?\s+(?:new\s+)?|"
    # "Voxtral TTS, our first text-to-speech model with state-of-the-art performance"
    # ("Voxtral Transcribe 2, two next-generation speech-to-text models with ...")
    r"(?:our|a|an|the|two|three|four)\s+(?:[\w-]+\s+){0,6}?(?:with|for|of|delivering|offering)\s+)?$"
)
_NAME_FOLLOWS = regex(r"^\s*[,:–—]\s*(?:the\s+)?$")
_PLURAL = regex(
    r"(?:model|LLM|system|famil|release)(?:s|ies)\s*(?:yet|to date|so far|ever|available)?\s*$",
    re.IGNORECASE,
)
_POSSESSIVE_AFTER = regex(r"(?:the\s+)?[\w.-]+(?=['’]s\s)")
_POSSESSIVE_LEAD = regex(r"(?:[A-Z]|[a-z]+[A-Z])[\w.&-]*['’]s\s")
_GENERAL = regex(
    r"\b(?:with|through|of|to|from|by|for|than|over|against|like)\s+(?:all\s+)?(?:the\s+)?$",
    re.IGNORECASE,
)
# "At the top overall sits Gemini-2.5-pro-preview": the rank comes before its model.
_INVERTED_TOP = regex(
    r"\b(?:at|on)\s+the\s+top(?:\s+of\s+[^,.;]{1,40})?(?:\s+overall)?,?\s+"
    r"(?:now\s+)?(?:sits?|sat|is|was|stands?|stood|remains?|remained|comes?|came)\s+$|"
    r"\b(?:first\s+place|the\s+top\s+spot|#1|No\.\s?1)"
    # "First place on LMArena now belongs to ..."
    r"(?:\s+(?:on|in)\s+(?:the\s+)?[\w.'’-]+(?:\s+[\w.'’-]+)?)?\s+(?:now\s+)?(?:goes|went|belongs|belonged)"
    r"\s+to\s+$",
    re.IGNORECASE,
)
_ORDINAL = regex(
    r"\b(?:rank(?:s|ed|ing)?|plac(?:es|ed|ing)|finish(?:es|ed|ing)?|came|comes|is|was|"
    r"sits?|sat|lands?|landed|debut(?:s|ed)?|at|in|into|to|took|takes|"
    r"sitting|landing|debuting|taking|"
    # "holds third place", "claimed second", "secures fourth spot"
    r"holds?|held|holding|claims?|claimed|claiming|secures?|secured|securing|grabs?|grabbed|"
    r"earns?|earned|earning|"
    # "retained second place", "kept its third place", "regained second"
    r"retains?|retained|keeps?|kept|regains?|regained|reclaims?|reclaimed|"
    r"occup(?:ies|ied|y)|captures?|captured|"
    # "came out first", "is tied for first", "scored 61.50 for fourth overall"
    r"c(?:a|o)me?s?\s+out|tie[sd]?\s+for|for)\s+(?:at\s+|in\s+|on\s*to\s+)?"
    r"(?:the\s+|its\s+|their\s+)?(?:(?:#\s?|No\.\s?|number\s+)(?P<hash>\d{1,3})|(?P<num>\d{1,3})(?:st|nd|rd|th)|"
    r"(?P<word>first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth))\b"
    r"(?P<after>\s+(?:place|spot|position|overall|on|in|among|with|at|behind)\b)?",
    re.IGNORECASE,
)

# A number written as a score; its unit says what kind.
_SCORE = regex(
    r"(?<![\w.$€£/,<>-])(?P<value>\d{1,3}(?:,\d{3})+(?![\d,])|\d{1,4}(?:\.\d+)?)(?![\d])"
    r"(?P<pct>\s?%|\s?percent\b|\s?per cent\b)?"
    r"(?P<unit>\s+(?:elo|arena points|points|pts)\b)?"
    r"(?![\w.]*\s*(?:x\b|×|B\b|M\b|K\b|k\b|b\b|billion|million|tokens?|languages|seconds|"
    r"ms\b|hours|days|months|years|times|GB|TB|params|parameters|\$|USD|pages|minutes|units|"
    r"votes|battles|games|matches|tasks|problems|questions|runs|attempts|samples|prompts|"
    r"comments|upvotes|likes|stars|views|downloads|users|citations))"
    r"(?![\d.,]*[A-Za-z])"
    # "50% of weekly usage", "20% fewer tokens", "a 50% discount": a share, not a score
    r"(?!\s*(?:of\b|fewer|less\b|more\b|faster|cheaper|higher|lower|relative|"
    r"improvement|reduction|increase|decrease|the\s+cost|smaller|larger|longer|"
    r"shorter|margin|lead\b|gain|drop|off\b|better|worse|up\b|down\b|of\s+the|"
    r"(?:[\w-]+\s+)?(?:discount|dimensions?|context|layers|experts|GPUs?|chips|images|videos|"
    r"users|downloads|customers|languages)\b))",
)
_YEAR = regex(r"^(?:19|20)\d\d$")
# Words between a name and its number: "X scores 83%", "X at 1501", "X (59)", "X's 39.6",
# "X sets a new state of the art of 55.6%". A gap that compares ("than", "ahead of") or
# turns to another clause ("while", "but") gives the number to no one.
_SCORE_VERB = lazy(
    r"\b(?:scor(?:es|ed|ing|e)|achiev(?:es|ed|ing)|reach(?:es|ed|ing)|gets?|got|posts?|posted|"
    r"hits?|lands?|landed|landing|sits?|sat|records?|recorded|obtains?|obtained|delivers?|"
    r"earns?|earned|registers?|clocks?|clocked|tops|topped|leads|led|comes? in|came in|"
    r"stands?|rated|climb(?:s|ed)?|jump(?:s|ed)?|ris(?:es|ing)|rose|improv(?:es|ed|ing)|"
    r"averag(?:es|ed|ing)|solv(?:es|ed|ing)|sets?|wins?|won|with|at|of|on|is|was|to|"
    r"manag(?:es|ed)|logs?|logged|notch(?:es|ed)|tall(?:ies|ied)|puts?\s+up|has|had|"
    r"holds?|held|carr(?:ies|ied)|resolv(?:es|ed)|pass(?:es|ed)|gone\s+beyond|"
    # "broke 1,400", "crossed the 1,400 mark", "fell short of 1,400" (_COMPARATOR says how)
    r"br(?:eaks?|oke)|cross(?:es|ed)|surpass(?:es|ed)|exceed(?:s|ed)|short\s+of|shy\s+of|"
    r"missed|touch(?:es|ed)|crack(?:s|ed)|"
    r"elo|rating|accuracy|score|mmlu)\b|[(:=]",
    re.IGNORECASE,
)
_OTHER_SCORE = regex(r"\d(?:\.\d+)?\s*%")
# "leads USAMO'25 with 61.9%, and is the first to score 50.7%": a new verb of scoring
_SCORED_AGAIN = regex(
    r"\b(?:scor\w*|achiev\w*|reach\w*|gets?|got|posts?|hits?|attains?|records?|obtains?)\b",
    re.IGNORECASE,
)
# a clause with its own subject between a name and a number: the number is that subject's
_OWN_SUBJECT = regex(r"\b(?:it|its|they|their|this model|the model)\b", re.IGNORECASE)
_GAP_BREAK = regex(
    r"[;!?]|\b(?:than|ahead|behind|above|below|against|vs|versus|compared|while|whereas|but|"
    r"which|who|beating|outperform\w*|surpass\w*|over)\b",
    re.IGNORECASE,
)
_SCORING_LEAD = regex(
    r"\b(?:achiev(?:es|ed|ing)|scor(?:es|ed|ing)|reach(?:es|ed|ing)|posts?|posting|earn(?:s|ed|ing)|"
    r"ranks?\s+(?:#|No\.\s?)\d+|hits?|hitting)\s+(?:an?\s+|the\s+)?(?:[\w-]+\s+){0,3}?"
    r"(?:(?:score|rating|elo)\s+of\s+|at\s+)?(?:about\s+|around\s+|over\s+)?$|"
    # "..., released March 20, with a score of 1464": the clause's subject scored it
    # ("Llama 3.1 405B, with an MMLU of 88.6, rivals ...": a test's name for "score")
    r"\bwith\s+(?:an?\s+|the\s+)?(?:[\w-]+\s+){0,2}?(?:score|rating|elo|mark|accuracy|"
    r"(?-i:[A-Z][\w.-]*[A-Z0-9][\w.-]*))\s+of\s+"
    r"(?:about\s+|around\s+|over\s+)?$",
    re.IGNORECASE,
)
# "MMLU 86.4", "MT-Bench 8.99": a benchmark's name, then its number
_BENCH_BEFORE = regex(
    r"(?:" + "|".join(re.escape(k) for k in longest_first(BENCHMARKS)) + r")"
    # "on the public OlmOCRBench (85.20)": the number in brackets after its benchmark
    r"(?:\s?|\s?\(|\s+(?:score\s+)?of\s+)$",
    re.IGNORECASE,
)
_AFTER_PREPOSITION = regex(
    r"\b(?:of|than|from|over|upon|against|beyond|like|unlike|to|versus|vs\.?)\s+(?:the\s+|its\s+)?$",
    re.IGNORECASE,
)
# "just behind Gemini 2.5 Pro, with a score of 1417": past a comma, the subject's number
_PLACE_PREPOSITION = regex(
    r"\b(?:behind|below|above|ahead\s+of|in\s+front\s+of)\s+(?:the\s+|its\s+)?$", re.I
)
# "91.2% for OpenAI's GPT-4.5": the maker's possessive may stand before the name
_AFTER_GAP = regex(r"^\s*(?:for|from)\s+(?:the\s+)?(?:[A-Z][\w.&-]*(?:\s[A-Z][\w.&-]*)?['’]s\s+)?$")
# "Opus 4.8", "Apache 2.0": a small number right after a capitalised word is a version
_NAME_NUMBER = regex(r"(?:\b[A-Z][A-Za-z]*|[-‑v])\s?$")
_MARGIN = regex(
    r"\bby\s+(?:over\s+|more than\s+|nearly\s+|about\s+|around\s+|roughly\s+|almost\s+|like\s+|"
    r"some\s+|just\s+|only\s+|a further\s+|an additional\s+)?$|"
    # "improves 12 points over Claude 3 Opus", "rose 8 points" ("rose to 1300" is a score)
    r"\b(?:up|down|gain|gains|gained|improvement|improves|improved|lead|margin|drop|increase|"
    r"decrease|jump|jumps|jumped|rises|rose|climbs|climbed|adds|added)\s+"
    r"(?:of\s+)?(?:over\s+|more than\s+|nearly\s+|about\s+)?$",
    re.IGNORECASE,
)
# "at 80, 2.8 points above Fable 5": a number followed by the side it is measured from
# is the distance between two models, not a score
_MARGIN_AFTER = regex(
    r"(?:\s*(?:percentage\s+)?(?:points?|pts|pp|%))?\s+(?:above|ahead\s+of|behind|below|"
    r"clear\s+of|short\s+of|higher\s+than|lower\s+than|more\s+than|less\s+than)\b|"
    r"\s*(?:percentage\s+)?(?:points?|pts|pp|%)\s+over\b|"
    # "(here, it scores 7.7 percentage points higher)": a margin over what was named
    r"\s*(?:percentage\s+)?(?:points?|pts|pp|%)\s+(?:higher|lower|better|worse|up|down)\b",
    re.IGNORECASE,
)
# What follows a benchmark's version rather than a score: the next benchmark of a list,
# or words about the benchmark itself
_BENCH_VERSION = regex(
    r",?\s+(?:and|or)\s+[A-Z]|,\s+(?:benchmarks?|which|where|both|two)\b|"
    r"\s+(?:benchmarks?|leaderboards?|suites?|tasks?|results?)\b|"
    # "OSWorld 2.0 at 62.6%": the benchmark's version, its score after it
    r"\s+(?:at|with|of)\s+\d|\s*:\s*\d|\s*\(\d",
)
_RANGE_TO = regex(r"\s*%?\s*(?:to|vs\.?|versus|[-–])\s*\d", re.IGNORECASE)
_RANGE_FROM = regex(
    r"\d\s*%?\s*(?:to|vs\.?|versus|[-–])\s*$|\bbetween\s+(?:[\d.,]+\s*%?\s+and\s+)?$",
    re.IGNORECASE,
)
# "GPT-5 comes in behind Grok 4: 65.7% against 66.7%": after a comparison the two
# numbers are its two sides, in order (find_paired_scores reads them)
_ON_TEST = regex(
    r"\s+on\s+(?:the\s+|our\s+|its\s+)?(?:[A-Z][\w.'’-]*\s+){0,3}?"
    r"(?:[\w-]*(?:Bench|bench|Eval|QA)|Index|Leaderboard|Exam|MMLU|GPQA|AIME|MATH)\b"
)
_BRACKETED = regex(r"\)")
# "a score of 80", "sets a new state of the art at 80": words that say a bare number
# is a score, not a count
_SCORE_NAMED_BEFORE = regex(
    r"\b(?:score|rating|elo|state[- ]of[- ]the[- ]art)\s+(?:of|at)\s+"
    r"(?:about\s+|around\s+|roughly\s+|approximately\s+|nearly\s+|over\s+|just\s+)?$",
    re.IGNORECASE,
)
_NAME_BRACKET = regex(r"[\w.-]\s\($")
_MOVED_TO = regex(r"\bfrom\s+\d[\d.,]*\s*%?\s+to\s+$", re.IGNORECASE)
_CHANGE = regex(
    r"\b(?:lift|rais|ris|rose|improv|jump|climb|gr[eo]w|increas|boost|push|mov|fell|fall|"
    r"drop|declin|slipp|slid|went|go(?:es)?\s+up|up\s+from)\w*\b(?=(?:[^.;]|\.(?=\d)){0,100}$)",
    re.IGNORECASE,
)
# "88.7 versus 86.8 for Claude 3 Opus": two models' numbers, not a range, when a name
# is given the second (the first is then the subject's)
_FOR_OWNER = r"\s*%?\s*for\s+(?:the\s+)?(?-i:[A-Z\d])"
_OWNED_FIRST = regex(r"\s*%?\s*(?:vs\.?|versus)\s*\d[\d.,]*" + _FOR_OWNER, re.IGNORECASE)
_OWNED_SECOND = regex(_FOR_OWNER, re.IGNORECASE)
_VERSUS_BEFORE = regex(r"\d\s*%?\s*(?:vs\.?|versus)\s*$", re.IGNORECASE)


def _owned_versus(text: str, lead: str, end: int) -> bool:
    """A number of "88.7 versus 86.8 for Claude 3 Opus": each has its owner."""
    if _OWNED_FIRST.match(text, end):
        return True
    return bool(_VERSUS_BEFORE.search(lead)) and _OWNED_SECOND.match(text, end) is not None


_AGAINST_TO = regex(r"\s*%?\s*against\s*\d", re.IGNORECASE)
_AGAINST_FROM = regex(r"\d\s*%?\s*against\s*$", re.IGNORECASE)
_COMPARATOR = regex(
    # "nearly hit 1,500", "fell just short of 1,400", "narrowly missed 90%": below it
    r"(?P<lt>(?:nearly|almost|just|narrowly)\s+(?:hit|hits|reach(?:ed|es)?|touch(?:ed|es)?|"
    r"broke|breaks|crack(?:ed|s)?|topped|tops|cross(?:ed|es)|pass(?:ed|es)|got\s+to)|"
    r"(?:fell|falls?|falling|came|comes|coming)\s+(?:just\s+|narrowly\s+)?short\s+of|"
    r"(?:just\s+)?shy\s+of|(?:just\s+|narrowly\s+)?missed)\s*(?:the\s+)?$|"
    r"(?P<gt>over|more than|above|at least|exceeding|north of|>|beyond|"
    # "the first model to break 1400", "passed 1,500 Elo", "crossed the 1400 mark"
    r"break|breaks|broke|breaking|cross(?:es|ed|ing)?|pass(?:es|ed|ing)?|surpass(?:es|ed|ing)?|"
    r"exceed(?:s|ed)?|top(?:s|ped)?)\s*(?:the\s+)?$|"
    r"(?P<lt2>under|below|less than|<)\s*$|"
    r"(?P<approx>about|around|roughly|approximately|nearly|almost|~|some|close to)\s*$",
    re.IGNORECASE,
)
_SCORE_CONTEXT = regex(
    r"\b(?:score[sd]?|scoring|averag\w*|rated|elo|rating|points|arena|lmarena|lmsys|leaderboard|benchmark|accuracy|"
    r"pass@\d+|index|bench|eval|evaluation|%)|\bon\s+[A-Z]",
    re.IGNORECASE,
)
_NAMES_A_BOARD = regex(
    r"(?:" + "|".join(re.escape(k) for k in longest_first(BOARDS)) + r")(?![\w-])",
    re.IGNORECASE,
)
_ELO_WORDS = regex(r"\b(?:elo|arena|lmarena|lmsys)\b", re.IGNORECASE)
_BENCH_AFTER = regex(
    r"\s*(?:on|in|at)\s+(?:the\s+)?(?P<bench>[A-Zτ][\w.²'’-]*(?:[ -][A-Z0-9][\w.²-]*){0,2})"
)


def scores_context(text: str) -> bool:
    """Whether an article is about scores at all (a leaderboard, Elo, a benchmark): then
    a bare "Claude-2 on 1125" in a list is a score."""
    return bool(_ARTICLE_SCORES.search(text))


_ARTICLE_SCORES = regex(
    # "Intelligence Index", "Coding Index": an index of scores is a leaderboard too
    r"\b(?:elo|arena|leaderboard|benchmark)|(?-i:\b[A-Z]\w*\s+Index\b)",
    re.IGNORECASE,
)


def _topic_subject(s: Sentence, pos: int) -> str | None:
    """The article's topic model, for a cue with no model named before it. After a
    sentence that named another model, only when the previous sentence spoke of the
    topic itself ("Codestral Embed. The new state-of-the-art embedding model for code.")."""
    if s.topic is None or any(m.start < pos for m in s.models):
        return None
    if s.prev_named and s.prev_subject != s.topic:
        return None
    return s.topic


_ONE_OF = regex(r"\b(?:one|two|three|some|any)\s+of\s+(?:the\s+)?$", re.IGNORECASE)


def _starts(text: str, m: re.Match[str]) -> int:
    """Where the determiner before a superlative starts ("the", "our", "Mistral's")."""
    det = _DETERMINER_BEFORE.search(text, max(0, m.start() - 30), m.start())
    return det.start() if det else m.start()


_DETERMINER_BEFORE = regex(
    r"(?:\b(?:the|our|its|their)|(?-i:(?:[A-Z]|[a-z]+[A-Z])[\w.&-]*)['’]s)\s+"
    r"(?:(?:current|new|latest)\s+)?$",
    re.IGNORECASE,
)


def find_superlatives(s: Sentence) -> list[Hit]:
    found: list[Hit] = []
    for m in _SUPERLATIVE.finditer(s.text):
        if _NOT_RANKED.search(s.text[m.start() : m.end() + 40]):
            continue
        before = [x for x in s.models if x.end <= m.start()]
        # "beats Whisper large-v3, the current leading open-source model": the place of the
        # name the apposition follows, whatever the verb before it
        set_beside = bool(before) and _APPOSITION.match(s.text[before[-1].end : m.start()])
        if not set_beside and _OTHERS_SUPERLATIVE.search(
            s.text[max(0, m.start() - 40) : m.start()]
        ):
            continue  # "previous state-of-the-art models", "other SOTA models": not the subject's
        if any(isinstance(h, RankHit) and abs(h.start - m.start()) < 40 for h in [*s.hits, *found]):
            continue  # a verb pattern already read this rank
        if any(
            v.end() <= m.start() and not s.text[v.end() : m.start()].strip() for v in verbs(s.text)
        ):
            continue  # "leads the best open model": what it is compared with, not its place
        # "Mistral AI's best models", "the leading models: A, B": a maker's range or a
        # list, not one model's place
        plural = _PLURAL.search(m.group(0)) is not None
        if plural and _POSSESSIVE_LEAD.match(m.group(0)):
            continue
        named = next((x for x in s.models if x.start >= m.end()), None)
        if named is not None and _BEFORE_NAME.match(s.text, _starts(s.text, m), named.start):
            continue  # "the state-of-the-art Devstral 2": the name's (find_named_superlatives)
        if named is not None and not plural and _NAME_FOLLOWS.match(s.text[m.end() : named.start]):
            # "with our best video model, grok-imagine-video-1.5": the name it introduces
            subject: str | None = named.text
        elif before and _APPOSITION.match(s.text[before[-1].end : m.start()]):
            subject = before[-1].text
        else:
            subject = _subject(s, m.start())
            if subject is None and not (plural and _GENERAL.search(s.text, 0, m.start())):
                # "combined with the most advanced AI models": models in general, not the
                # topic ("These are our best models yet" is the topic's)
                subject = _topic_subject(s, m.start())
        if subject is None:
            continue
        mods = (m.group("mods") or "") + " " + (m.group("sup") or "")
        own_kind = None
        if _NAMES_A_BOARD.search(s.text) and unknown_kind(m.group("mods") or "", s.gaz):
            # "the top reasoning model on LMArena": a kind the board does not rank by
            own_kind = slug(m.group("mods"))
        if _EXCLUDING.search(s.text, m.end(), m.end() + 60):
            continue  # "the best open model outside China": a set no group describes
        within = _group_from_mods(mods, s.gaz)
        said_after = whose(s.text, m.end(), s.gaz)
        if said_after is False:
            continue  # "the best model from a startup": a set no group's facts describe
        if said_after is not None:
            within = merged(within, said_after)
        own = m.group(0).lower().startswith("our ") or m.group("own") is not None
        if (poss := _POSSESSIVE_WORD.match(m.group(0))) is not None:
            # "Meta's best model", "China's best model": first among that maker's or
            # country's models; a possessive no list knows is the maker's own range
            within, own = _owned(poss.group(1), within, s)
        # "A and B are our strongest models": the two hold the top two places
        names = _coordinated(s, subject, m.start()) if plural else [subject]
        # "X is one of the best models": near the top, at no one place (read as the top
        # ten, as "among the leading models" is)
        one_of = plural and _ONE_OF.search(s.text, max(0, m.start() - 20), m.start())
        rank = AMONG_LEADING_K if one_of else len(names)
        for name in names:
            found.append(
                RankHit(
                    model=name,
                    rank=rank,
                    op="top_k" if one_of or len(names) > 1 else "eq",
                    within=within,
                    start=m.start(),
                    negated=_near_negation(s.text, m.start()),
                    # "our most capable model": first among the maker's own models
                    metric="own_models" if own else own_kind,
                    category="coding" if "coding" in mods.lower() else None,
                    needs_scope=True,
                )
            )
    return found


# "powered by the state-of-the-art Devstral 2 model family", "the top-ranked Gemini 2.5
# Pro", "Mistral's best-in-class Codestral": a superlative written as the name's own
# modifier. A place said beside the maker's word ("our", "Mistral's") is still the
# board's when the word is absolute (state of the art); "the top-ranked" needs "the".
_BEFORE_NAME = regex(
    r"(?:\b(?:the|our|its|their)|(?-i:(?:[A-Z]|[a-z]+[A-Z])[\w.&-]*)['’]s)\s+"
    r"(?:(?:current|new|latest)\s+)?(?:(?P<abs>state[- ]of[- ]the[- ]art|SOTA|best[- ]in[- ]class|"
    r"industry[- ]leading|world[- ]leading|class[- ]leading|market[- ]leading)|"
    r"(?P<rel>top[- ]ranked|top[- ]performing|highest[- ]ranked|highest[- ]scoring|"
    r"(?:#|No\.\s?|number[- ])(?:1|one)[- ]ranked|"
    r"best[- ]performing|best[- ]placed))\s+"
    r"(?P<mods>(?:(?:new|open|open[- ]source|open[- ]weights?|closed|proprietary|flagship)\s+)?)$",
    re.IGNORECASE,
)
# where the name so described ends: the noun it stands for, or the phrase's end ("the
# state-of-the-art GPT-4o results" describes results, not the model)
_NAME_PHRASE_END = regex(
    r"(?:\s+(?:model|LLM|family|series|line|lineup|release)s?\b)?(?:\s+(?:model\s+)?family\b)?"
    r"(?:\s*(?:[,.;:)!—–]|$)|\s+(?:and|is|are|was|were|has|have|to|which|that|in|on|for|with|"
    r"as|at|from|by|now|also|still|delivers?|offers?|brings?|powers?)\b)",
    re.IGNORECASE,
)


def find_named_superlatives(s: Sentence) -> list[Hit]:
    """A superlative set right before a model's name holds it first ("the
    state-of-the-art Devstral 2 model family"), unless it is what another model is
    compared with ("beats the state-of-the-art GPT-4o")."""
    found: list[Hit] = []
    for model in s.models:
        m = _BEFORE_NAME.search(s.text, max(0, model.start - 60), model.start)
        if m is None or m.end() != model.start or not _NAME_PHRASE_END.match(s.text, model.end):
            continue
        if m.group("rel") and not m.group(0).lower().startswith("the"):
            continue  # "Google's top-ranked Gemini": the maker's range, said loosely
        if _OTHERS_SUPERLATIVE.search(s.text[max(0, m.start() - 40) : m.start()]):
            continue  # "outperforms the state-of-the-art GPT-4o": the yardstick
        if _NOT_RANKED.search(s.text, model.end, model.end + 40):
            continue
        if ranked([*s.hits, *found], model.text, 1) or _near_negation(s.text, m.start()):
            # "It was not the state-of-the-art GPT-4o that won": the denial is of the
            # clause, not of the name's description
            continue
        found.append(
            RankHit(
                model=model.text,
                rank=1,
                within=_group_from_mods(m.group("mods"), s.gaz),
                start=model.start,
                needs_scope=True,
            )
        )
    return found


_TASK_AFTER = regex(
    r"\s*(?:on|in|at|for|across)\s+(?:the\s+)?(?P<task>[a-z][\w-]*(?:\s+(?!on\b|in\b)"
    r"[a-zA-Z][\w-]*){0,3})"
)
_COUNTED = regex(
    r"(?:\d+|two|three|four|five|six|seven|eight|nine|ten|several|many|most|all)\s+"
    r"(?:of\s+)?(?:the\s+)?(?:\w+\s+)?(?:categories|tasks|benchmarks|tests|areas|domains)\b"
)
_BOARD_OR_CATEGORY = regex(
    r"(?:"
    + "|".join(re.escape(k) for k in longest_first([*CATEGORIES, *BOARDS]))
    + r")\b|(?:leader)?boards?\b|arenas?\b|rankings?\b|charts?\b|overall\b|style\b|"
    r"(?:most|all|every|several|many)\b|(?:its|their|our)\b|benchmarks?\b|evals?\b|tests?\b|"
    # "on high, xhigh, and max effort": settings, not a task
    r"categor(?:y|ies)\b|[^,]*,|[\w\s-]*\beffort\b",
)
_POSSESSIVE_WORD = regex(r"([\w.&-]+)['’]s\s")


def _owned(word: str, within: Group | None, s: Sentence) -> tuple[Group | None, bool]:
    """The group a possessive before a superlative names, and whether it is a maker's
    own range that no registry fact describes."""
    if word.lower() in ("world", "industry") or word.lower() in BOARDS:
        return within, False  # ("LMArena's top model": the board's first, not a maker's)
    org = s.gaz.organisation(word)
    country = None if org else s.gaz.country(word)
    if org is None and country is None:
        return within, True
    return (
        Group(
            country=country or (within.country if within else None),
            organisation=org,
            open_weights=within.open_weights if within else None,
        ),
        False,
    )


# "in front", "sharing first place", "than any other model", "It leads under style
# control": first place said without a board's words
_FIRST_PLACE = regex(
    r"\b(?:(?:is|are|was|were|stays?|remains?)\s+(?:now\s+|still\s+|clearly\s+)?in\s+front\b"
    r"(?!\s+of)|shar(?:e|es|ed|ing)\s+(?:the\s+)?(?:first\s+place|top\s+spot|rank\s+1|No\.\s?1)|"
    r"than\s+(?:any|every|all)\s+(?:other|previous|prior|existing)\s+(?:[\w-]+\s+){0,2}?models?\b|"
    # "remains the model to beat on LMArena"
    r"\b(?:is|are|was|remains?|remained|stays?|stayed|becomes?|became)\s+"
    r"(?:now\s+|still\s+|clearly\s+|not\s+|no\s+longer\s+)?the\s+(?:model|one|LLM|system)\s+"
    r"to\s+beat\b|"
    # "took the crown on LMArena", "reclaims the throne"
    r"\b(?:tak(?:es|en|ing)|took|claim(?:s|ed|ing)?|seiz(?:es|ed|ing)|grab(?:s|bed|bing)?|"
    r"snatch(?:es|ed|ing)?|captur(?:es|ed|ing)|retain(?:s|ed|ing)?|regain(?:s|ed|ing)?|"
    r"reclaim(?:s|ed|ing)?)\s+the\s+(?:crown|throne)\b|"
    # "currently sets the pace for software-engineering work"
    r"\b(?:sets?|setting)\s+the\s+pace\b(?!\s+(?:of|at)\b)|"
    # "consistently comes out on top on hard logical reasoning"
    # ("came out on top against GPT-4o" beats one model: patterns.py)
    r"\b(?:comes?|came|coming)\s+out\s+(?:on\s+top|ahead)\b(?!\s+(?:of|against|over)\b)|"
    # ("followed DeepSeek's lead with permissive licences": a lead someone else has)
    r"(?<!['’]s )\b(?:leads?|led)\s+(?=(?:under|in|on|across|for|with)\b)|"
    r"\b(?:sits?|sat|is|was|remains?|stays?)\s+(?:now\s+|still\s+)?at\s+the\s+(?:very\s+)?top\b"
    r"(?!\s+(?:of|\d|ten|five|three)))",
    re.IGNORECASE,
)
# "leads USAMO'25 with 61.9%", "leads our internal evaluation", "leads the industry in
# cost-efficiency", "leads throughout": to lead a test, a field or the whole is first place
# (a model after the verb is a comparison's object, patterns.py)
_LEADS = regex(r"\b(?:leads|led|tops|topped|heads|headed|dominat(?:es|ed))\s+", re.IGNORECASE)
_LED_WHAT = lazy(
    r"(?:throughout|overall|across\s+the\s+board|performance\b|the\s+(?:industry|field|pack)\b|"
    r"(?:our|the|all|every|several|many|most|both)\s+(?:[\w.'’-]+\s+){0,4}?"
    r"(?:evaluations?|evals?|benchmarks?|tests?|categories|metrics|suites?|leaderboards?|"
    r"rankings?|charts?)\b|"
    # "led code generation by a wide margin"
    r"(?:[\w-]+\s+){1,4}?by\s+(?:a|an)\s+(?:[\w-]+\s+)?margin\b)",
    re.IGNORECASE,
)
# a test's name written in capitals ("USAMO'25", "GPQA"): no model is named so
_ACRONYM = regex(r"(?-i:[A-Z]{2,}[\w'’.-]*)(?![\w-])")
# a test named as tests are: "Vending-Bench", "BixBench", "FLTEval", "WebDev Arena"
_TEST_NAME = regex(
    r"(?:the\s+)?[A-Z][\w.'’-]*?[- ]?(?:Bench|bench|Eval|eval|Arena|QA|Leaderboard)\b"
)
_NONE_BEATS = regex(
    r"(?:^|[,;:]\s*|\b(?:and|but)\s+)(?:no(?:\s+other)?\s+(?P<kind>[\w-]+\s+)?(?:model|system|LLM|rival|"
    r"competitor)|nobody|no\s+one|none\s+of\s+(?:the\s+|its\s+)?(?:others|rivals|competitors))\s+"
    r"(?:yet\s+|currently\s+|even\s+|now\s+)?(?:beats|outperforms|surpasses|tops|outranks|"
    r"outscores|comes\s+close\s+to|matches|rivals)\s+$",
    re.IGNORECASE,
)
_PLACED_IT = regex(
    r"\b(?:ranked|ranks|rank|puts?|placed|places|lists?|listed|rated|rates)\s+(?P<it>it|the\s+model)\s+"
    r"(?:at\s+|in\s+)?(?:the\s+)?(?:(?P<word>first|second|third|fourth|fifth|sixth|seventh|"
    r"eighth|ninth|tenth)|(?P<num>\d{1,3})(?:st|nd|rd|th))\b",
    re.IGNORECASE,
)
# "secured the runner-up spot", "finished as runner-up": second place
_RUNNER_UP = regex(
    r"\b(?:secur|claim|tak|took|grab|earn|hold|held|finish|came|come|end|land)\w*\s+"
    r"(?:as\s+(?:the\s+)?|the\s+)runner[- ]up(?:\s+(?:spot|position|place|slot))?\b",
    re.IGNORECASE,
)
_WON = regex(r"\b(?:won|wins|win)\s+(?:outright|overall|the\s+(?:crown|title))\b", re.I)
_IN_THE_LEAD = regex(
    r"\b(?:is|was|are|were|remains?|remained|stays?|stayed|took|takes|held|holds)\s+"
    r"(?:firmly\s+|clearly\s+|still\s+|now\s+)?(?:in\s+)?the\s+lead\b(?!\s+(?:of|over))",
    re.IGNORECASE,
)


# "Koala-13B fifth with 1022", "GPT-3.5-turbo, third on 1155", "Claude is runner-up":
# a rank written right after its model ("is a close second", "finished a distant third",
# "with Grok 4 a close second to GPT-5": how near the place above is, still that place)
_AFTER_MODEL_RANK = regex(
    r"\s*,?\s*(?:(?:is|was|sits|sat|came|comes|finished|finishes|placed|places|ranks?|"
    r"ranked|stands?|stood|lands?|landed|ends?|ended|remains?|remained)\s+)?"
    r"(?:now\s+|still\s+)?(?:in\s+|at\s+)?(?:the\s+)?"
    r"(?P<near>an?\s+(?:very\s+)?(?:close|distant|strong|solid|respectable|comfortable|narrow|"
    r"surprising|surprise|clear|creditable|credible|remote|disappointing|lowly|healthy)\s+)?"
    r"(?:(?P<word>first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth)|"
    r"(?P<num>\d{1,3})(?:st|nd|rd|th)|(?:#|No\.\s?)(?P<hash>\d{1,3})|(?P<runner>runner-up))"
    r"(?:\s+(?:place|spot|position))?(?=\s*(?:with|at|on|in|for|overall|and|behind|,|\.|;|\(|$)"
    # ("a close second to GPT-5"; "second to none" is first, "first to ship" a time)
    r"|(?(near)\s+to\s+(?!none\b)(?-i:[A-Z])|(?!)))",
    re.IGNORECASE,
)
# "puts DeepSeek R1 first", "shows GPT-4 in the No. 1 position", "called Qwen2-72B the
# king": a verb that places a model, then its rank
_PLACING_VERB = regex(
    r"\b(?:puts?|putting|shows?|showing|lists?|listed|listing|places?|placed|placing|ranked|"
    r"ranks|sees?|saw|named|names|"
    r"call(?:s|ed)?|billed|bills|crown(?:s|ed)?|rates?|rated|declared?|finds?|found)\s+"
    r"(?:[\w'’-]+['’]s\s+)?$",
    re.IGNORECASE,
)
_PLACED_RANK = regex(
    # "lists GPT-5 (high) first", "ranked Grok 4 13th": an aside may stand before the place
    r"\s*(?:\([^)]{0,40}\)\s*)?(?:as\s+|at\s+|in\s+|to\s+be\s+)?(?:the\s+)?(?:"
    r"(?P<word>first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth)|"
    r"(?:#|No\.\s?)(?P<hash>\d{1,3})|(?P<num>\d{1,3})(?:st|nd|rd|th)|"
    r"(?P<one>king|number one|top(?!\s+(?:\d|ten|five|three))|best|strongest|smartest|leader|"
    r"most capable))\b",
    re.IGNORECASE,
)
# "followed by Claude-v1 at 1224 and ...", "Next comes GPT-4": the next places in order
_FOLLOWED = regex(
    r"\b(?:followed(?:\s+closely)?\s+by|trailed\s+by|then|next\s+(?:comes?|came|is|was)|"
    r"immediately\s+(?:behind|after))\s+(?:[A-Z][\w.&-]*['’]s\s+)?$",
    re.IGNORECASE,
)


# "GPT-4o was first, then Gemini took over": a later leader, not the next place
_TOOK_OVER = regex(
    r"\s+(?:\w+ly\s+)?(?:took\s+over|overtook|replaced|took\s+(?:the\s+|its\s+)?(?:top|lead|crown)|"
    r"dethroned|unseated)\b",
    re.IGNORECASE,
)


_ORDERED_LIST = regex(
    r"\b(?:in\s+order|top\s+(?:\d{1,2}|ten|five|three|twenty)|standings|ranking)\b[^:;.]{0,40}:\s*",
    re.IGNORECASE,
)
# a count of the list's members: which of the places they hold is not said
_COUNT_OF = regex(
    r"\b(?:\d{1,2}|two|three|four|five|six|seven|eight|nine|half|most|several|some|many|all)"
    r"\s+of\s+(?:the\s+|its\s+|their\s+)?$",
    re.IGNORECASE,
)
_PAST_THE_TOP = regex(r"\b(?:below|beyond|after|outside|behind|under|past)\s+(?:the\s+)?$", re.I)
_LIST_JOIN = regex(r"^[^;]{0,25}?(?:,\s*|\s+and\s+|;\s*)(?:then\s+)?(?:[A-Z][\w.&-]*['’]s\s+)?$")


def _rank_value(m: re.Match[str]) -> int | None:
    groups = m.groupdict()
    if groups.get("word"):
        return ORDINALS[groups["word"].lower()]
    if groups.get("num") or groups.get("hash"):
        return int(groups.get("num") or groups["hash"])
    if groups.get("runner"):
        return 2
    if groups.get("one"):
        return 1
    return None


def _add_rank(s: Sentence, found: list[Hit], model: str, rank: int, pos: int) -> RankHit | None:
    """Add `model` at `rank` to `found` unless the sentence already gives it that place."""
    if ranked([*s.hits, *found], model, rank):
        return None
    hit = RankHit(model=model, rank=rank, start=pos, negated=_near_negation(s.text, pos))
    found.append(hit)
    return hit


# "three models share rank 1: A (1457), B (1455) and C": every item holds that place
_SHARED_PLACE = regex(
    r"\b(?:share|shares|shared|sharing|tie\s+(?:for|at)|tied\s+(?:for|at)|tie\s+at)\s+"
    r"(?:the\s+)?(?:rank|place|spot|position)\s+(?:#|No\.\s?)?(\d{1,3})\s*:\s*",
    re.IGNORECASE,
)


def find_shared_places(s: Sentence) -> list[Hit]:
    found = _shared_after(s)
    for cue in _SHARED_PLACE.finditer(s.text):
        rank, prev_end = int(cue.group(1)), cue.end()
        for model in (m for m in s.models if m.start >= cue.end()):
            if not _SHARED_ITEM_GAP.match(s.text[prev_end : model.start]):
                break
            _add_rank(s, found, model.text, rank, model.start)
            prev_end = model.end
    return found


# each item may carry its score: "A with 1442, plus B and C, each at 1439"
_SHARED_ITEM_GAP = regex(
    r"^\s*(?:\([^)]{0,30}\)\s*)?(?:(?:with|at|on)\s+[\d.,]+\s*)?"
    r"(?:,\s*(?:and\s+|plus\s+)?|and\s+|plus\s+)?$"
)
# "Gemini-2.5-Pro (1405) and DeepSeek-R1-0528 (1392) share 4th": the place after its models
_SHARE_AFTER = regex(
    r"\s*(?:\([^)]{0,30}\)\s*)?(?:(?:jointly\s+)?share|are\s+tied\s+(?:for|at)|tie\s+for|"
    r"tied\s+for)\s+(?:the\s+)?(?:(?P<num>\d{1,3})(?:st|nd|rd|th)|"
    r"(?P<word>first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth))\b",
    re.IGNORECASE,
)


def _shared_after(s: Sentence) -> list[Hit]:
    found: list[Hit] = []
    for last in s.models:
        cue = _SHARE_AFTER.match(s.text, last.end)
        if cue is None:
            continue
        rank = _rank_value(cue)
        group = joined_names(s, last)
        if len(group) < 2 or rank is None:
            continue  # one model "shares" a place with someone the sentence does not name
        for model in group:
            _add_rank(s, found, model.text, rank, model.start)
    return found


def find_ordered_list(s: Sentence) -> list[Hit]:
    """ "The new top ten, in order: A; B; C": places by position in the list (an item
    that names no model it knows still takes its place)."""
    found: list[Hit] = []
    cue = _ORDERED_LIST.search(s.text)
    if cue is None or _PAST_THE_TOP.search(s.text, 0, cue.start()):
        return found  # "Below the top three, ...: A, B and C": not the top three
    if _COUNT_OF.search(s.text, 0, cue.start()):
        return found  # "three of the top five open models are Chinese: A, B and C"
    rest = s.text[cue.end() :]
    # "A; B; C", or "A, B and C" (the last two joined by "and")
    separator = _ITEMS_SEMI if ";" in rest else _ITEMS
    offset = cue.end()
    for place, item in enumerate(_items(rest, separator), start=1):
        start, end = offset + item[0], offset + item[1]
        first = next((m for m in s.models if m.start == start), None)
        if first is not None and (hit := _add_rank(s, found, first.text, place, first.start)):
            # the item is the claim's quote: its place is what the list says
            stop = end + 1 if s.text[end : end + 1] in (",", ";", ".") else end
            hit.span = (first.start, stop)
    return found


_ITEMS_SEMI = regex(r";\s*")
_ITEMS = regex(r",\s*(?:and\s+)?|\s+and\s+")


def _items(text: str, separator: re.Pattern[str]) -> list[tuple[int, int]]:
    """The spans of a list's items, each without the spaces around it."""
    out, pos = [], 0
    for m in [*separator.finditer(text), None]:
        end = m.start() if m else len(text)
        item = text[pos:end]
        lead = len(item) - len(item.lstrip())
        out.append((pos + lead, pos + len(item.rstrip())))
        pos = m.end() if m else len(text)
    return out


_SKIPPED_RELATIVE = regex(r"\s*,\s*(?:which|who)\s[^,;()]{1,80},", re.IGNORECASE)


def find_ranked_lists(s: Sentence) -> list[Hit]:
    """Ranks written beside their model, placed by a verb, or continued by "followed by"."""
    last_rank = s.prev_rank
    prev_end, in_list = 0, False
    found: list[Hit] = []
    said = sorted((h.start, h.rank) for h in s.hits if isinstance(h, RankHit) and h.op == "eq")
    for model in s.models:
        # a place said before this name ("X won outright ..., trailed by Y") counts too
        earlier = [r for pos, r in said if pos < model.start]
        if earlier and not in_list:
            last_rank = earlier[-1]
        after = _AFTER_MODEL_RANK.match(s.text, model.end)
        if after is None and (rel := _SKIPPED_RELATIVE.match(s.text, model.end)):
            # "Grok 3, which led in March, is now third": the place after the aside
            after = _AFTER_MODEL_RANK.match(s.text, rel.end())
        placed = _PLACED_RANK.match(s.text, model.end)
        rank: int | None = None
        if after:
            rank = _rank_value(after)
        elif placed and _PLACING_VERB.search(s.text[max(0, model.start - 40) : model.start]):
            rank = _rank_value(placed)
        followed = False
        if after:
            pass
        elif (
            last_rank
            and _FOLLOWED.search(s.text[max(0, model.start - 30) : model.start])
            and not _TOOK_OVER.match(s.text, model.end)
        ):
            rank, followed = last_rank + 1, True
        elif last_rank and in_list and _LIST_JOIN.match(s.text[prev_end : model.start]):
            rank, followed = last_rank + 1, True  # "followed by X at 1224 and Y at 1155"
        if rank is not None and 0 < rank <= 500:
            _add_rank(s, found, model.text, rank, model.start)
            last_rank = rank
        in_list = followed or (in_list and rank is not None)
        prev_end = model.end
    s.last_rank = last_rank
    return found


_OR_BELOW = regex(r"\s+or\s+(?:below|lower|worse|higher|better|above)\b", re.IGNORECASE)


def find_ordinals(s: Sentence) -> list[Hit]:
    found: list[Hit] = []
    for m in _IN_THE_LEAD.finditer(s.text):
        _rank(s, found, m.start(), 1)
    for m in _FIRST_PLACE.finditer(s.text):
        # "comes out ahead on hard logical reasoning": first at a task no board's
        # category is, judged unverifiable rather than as the board's overall order
        task = _TASK_AFTER.match(s.text, m.end())
        words = task.group("task").lower() if task else ""
        if _COUNTED.match(words):
            continue  # "came out ahead in five categories": wins counted, no place
        setting = task and _BOARD_OR_CATEGORY.match(s.text.lower(), task.start("task"))
        own = slug(words) if task and not setting else None
        # "is not the model to beat": the denial inside the cue's own words
        _rank(s, found, m.start(), 1, metric=own, denied=_denies(m.group(0)))
    for m in _WON.finditer(s.text):
        _rank(s, found, m.start(), 1)
    for m in _RUNNER_UP.finditer(s.text):
        _rank(s, found, m.start(), 2)
    for model in s.models:
        if none := _NONE_BEATS.search(s.text, max(0, model.start - 60), model.start):
            # "No other model beats Gemini 2.5 Pro on LMArena": it holds first place, among
            # the kind named ("no open model comes close to DeepSeek-R1")
            if not ranked([*s.hits, *found], model.text, 1):
                found.append(
                    RankHit(
                        model=model.text,
                        rank=1,
                        within=_group_from_mods(none.group("kind") or "", s.gaz),
                        start=model.start,
                        negated=_near_negation(s.text, model.start),
                    )
                )
            continue
    for m in _PLACED_IT.finditer(s.text):
        # "the reviewer ranked it 13th": "it" is the model the sentence speaks of
        word, num = m.group("word"), m.group("num")
        _rank(s, found, m.end("it"), ORDINALS[word.lower()] if word else int(num))
    for m in _LEADS.finditer(s.text):
        if any(x.start == m.end() for x in s.models):
            continue  # "leads GPT-5": a comparison
        owner = _POSSESSIVE_AFTER.match(s.text, m.end())
        if owner and (
            BOARDS_GROUP.match(s.text, owner.end()) or BOARDS_PART.match(s.text, owner.end())
        ):
            continue  # "tops LMArena's open models": first of a part (patterns.py)
        if _LED_WHAT.match(s.text, m.end()) or _KNOWN_BENCH.match(s.text, m.end()):
            _rank(s, found, m.start(), 1)
        elif test := _ACRONYM.match(s.text, m.end()) or _TEST_NAME.match(s.text, m.end()):
            # "tops LiveBench": first on that test, which no bundled board may rank
            name = re.sub(r"^the\s+", "", test.group(0), flags=re.IGNORECASE)
            own = None if _NAMES_A_BOARD.fullmatch(name) else benchmark_id(name)
            _rank(s, found, m.start(), 1, metric=own)
    for model in s.models:
        if _INVERTED_TOP.search(s.text[max(0, model.start - 80) : model.start]):
            found.append(
                RankHit(
                    model=model.text,
                    rank=1,
                    start=model.start,
                    negated=_near_negation(s.text, model.start),
                )
            )
    for m in _ORDINAL.finditer(s.text):
        word = m.group("word")
        ends = s.text[m.end() : m.end() + 1] in (",", ".", ";", "")
        placing = m.group(0).lower().startswith(("rank", "plac", "finish", "came", "comes", "tie"))
        if word and not (m.group("after") or placing or ends):
            continue  # "is first to ship" speaks of time, not rank
        if _OR_BELOW.match(s.text, m.end()):
            continue  # "all comparable models rank 18th or below": a range, about others
        if not m.group("after") and _KIND_THEN_MODEL.match(s.text, m.end()):
            continue  # "is the No. 3 open model": a place within a kind (patterns.py)
        rank = int(m.group("hash") or m.group("num") or ORDINALS[(word or "first").lower()])
        if rank == 0 or rank > 500:
            continue
        _rank(s, found, m.start(), rank)
    return found


# "#2 in the OSS non-reasoning category (#6 amongst OSS models overall)", "fourth in
# coding (No. 9 overall)": a second place in an aside, with its own scope
ASIDE_PLACE = regex(
    r"\(\s*(?:(?:#\s?|No\.\s?)(?P<n>\d{1,3})|(?P<place>"
    + r"first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|\d{1,3}(?:st|nd|rd|th)"
    + r"))\s+(?P<scope>(?:(?:among|amongst|in|on|for)\s+[^()]{1,40}?|overall))\s*\)",
    re.IGNORECASE,
)
_AMONG_GROUP = regex(
    r"(?:among|amongst)\s+(?:the\s+|all\s+)?(?P<kind>[\w\s-]+?)\s+models?(?:\s+overall)?$",
    re.IGNORECASE,
)


def _second_places(s: Sentence) -> Iterator[tuple[int, int, Group | None]]:
    """The places a sentence gives without their verb: (where, place, scope)."""
    for m in SECOND_PLACE.finditer(s.text):
        yield m.start("place"), ordinal(m.group("place")), None
    for m in ASIDE_PLACE.finditer(s.text):
        scope = m.group("scope")
        group = None
        if not _OVERALL_WORD.fullmatch(scope):
            among = _AMONG_GROUP.fullmatch(scope)
            group = _group_from_mods(among.group("kind"), s.gaz) if among else None
            if group is None:
                continue  # "(No. 3 in coding)", "(#2 among reasoning models)": left unread
        place = int(m.group("n")) if m.group("n") else ordinal(m.group("place"))
        yield m.start(), place, group


_OVERALL_WORD = regex(r"overall", re.IGNORECASE)


def find_second_places(s: Sentence) -> list[Hit]:
    """ "ranked it 13th for non-agentic work and 10th for agentic work", "#2 in its
    category (#6 amongst OSS models overall)": the verb left out, the second place is
    the model's that the first place was given to, whoever the sentence's subject is."""
    found: list[Hit] = []
    for place, rank, within in _second_places(s):
        placed = [*s.hits, *found]
        if any(isinstance(h, RankHit) and h.start == place for h in placed):
            continue
        first = [h for h in placed if isinstance(h, RankHit) and place - 80 < h.start < place]
        if not first:
            continue
        model = first[-1].model
        if any(first[-1].start < x.start < place and x.text != model for x in s.models):
            continue  # another name between: the place may be its
        if not any(
            isinstance(h, RankHit) and h.model == model and (h.rank, h.within) == (rank, within)
            for h in placed
        ):
            found.append(
                RankHit(
                    model=model,
                    rank=rank,
                    within=within,
                    start=place,
                    negated=_near_negation(s.text, place),
                )
            )
    return found


def _model_before(s: Sentence, pos: int) -> Mention | None:
    before = [x for x in s.models if x.end <= pos]
    if not before:
        return None
    m = before[-1]
    gap = s.text[m.end : pos]
    # a decimal ("5.1B active") or "No." is no sentence's end
    plain = re.sub(r"\d\.\d", "", gap.replace("’s", "").replace("No.", "No"))
    if len(gap) > 70 or _GAP_BREAK.search(gap) or "." in plain:
        return None
    if _OWN_SUBJECT.search(gap):
        return None  # "Kimi K2 (66.1), and on LiveBench it holds 79.3": the pronoun's
    if "|" in gap:
        return None  # "| ChatGPT answers ... | 88.0% | - | 87.3%": another column's
    other = list(_OTHER_SCORE.finditer(gap))
    if other and not _SCORED_AGAIN.search(gap, other[-1].end()):
        return None  # "X at 88.0%, 87.3% for ...": another number is nearer the name
    if len(gap.strip()) > 2 and not _SCORE_VERB.search(gap):
        return None
    return m


# "it reaches a score of 8.30", "the pretrained version achieves 84.0%": a pronoun or a
# description stands for the subject (patterns.py decides which model it means)
_PRONOUN_SCORE = regex(
    r"\b(?:it|this model|the model|the new model|our (?:new\s+)?model|the [\w-]+ version)\s+"
    r"(?:also\s+|now\s+)?"
    r"(?:[\w-]+\s+){0,6}?$",
    re.IGNORECASE,
)
# "73.6% on AIME2024, and 90% with majority voting": the same model's next number
_SAME_AGAIN = regex(
    r"^[^;.]{0,80}?(?:,\s*|\s+)(?:and|or)\s+(?:a\s+|an\s+)?$|^\s*(?:,|/)\s*$|"
    # "on BrowseComp at 92.2% and OSWorld 2.0 at 62.6%": the next benchmark's number
    r"^\s*%?\s*(?:,\s*|\s+)(?:and\s+|or\s+)?(?:on\s+)?[A-Z][\w.‑-]*(?:\s+[\w.‑-]+)?"
    r"\s+(?:at|with)\s+$"
)
# "X scored 61.50 for fourth overall and led code generation with 53.33": a second
# verb of the same subject, its number after "with" or "at"
_AND_AGAIN = regex(
    r"[^;,.]{0,60}?\s+and\s+(?P<verb>(?!(?:its|their|the|a|an)\s)[a-z]+(?:ed|s)\b)[^;,.]{0,60}?"
    r"\s(?:with|at)\s+(?:about\s+|around\s+|roughly\s+|over\s+|nearly\s+)?$",
    re.IGNORECASE,
)
# "With 86.4% on MMLU, GPT-4 leads", "At over 81% accuracy on MMLU, Mistral Small is ...",
# "Scoring 1,400 on LMArena, Grok 3 took first": a score said before its subject
_FRONTED_SCORE = regex(
    r"^\W*(?:at|with|scoring|posting|reaching|hitting|achieving)\s+"
    r"(?:about\s+|around\s+|roughly\s+|approximately\s+|nearly\s+|over\s+|just\s+|~\s*)?$",
    re.IGNORECASE,
)
# the rest of the fronted phrase, to the comma the subject follows ("% accuracy on MMLU
# and 150 tokens/s latency, ")
_FRONTED_REST = regex(
    r"[^,;:()]{0,60}?,\s*(?:(?-i:[A-Z][\w.&-]*)['’]s\s+)?(?:the\s+new\s+|new\s+)?$",
    re.IGNORECASE,
)
_SINCE = regex(r"\b(?:since|until|before|after)\s+(?:v(?:ersion)?\s*)?$", re.IGNORECASE)
_SHOTS = regex(r"[- ]?shots?\b", re.IGNORECASE)
_NEXT_CELL = regex(r"^\s*%?\)?\s*(?:,\s*(?:and\s+)?|\s+and\s+)[\w .'’-]{1,30}?$")
# ", reaching 95.8% on AIME": a participle after a comma scores the sentence's subject,
# however long the clause between them
_SCORING_PARTICIPLE = regex(
    r",\s*(?:\w+ly\s+)?(?:reaching|achieving|scoring|posting|hitting|earning|landing|recording|"
    r"obtaining|delivering)\s+(?:an?\s+|the\s+)?(?:[\w-]+\s+){0,3}?"
    r"(?:(?:score|rating|elo)\s+of\s+)?(?:about\s+|around\s+|over\s+)?$",
    re.IGNORECASE,
)


def _model_after(s: Sentence, end: int) -> Mention | None:
    after = [x for x in s.models if x.start >= end]
    if not after:
        return None
    m = after[0]
    return m if _AFTER_GAP.match(s.text[end : m.start]) else None


# "GLM-5 and Kimi K2.5 ... at 16.6 and 20.1 respectively": numbers in the names' order
_RESPECTIVELY = regex(
    r"(?P<nums>(?:\d[\d.,]*\s?%?(?:,\s*and\s+|,\s*|\s+and\s+))+\d[\d.,]*\s?%?)"
    r"(?:\s+(?:on|in|at|for)\s+[^,.;]{1,30}?)?,?\s+respectively\b",
    re.IGNORECASE,
)
_PARALLEL_NUMBERS = regex(
    r"\s(?:scor(?:e|es|ed|ing)|post(?:s|ed)?|(?:sit|sat|are|were|stand|stood)\s+at|with)\s+"
    r"(?P<nums>(?:\d[\d.,]*\s?%?(?:,\s*|\s+))*?\d[\d.,]*\s?%?,?\s+and\s+\d[\d.,]*\s?%?)"
    r"(?:\s+points)?(?![\d.,]*\s*,?\s*respectively)",
    re.IGNORECASE,
)
_PARALLEL_REACH = 30
_RESPECTIVE_NUMBER = regex(r"\d[\d,]*(?:\.\d+)?")
_NAMES_JOIN = regex(r"^\s*(?:,\s*and|,|and|&)\s*$")


def find_respective_scores(s: Sentence) -> list[Hit]:
    """Scores given "respectively": the n-th number is the n-th name of the list of
    names just before them; when the counts differ nothing is read."""
    found: list[Hit] = []
    said = [(r, True) for r in _RESPECTIVELY.finditer(s.text)]
    # "Gemini-2.5-Pro and Grok-4 score 1470 and 1434": as many numbers as names, in
    # the same order, right after the names
    said += [
        (p, False)
        for p in _PARALLEL_NUMBERS.finditer(s.text)
        if not any(r.start("nums") == p.start("nums") for r, _ in said)
    ]
    for r, respectively in said:
        named = [m for m in s.models if m.end <= r.start()]
        if not named:
            continue
        between = s.text[named[-1].end : r.start()]
        if not respectively and (len(between) > _PARALLEL_REACH or named[-1].start in s.objects):
            # the numbers follow the names they go with ("A and B lead LMArena, with 1470
            # and 1434 points"), never a verb's objects ("beats A and B, with ...")
            continue
        run = joined_names(s, named[-1], _NAMES_JOIN)
        values = [v.group() for v in _RESPECTIVE_NUMBER.finditer(r.group("nums"))]
        if len(run) != len(values) or len(run) < 2:
            continue
        for m, raw in zip(run, values, strict=True):
            found.append(
                ScoreHit(
                    model=m.text,
                    value=float(raw.replace(",", "")),
                    start=r.start(),
                    negated=_near_negation(s.text, r.start()),
                )
            )
    return found


# a post's votes and comments (Hacker News, Reddit) are counted in points too
_SOCIAL = regex(
    r"\b(?:Hacker\s+News|HN|Reddit|subreddit|thread|upvot\w*|comments|retweets|reposts)\b"
)
_SCORE_WORD = regex(r"\b(?:elo|score[sd]?|rating|rated)\b", re.IGNORECASE)
_OVER_AFTER = regex(r"\s+(?:over|clear\s+of|ahead\s+of)\b", re.IGNORECASE)
_NAMED_COMPARATORS: tuple[Comparator, ...] = ("gt", "lt", "approx")  # groups of _COMPARATOR


def find_score_slots(s: Sentence) -> list[Hit]:
    found: list[Hit] = []
    # ("with an MMLU of 88.6": a test's name says the number is a score)
    if not (s.scores_context or _SCORE_CONTEXT.search(s.text) or _KNOWN_BENCH.search(s.text)):
        return found
    if _SOCIAL.search(s.text) and not _SCORE_WORD.search(s.text):
        return found  # "the thread got 1,412 points and 873 comments": votes on a post
    taken = {(h.model, h.value) for h in s.hits if isinstance(h, ScoreHit)}
    read = {h.start for h in s.hits if isinstance(h, ScoreHit)}
    respective = [
        r.span("nums")
        for pattern in (_RESPECTIVELY, _PARALLEL_NUMBERS)
        for r in pattern.finditer(s.text)
        if r.start() in read
    ]
    last: tuple[str, int] | None = None  # the previous number's model and its end
    number_before: int | None = None  # where the previous number of any kind ended
    for m in _SCORE.finditer(s.text):
        if any(x.start <= m.start() < x.end for x in s.models):
            continue  # "DeepSeek R1 0528", "Qwen3 235B 2507": a number of a name
        seen_number, number_before = number_before, m.end()
        if any(a <= m.start() < b for a, b in respective):
            continue  # find_respective_scores reads these
        raw = m.group("value").replace(",", "")
        if raw.startswith("0") and "." not in raw:
            continue  # "Gemini 1.5 Pro (0801)": a build's date, no score has a leading zero
        if _DISTANCE.search(s.text, 0, m.start()):
            continue  # "the distance between X and Y is 36 points": a gap, not a score
        lead = s.text[max(0, m.start() - 30) : m.start()]
        version = _NAME_NUMBER.search(lead) and float(raw) < 100 and not _BENCH_BEFORE.search(lead)
        fronted = _FRONTED_SCORE.match(s.text, 0, m.start())
        # "With 86.4% on MMLU, ...", "GPT-4 86.4% and Claude 3 Opus 86.8%": no name's
        # version is fronted, nor carries a percent sign
        version = version and not fronted and not m.group("pct")
        if _BENCH_BEFORE.search(lead) and float(raw) < 10 and _BENCH_VERSION.match(s.text, m.end()):
            continue  # "on SWE-Bench Pro and Terminal-Bench 2.0, benchmarks ...": its version
        if _SINCE.search(lead):
            continue  # "the biggest leap since 4.5": a version or a date, not a score
        # "40 points over the next model": a margin, its unit already read with the number
        over = (m.group("unit") or m.group("pct")) and _OVER_AFTER.match(s.text, m.end())
        if version or over or _MARGIN.search(lead) or _MARGIN_AFTER.match(s.text, m.end()):
            continue  # "Opus 4.8", "Apache 2.0"; "by over 20%" is a margin, not a score
        paired = any(isinstance(h, PairHit) and h.start < m.start() for h in s.hits)
        against = _AGAINST_TO.match(s.text, m.end()) or _AGAINST_FROM.search(lead)
        # "lifts pass@1 from 21.9 to 28.9", "rising from 59.1% to 68.4%": where the subject
        # moved to is its score now (where it came from may be an earlier version's)
        moved = _CHANGE.search(s.text, max(0, m.start() - 120), m.start())
        moved = moved if _MOVED_TO.search(lead) else None
        owned = not paired and _owned_versus(s.text, lead, m.end())
        if not owned and not moved and (_RANGE_FROM.search(lead) or (paired and against)):
            continue  # "60.2% to 54.9%": whose is which is not in the words
        if _RANGE_TO.match(s.text, m.end()) and not owned:
            continue
        pct, unit = bool(m.group("pct")), bool(m.group("unit"))
        if _YEAR.match(raw) and not unit:
            continue
        value = float(raw)
        benchmark_first = _BENCH_BEFORE.search(lead) and not _SHOTS.match(s.text, m.end())
        # "gets 58 on our Intelligence Index", "DeepSeek R1 0528 (59)": a number on a test,
        # or in brackets after a name, is that name's score
        on_test = _ON_TEST.match(s.text, m.end())
        bracketed = _BRACKETED.match(s.text, m.end()) and _NAME_BRACKET.search(lead)
        named_score = _SCORE_NAMED_BEFORE.search(lead)
        scored = pct or unit or "." in raw or 500 <= value <= 2500 or benchmark_first or named_score
        if not (scored or on_test or bracketed):
            continue  # a bare small integer is a count, not a score ("MATH 89" is one)
        after = _model_after(s, m.end())
        model = _model_before(s, m.start()) if after is None else after
        name = model.text if model is not None else None
        if (
            model is not None
            and after is None
            and not bracketed
            and not _ATTACHED.fullmatch(s.text, model.end, m.start())
            and (
                _AFTER_PREPOSITION.search(s.text[: model.start])
                or (
                    _PLACE_PREPOSITION.search(s.text[: model.start])
                    and "," in s.text[model.end : m.start()]
                )
            )
        ):
            # "builds upon the strengths of Devstral Small ... with a score of 61.6%": the
            # number is the subject's, not the name a preposition took
            name = _subject(s, m.start())
        if (
            name is not None
            and after is None
            and model is not None
            and _WITH_SCORE.fullmatch(s.text, model.end, m.start())
            # ("a hair above Vicuna-33B with 1090": after a preposition, the name's own)
            and not _PLACE_PREPOSITION.search(s.text[: model.start])
            and not _AFTER_PREPOSITION.search(s.text[: model.start])
            and _beaten(s, name, m.start()) is not None
        ):
            # "Gemma 3 27B beats o3-mini with an Elo score of 1339" may be either's ("beats
            # A with 1398 and B with 1402" are the beaten's): no one's, said so
            continue
        if name is None and moved:
            name = _subject(s, moved.start(), max_gap=160)
        if name is None and seen_number is not None:
            # "GPT-4 gets roughly 86%, Claude 3 Opus about 85%": the verb left out
            name = _gapped_name(s, seen_number, m.start())
        if name is None and last is not None and _SAME_AGAIN.match(s.text[last[1] : m.start()]):
            name = last[0]
        # the measure of a number a second verb gives: the test named in its own words,
        # never the first verb's ("... and topped Aider Polyglot at 88%")
        own_measure: str | None = None
        again = _AND_AGAIN.match(s.text, last[1], m.start()) if last is not None else None
        if (
            name is None
            and last is not None
            and again is not None
            and not any(last[1] <= x.start < m.start() for x in s.models)
        ):
            name = last[0]
            test = _KNOWN_BENCH.search(s.text, again.start("verb"), m.start())
            own_measure = benchmark_id(test.group(0)) if test else "unnamed_score"
        if name is None and fronted:
            subject = next((x for x in s.models if x.start > m.end()), None)
            if subject is not None and _FRONTED_REST.fullmatch(s.text, m.end(), subject.start):
                name = subject.text
        next_cell = last is not None and _NEXT_CELL.match(s.text[last[1] : m.start()])
        if name is None and last is not None and benchmark_first and next_cell:
            name = last[0]  # "MMLU 78.6, MMLU-Pro 67.5 and MATH 89": one model's row
        if name is None and _SCORING_PARTICIPLE.search(s.text, 0, m.start()):
            main = subjects(s.text, [x for x in s.models if x.end <= m.start()], s.objects)
            name = main[0].text if main else None
        if name is None:
            lead_clause = s.text[max(0, m.start() - 70) : m.start()]
            pron = _PRONOUN_SCORE.search(lead_clause)
            if pron and _SCORE_VERB.search(pron.group()) and not _GAP_BREAK.search(pron.group()):
                name = _subject(s, m.start() - len(lead_clause) + pron.start() + 1)
            elif _SCORING_LEAD.search(lead_clause) or _BENCH_BEFORE.search(lead):
                # "X has leading performance ..., achieving an Elo score of 1402", "Its
                # table lists MMLU 78.6": the sentence's subject scores it
                name = _subject(s, m.start(), max_gap=160)
        if name is None or (name, value) in taken:
            continue
        taken.add((name, value))
        last = (name, m.end())
        comp = _COMPARATOR.search(s.text[max(0, m.start() - 30) : m.start()])
        comparator: Comparator = next(
            (k for k in _NAMED_COMPARATORS if comp and comp.group(k)), "eq"
        )
        if comp and comp.group("lt2"):
            comparator = "lt"
        metric = None
        bench = _BENCH_AFTER.match(s.text, m.end())
        before_bench = _BENCH_BEFORE.search(lead)
        if bench and _NAMES_A_BOARD.match(bench.group("bench")):
            # "1360 on LMArena": the board's own score, the board read by rules.py
            metric = "arena_score" if "arena" in bench.group("bench").lower() else None
        elif bench:
            metric = benchmark_id(bench.group("bench"))
        elif before_bench:
            metric = benchmark_id(before_bench.group(0).strip())
        elif (unit and "point" not in m.group("unit").lower()) or (
            not pct and 800 <= value <= 2500 and _ELO_WORDS.search(s.text)
        ):
            metric = "arena_score"
        if own_measure is not None and metric is None:
            metric = own_measure
        names = [name]
        if model is not None and model.text == name and _BOTH.search(lead):
            # "A and B, both listed at 49.8": each of them
            names = [x.text for x in joined_names(s, model, _NAMES_JOIN)]
        for each in names:
            found.append(
                ScoreHit(
                    model=each,
                    value=value,
                    comparator=comparator,
                    start=m.start(),
                    negated=_near_negation(s.text, m.start()),
                    metric=metric,
                )
            )
    return _without_build_codes(s.text, found)


_BUILD_CODE = regex(r"\((?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\)")


def _without_build_codes(text: str, found: list[Hit]) -> list[Hit]:
    """ "Gemini 2.0 Flash Thinking (1219) is third with 1363": a month-and-day in
    brackets after a name is its build when the sentence gives the model a score too."""
    codes = [
        h for h in found if isinstance(h, ScoreHit) and _BUILD_CODE.match(text, max(0, h.start - 1))
    ]
    return [
        h
        for h in found
        if h not in codes
        or not any(isinstance(o, ScoreHit) and o.model == h.model and o is not h for o in found)
    ]


# A list of scores that says its verb once: "..., Claude 3 Opus about 85% (setups
# differ), and ..." (a name after a list's comma, a number after it with at most an
# aside or a word of nearness between)
_LIST_ITEM_BEFORE = regex(r"(?:,|;|\band)\s*$")
_GAPPED = regex(
    r"\s*(?:\([^)]{0,60}\)\s*)?(?:(?:about|around|roughly|nearly|almost|close\s+to|at|on|"
    r"with|just|over|under|some)\s+)?"
)


def _gapped_name(s: Sentence, after: int, pos: int) -> str | None:
    before = [x for x in s.models if after <= x.start and x.end <= pos]
    if not before:
        return None
    m = before[-1]
    if _GAPPED.fullmatch(s.text, m.end, pos) and _LIST_ITEM_BEFORE.search(s.text, after, m.start):
        return m.text
    return None


_BOTH = regex(r",\s*(?:both|each|all\s+(?:two|three|four))\b[^,;.]{0,30}$", re.IGNORECASE)


# "Compared to Mistral 7B, it is much better at ...", "a significant upgrade ...
# compared to Mistral OCR 2": the comparison's other side is named apart from its verb
_COMPARED = regex(
    r"\b(?:compared\s+(?:to|with)|relative\s+to|in\s+comparison\s+(?:to|with)|versus|vs\.?)\s+"
    r"(?:the\s+|its\s+|their\s+)?(?:previous\s+|prior\s+|older\s+|predecessor,?\s+)?$",
    re.IGNORECASE,
)
_BETTER = regex(
    r"\b(?:better|stronger|higher|smarter|superior|improv\w*|upgrade|gains?|outperform\w*|"
    r"more\s+(?:accurate|capable|powerful|reliable|efficient|effective|intelligent)|"
    r"ahead|leads?|wins?|surpass\w*|beats?)\b",
    re.IGNORECASE,
)
_WORSE = regex(r"\b(?:worse|weaker|lower|behind|trails?|lags?|less\s+(?:accurate|capable))\b", re.I)


def find_compared(s: Sentence) -> list[Hit]:
    found: list[Hit] = []
    for obj in s.models:
        if not _COMPARED.search(s.text[max(0, obj.start - 40) : obj.start]):
            continue
        better, worse = _BETTER.search(s.text), _WORSE.search(s.text)
        if bool(better) == bool(worse):
            continue  # no direction, or both: the sentence says more than one thing
        cue = better or worse
        assert cue is not None
        subject = _subject(s, cue.start()) if cue.start() > obj.end else None
        subject = subject or _subject(s, obj.start) or _topic_subject(s, obj.start)
        if subject is None or subject == obj.text:
            continue
        if any(isinstance(h, PairHit) and obj.text in h.names() for h in [*s.hits, *found]):
            continue
        found.append(
            PairHit(
                model_a=subject,
                model_b=obj.text,
                relation="beats" if better else "trails",
                start=cue.start(),
                negated=_near_negation(s.text, cue.start()),
            )
        )
    return found


# "X scores 83%, compared with 72.5% for Y": two models' numbers set side by side
_SIDE_BY_SIDE = regex(
    r"\b(?:compared\s+(?:with|to)|versus|vs\.?|against|while|whereas|ahead\s+of|behind|clear\s+of|"
    r"followed(?:\s+closely)?\s+by)\b",
    re.I,
)
_SET_AGAINST = regex(r"\b(?:compared\s+(?:with|to)|versus|vs\.?|against|clear\s+of)\b", re.I)
# Metrics where less is better: their numbers order models the other way round.
_LOWER_IS_BETTER = regex(
    r"\b(?:error|WER|CER|latency|cost|price|hallucinat\w*|loss|perplexity|time|seconds|ms)\b", re.I
)
# "the improvements of Ministral 3B over the much larger Mistral 7B"
_GAIN_OF = regex(
    r"\b(?:improvements?|gains?|advantage|lead|edge|win\s+rate)\s+of\s+$", re.IGNORECASE
)
_GAIN_OVER = regex(
    r"\s+(?:over|against|relative\s+to|compared\s+(?:to|with))\s+(?:the\s+|its\s+)?"
    r"(?:(?:much|far|previous|older|larger|smaller|bigger)\s+)*$",
    re.IGNORECASE,
)


# "it tops GPT-5: 60.2% to 54.9% on BrowseComp": the compared models' numbers, in order
# "ahead of DeepSeek-V3 at 1318": a number right after a name is that name's
# "... beats o3-mini with an Elo score of 1339", "..., with 1339 points": a "with" after
# a comparison's object may give the number to either side
_WITH_SCORE = regex(
    r"(?:\s*\([^()]*\))?,?\s*with\s+(?:(?:a|an|its|his|her|their)\s+)?(?:[\w-]+\s+){0,2}?"
    r"(?:(?:score|rating|Elo|mark|result)\s+of\s+)?(?:about\s+|around\s+|roughly\s+)?",
    re.IGNORECASE,
)


def _beaten(s: Sentence, name: str, before: int) -> str | None:
    """The subject of the comparison before `before` whose object is `name`, if any."""
    pair = next(
        (
            h
            for h in reversed(s.hits)
            if isinstance(h, PairHit) and h.start < before and h.model_b == name
        ),
        None,
    )
    return pair.model_a if pair is not None else None


_ATTACHED = regex(
    # "ahead of GPT-4.5's 1398": the possessive gives the number its owner
    r"\s*(?:\(\s*|(?:at|on)\s+|['’]s\s+(?:(?:score|rating|Elo|mark)\s+of\s+)?)(?:[\d.,]+\s*\(\s*)?"
    # "at 1318 (MMLU 88.5)": a benchmark's number beside it in brackets is its too
    r"(?:[A-Z][\w.-]*\s+)?"
)
_FOR_NAME = regex(r"\s*for\s+(?:[A-Z][\w.&-]*['’]s\s+)?")
_PAIRED = regex(
    r"(?<![\w.])(?P<a>\d{1,4}(?:\.\d+)?)\s?(?P<pct>%)?\s+(?:to|vs\.?|versus|against)\s+"
    r"(?P<b>\d{1,4}(?:\.\d+)?)\s?%?(?!\s*(?:x\b|times))"
)


_FROM = regex(r"\bfrom\s+$", re.IGNORECASE)


def find_paired_scores(s: Sentence) -> list[Hit]:
    found: list[Hit] = []
    pairs = [h for h in s.hits if isinstance(h, PairHit)]
    for m in _PAIRED.finditer(s.text):
        before = [h for h in pairs if h.start < m.start()]
        if not before or _FROM.search(s.text, 0, m.start()):
            continue  # "rising from 59.1% to 68.4%": a change over time, not two models
        a, b = before[-1].model_a, before[-1].model_b
        named = _FOR_NAME.match(s.text, m.end())
        after = next((x for x in s.models if named and x.start == named.end()), None)
        if after is not None:
            b = after.text  # "79.3 against 74.6 for Claude": the name the number is given
        bench = _BENCH_AFTER.match(s.text, m.end())
        metric = benchmark_id(bench.group("bench")) if bench else None
        if bench and _NAMES_A_BOARD.match(bench.group("bench")):
            # "1432 to 1418 on LMArena": the board's own score (rules.py reads the board)
            metric = "arena_score" if "arena" in bench.group("bench").lower() else None
        for name, value in ((a, m.group("a")), (b, m.group("b"))):
            found.append(ScoreHit(model=name, value=float(value), start=m.start(), metric=metric))
    return found


def find_score_comparisons(s: Sentence) -> list[Hit]:
    """Models' scores set side by side: the higher one beats the other. The first
    model's number is the yardstick for the others' ("it gets 64.6 versus 62.6 for A and
    59.8 for B"); its next number starts a new comparison ("..., and on LiveBench it
    holds 79.3 against 74.6 for C")."""
    found: list[Hit] = []
    slots = sorted((h for h in s.hits if isinstance(h, ScoreHit)), key=lambda h: h.start)
    if len({h.model for h in slots}) < 2 or _LOWER_IS_BETTER.search(s.text):
        return found
    anchor = slots[0]
    for other in slots[1:]:
        if other.model == anchor.model:
            anchor = other
            continue
        # in a longer list "followed by" and "while" order standings, which the
        # places say; only words that set numbers against each other compare them
        cue = _SIDE_BY_SIDE if len(slots) == 2 else _SET_AGAINST
        # two numbers read as one pair ("79.3 against 74.6 for Claude") share a start:
        # the words that paired them set them against each other
        paired = other.start == anchor.start and bool(_PAIRED.match(s.text, anchor.start))
        if not paired and not cue.search(s.text[anchor.start : other.start]):
            continue
        a, b = anchor.value, other.value
        relation: PairRelation = "beats" if a > b else "trails" if a < b else "ties"
        _add_pair(s, found, anchor.model, other.model, relation, other.start, anchor)
    return found


def _add_pair(
    s: Sentence,
    found: list[Hit],
    a: str,
    b: str,
    relation: PairRelation,
    pos: int,
    by_number: ScoreHit | None = None,
) -> None:
    if any(isinstance(h, PairHit) and {*h.names()} == {a, b} for h in [*s.hits, *found]):
        return
    negated = _near_negation(s.text, pos)
    found.append(
        PairHit(
            model_a=a, model_b=b, relation=relation, start=pos, negated=negated, by_number=by_number
        )
    )


# "overtook Gemini 2.5 Pro for the top spot", "leapfrogged o3 to take second place":
# the place the subject moved into
_TO_TAKE_PLACE = regex(
    # after a verb of moving past another ("fighting for the top spot" is no place)
    r"\b(?:overt(?:ook|akes?|aking|aken)|pass(?:es|ed)|beat|beats|edg(?:es|ed)\s+(?:out|past)|"
    r"displac(?:es|ed)|leapfrog(?:s|ged)|unseat(?:s|ed)|dethron(?:es|ed)|surpass(?:es|ed)|"
    r"jump(?:s|ed)|climb(?:s|ed)|rose|rises|mov(?:es|ed)|knock(?:s|ed))\b(?:[^,.;]|\.\d){0,60}?"
    r"\b(?:for|to\s+(?:take|claim|grab|seize|win|reach|secure|capture))\s+(?:the\s+)?"
    r"(?:(?P<top>top\s+spot|top\s+position|first\s+place|pole\s+position|lead)|"
    r"(?:No\.\s?|#)(?P<hash>\d{1,3})(?:\s+(?:spot|place|position))?|"
    r"(?P<word>second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth)\s+(?:place|spot|position)|"
    r"(?P<num>\d{1,3})(?:st|nd|rd|th)\s+(?:place|spot|position))\b",
    re.IGNORECASE,
)
# "Grok 4, o3 and Claude Opus 4 round out the top five": each is in the top five
_ROUND_OUT = regex(
    r"\s+(?:now\s+)?round(?:s|ed|ing)?\s+out\s+the\s+top[- ](?P<k>\d{1,2}|three|five|ten)\b",
    re.IGNORECASE,
)
# "The top three on LMArena are Gemini 2.5 Pro, o3 and Grok 4": places in order
TOP_ARE = regex(
    r"\b[Tt]he\s+top\s+(?P<k>two|three|four|five|\d)\b[^.;:]{0,40}?\s+(?:are|were)\s+",
)
_SMALL = {"two": 2, "three": 3, "four": 4, "five": 5, "ten": 10}


# "sharing rank 1 with Claude Opus 4.1": the one named after holds that place too
_SHARING_WITH = regex(
    r"\bshar(?:es|ed|ing)\s+(?:the\s+)?(?:(?:rank|place|spot|position)\s+(?:#|No\.\s?)?"
    r"(?P<num>\d{1,3})|(?P<word>first|second|third|fourth|fifth)\s+(?:place|spot))\s+with\s+",
    re.IGNORECASE,
)


def find_place_phrases(s: Sentence) -> list[Hit]:
    found: list[Hit] = []
    for m in _SHARING_WITH.finditer(s.text):
        rank = _rank_value(m)
        other = next((x for x in s.models if x.start == m.end()), None)
        subject = _subject(s, m.start())
        for name in (subject, other.text if other else None):
            if name is not None and rank is not None and 0 < rank <= 500:
                _add_rank(s, found, name, rank, m.start())
    for m in _TO_TAKE_PLACE.finditer(s.text):
        subject = _subject(s, m.start())
        if subject is None:
            continue
        rank = 1 if m.group("top") else _rank_value(m)
        if rank is not None and 0 < rank <= 500:
            _add_rank(s, found, subject, rank, m.start())
    for model in s.models:
        out = _ROUND_OUT.match(s.text, model.end)
        if out is None:
            continue
        k = _SMALL.get(out.group("k").lower()) or int(out.group("k"))
        for joined in joined_names(s, model, _NAMES_JOIN):
            found.append(
                RankHit(
                    model=joined.text,
                    rank=k,
                    op="top_k",
                    start=out.start(),
                    negated=_near_negation(s.text, out.start()),
                )
            )
    for m in TOP_ARE.finditer(s.text):
        k = _SMALL.get(m.group("k").lower()) or int(m.group("k"))
        first = next((x for x in s.models if x.start == m.end()), None)
        if first is None:
            continue
        run = [first]
        for x in s.models:
            if x.start > run[-1].end and _NAMES_JOIN.match(s.text[run[-1].end : x.start]):
                run.append(x)
        if len(run) == k:  # the list names as many as it says
            for place, x in enumerate(run, start=1):
                _add_rank(s, found, x.text, place, x.start)
    return found


# "Qwen3-235B-A22B is close behind.", "GPT-4o leads, but DeepSeek V3 is just behind":
# behind with nothing after it is behind the leader said before
_BEHIND_ALONE = regex(
    r"\b(?:is|are|was|were|sits?|sat|comes?|came|finish(?:es|ed)|remains?|remained|stays?|"
    r"stayed|lands?|landed|follows?|followed)\s+(?:(?:just|close|closely|right|narrowly|only|"
    r"not\s+far|well|far|a\s+(?:close|distant)\s+second)\s+)?behind\b"
    r"(?=\s*(?:[,.;)]|$|with\b|at\b|on\s+\d))",
    re.IGNORECASE,
)


def find_behind_the_leader(s: Sentence) -> list[Hit]:
    found: list[Hit] = []
    for m in _BEHIND_ALONE.finditer(s.text):
        subject = _subject(s, m.start())
        if subject is None:
            continue
        # the leader: a subject of an earlier clause of this sentence, else the one the
        # sentence before spoke of
        earlier = [x for x in s.models if x.end <= m.start() and x.text != subject]
        leaders = subjects(s.text, earlier, s.objects)
        leader = leaders[-1].text if leaders else s.prev_subject
        if leader is None or leader == subject:
            continue
        _add_pair(s, found, subject, leader, "trails", m.start())
    return found


# "ranks behind only Gemini 2.5 Pro", "trails only GPT-5 and o3", "is beaten only by X":
# the names said are all that stand above, so the place is one past them
_ONLY_ABOVE = regex(
    r"\b(?:(?:behind|below|trails?|trailed|trailing|lags?|lagged|lagging)(?:\s+behind)?\s+only|"
    r"only\s+(?:behind|below)|"
    r"(?:beaten|outranked|outscored|outperformed|surpassed|bested|topped|edged\s+out)\s+"
    r"only\s+by)\s+(?:by\s+)?(?:[A-Z][\w.&-]*['’]s\s+)?(?:the\s+)?$",
    re.IGNORECASE,
)
# the run of names goes on past what the sentence names: "only A, B and a few others"
_RUN_GOES_ON = regex(
    r"\s*(?:,\s*|\s+)(?:and|or|&|plus)\s+(?!(?:is|was|now|it|has)\b)|\s*,\s*(?-i:[a-z])", re.I
)


def find_behind_only(s: Sentence) -> list[Hit]:
    found: list[Hit] = []
    for first in s.models:
        cue = _ONLY_ABOVE.search(s.text, max(0, first.start - 60), first.start)
        if cue is None or any(cue.end() <= x.start < first.start for x in s.models):
            continue
        run = [first]
        for m in s.models:
            if m.start >= run[-1].end and NAMES_JOINED.match(s.text[run[-1].end : m.start]):
                run.append(m)
        if _RUN_GOES_ON.match(s.text, run[-1].end):
            continue  # "behind only GPT-5 and two Gemini models": the count is not said
        _rank(s, found, cue.start(), len(run) + 1)
    return found


def find_gains(s: Sentence) -> list[Hit]:
    found: list[Hit] = []
    for a, b in zip(s.models, s.models[1:], strict=False):
        if _GAIN_OF.search(s.text[max(0, a.start - 30) : a.start]) and _GAIN_OVER.match(
            s.text[a.end : b.start]
        ):
            _add_pair(s, found, a.text, b.text, "beats", a.start)
    return found


# after the verb patterns (patterns.FINDERS); order matters: a list continues the places
# said outright, score comparisons read the scores found before them
FINDERS: tuple[Finder, ...] = (
    *PATTERN_FINDERS,
    find_placed,
    find_fronted_places,
    find_ordered_list,
    find_shared_places,
    find_ordinals,
    find_ranked_lists,
    find_second_places,
    find_gap_trends,
    find_superlatives,
    find_named_superlatives,
    find_respective_scores,
    find_score_slots,
    find_paired_scores,
    find_score_comparisons,
    find_compared,
    find_gains,
    find_behind_the_leader,
    find_behind_only,
    find_place_phrases,
)


# "Grok 3 and Gemini 2.5 Pro rank first and second, respectively": places in the
# names' order
_ORDINAL_WORD = (
    r"(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|\d{1,3}(?:st|nd|rd|th))"
)
_RESPECTIVE_PLACES = regex(
    r"\b(?:rank|ranked|are|were|placed|place|finished|finish|came|come|sit|sat|took|take|"
    r"hold|held)\s+(?:in\s+)?(?:the\s+)?"
    rf"(?P<places>{_ORDINAL_WORD}(?:(?:,\s*and\s+|,\s*|\s+and\s+){_ORDINAL_WORD})+)"
    r"(?:\s+places?)?[^.;]{0,40}?,?\s+respectively\b",
    re.IGNORECASE,
)


# "the distance between X and Y is 36 points": a gap's number, no one's score
_DISTANCE = regex(
    r"\b(?:distance|gap|difference|margin|spread)\s+between\b(?:[^.;]|\.(?=\w))*$|"
    # "GPT-4.5's lead over it is still 29 points", "its advantage on coding stands at 40",
    # "the gap to Gemini is now 29 points": a gap's measure, not anyone's score ("holds
    # the lead with 1470" is one: "with" is no gap's word)
    r"\b(?:lead|gap|margin|advantage|deficit|edge)\s+(?:over|to|on|of|behind|against|"
    r"is|was|stands|remains|sits|has\s+(?:grown|shrunk|narrowed|widened)\s+to)\b"
    r"(?:[^.;,]|\.(?=\w))*$",
    re.IGNORECASE,
)
# "GPT-4.1 and DeepSeek-R1, 11th and 12th": places right after the names, in order
_PLACES_AFTER_NAMES = regex(
    r"\s*(?:,\s*|\s+(?:sit|sat|are|were|rank|ranked|placed|came|come|finished)\s+)"
    rf"(?:at\s+|in\s+)?(?P<places>{_ORDINAL_WORD}(?:(?:,\s*and\s+|,\s*|\s+and\s+)"
    rf"{_ORDINAL_WORD})+)\b",
    re.IGNORECASE,
)


def _place(word: str) -> int:
    return ORDINALS.get(word.lower()) or int(re.sub(r"\D", "", word))


def find_respective_places(s: Sentence) -> list[RankHit]:
    found: list[RankHit] = []
    cues = list(_RESPECTIVE_PLACES.finditer(s.text))
    cues += [p for m in s.models if (p := _PLACES_AFTER_NAMES.match(s.text, m.end))]
    for r in cues:
        named = [m for m in s.models if m.end <= r.start()]
        if not named:
            continue
        run = joined_names(s, named[-1], _NAMES_JOIN)
        places = re.findall(_ORDINAL_WORD, r.group("places"), re.IGNORECASE)
        if len(run) != len(places) or len(run) < 2:
            continue
        found += [
            RankHit(
                model=m.text,
                rank=_place(p),
                start=r.start(),
                negated=_near_negation(s.text, r.start()),
            )
            for m, p in zip(run, places, strict=True)
        ]
    return found


def find_all(s: Sentence) -> list[Hit]:
    """Every claim hit of one sentence, in the order of their cues."""
    s.objects = object_starts(s.text, s.models, s.unlisted)
    hits = run_finders(s, FINDERS)
    if respective := find_respective_places(s):
        # the places go to the names in order, not each to the nearest name
        hits = [h for h in hits if not isinstance(h, RankHit)] + respective
        hits.sort(key=lambda h: h.start)
    return hits


# Same matches, found sooner: literal checks before the patterns (bot/extract/prefilter.py).
from bot.extract.prefilter import prefilter_patterns  # noqa: E402

prefilter_patterns(globals())
