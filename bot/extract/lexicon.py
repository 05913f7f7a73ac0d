"""Fixed vocabulary of ranking talk: boards, benchmarks, ranking words, hedges.

Model, family and organisation names are NOT here: they come from the registry and
the boards (see `names.py`). What is here is the language around them, which does
not change when a new model ships.
"""

from __future__ import annotations

import re

from bot.extract.regexes import regex

# Text name -> board id (store/leaderboards). Longest names first when matching.
BOARDS: dict[str, str] = {
    "lmarena text arena": "lmarena-text",
    "lmarena's text arena": "lmarena-text",
    "text arena": "lmarena-text",
    "lmarena.ai": "lmarena-text",
    "lmarena": "lmarena-text",
    "lm arena": "lmarena-text",
    "chatbot arena": "lmarena-text",
    "lmsys arena": "lmarena-text",
    "lmsys leaderboard": "lmarena-text",
    "lmsys": "lmarena-text",
    "arena leaderboard": "lmarena-text",
    "webdev arena": "lmarena-webdev",
    # LMArena's other arenas: their ratings are not the text arena's
    "search arena": "lmarena-search",
    "vision arena": "lmarena-vision",
    "vision leaderboard": "lmarena-vision",
    "copilot arena": "lmarena-copilot",
    "webdev leaderboard": "lmarena-webdev",
    "web dev arena": "lmarena-webdev",
    "search leaderboard": "lmarena-search",
    "text-to-image leaderboard": "lmarena-text-to-image",
    "image leaderboard": "lmarena-text-to-image",
    "text-to-image arena": "lmarena-text-to-image",
    "image edit arena": "lmarena-image-edit",
    "video arena": "lmarena-video",
    "open llm leaderboard": "open-llm-leaderboard-v2",
    "hugging face leaderboard": "open-llm-leaderboard-v2",
    "artificial analysis intelligence index": "artificial-analysis",
    "artificial analysis": "artificial-analysis",
}

# Text name -> metric id. Open LLM Leaderboard v2 columns use these ids.
BENCHMARKS: dict[str, str] = {
    "mmlu-pro": "mmlu_pro",
    "mmlu pro": "mmlu_pro",
    "mmlu": "mmlu",
    "gpqa diamond": "gpqa",
    "gpqa": "gpqa",
    "ifeval": "ifeval",
    "bbh": "bbh",
    "big-bench hard": "bbh",
    "math lvl 5": "math_lvl5",
    "math level 5": "math_lvl5",
    "musr": "musr",
    "humaneval": "humaneval",
    "swe-bench verified": "swe_bench_verified",
    "swe-bench": "swe_bench",
    "livecodebench": "livecodebench",
    "aime": "aime",
    "arc-agi": "arc_agi",
    "frontiermath": "frontiermath",
    "humanity's last exam": "hle",
    "gdpval": "gdpval",
    "osworld": "osworld",
    "terminal-bench": "terminal_bench",
    "tau-bench": "tau_bench",
    "τ²-bench": "tau_bench",
}

# Arena categories named in text -> board category.
CATEGORIES: dict[str, str] = {
    "coding": "coding",
    "code": "coding",
    "math": "math",
    "mathematics": "math",
    "maths": "math",
    "creative writing": "creative_writing",
    "creative-writing": "creative_writing",
    "hard prompts": "hard_prompts",
    "longer query": "long_user",
    "longer queries": "long_user",
    "multi-turn": "multiturn",
    "instruction following": "if",
    "chinese": "chinese",
    "japanese": "japanese",
    "korean": "korean",
    "french": "french",
    "german": "german",
    "spanish": "spanish",
    "russian": "russian",
}

# Ranking language the gate looks for (lowercased, matched on word boundaries).
RANKING_TERMS: tuple[str, ...] = (
    "tops",
    "topped",
    "top spot",
    "top of the",
    "top-ranked",
    "top ranked",
    "top 10",
    "top ten",
    "top five",
    "top 5",
    "top three",
    "overtake",
    "overtakes",
    "overtook",
    "overtaken",
    "surpass",
    "surpasses",
    "surpassed",
    "outperform",
    "outperforms",
    "outperformed",
    "outperforming",
    "beats",
    "beat",
    "beating",
    "ranks",
    "ranked",
    "ranking",
    "rankings",
    "#1",
    "no. 1",
    "number one",
    "first place",
    "elo",
    "arena score",
    "leaderboard",
    "leaderboards",
    "leader",
    "leading",
    "leads",
    "lead",
    "open-weights",
    "open weights",
    "open-weight",
    "open weight",
    "open-source model",
    "open-source models",
    "open source models",
    "open models",
    "state of the art",
    "state-of-the-art",
    "sota",
    "best model",
    "best open",
    "strongest",
    "frontier",
    "catching up",
    "closing in on",
    "gaining on",
    "caught up",
    "closing the gap",
    "the gap between",
    "ahead of",
    "behind",
    "trails",
    "lags",
    "on par with",
    "matches",
    "scores",
    "scored",
    "benchmark",
    "benchmarks",
)

# Words that make a sentence's claim hedged (reported, predicted or conditional).
HEDGES = regex(
    r"\b(?:reportedly|allegedly|rumou?red|could|may|might|likely|probably|possibly|"
    r"appears? to|seems? to|suggests?|suggested|expected to|is said to|are said to|"
    r"if substantiated|if confirmed|if true|unconfirmed|purportedly|reports? suggest)\b",
    re.IGNORECASE,
)

# Negation close before a claim's verb: "does not beat", "is no longer the top model".
NEGATION = regex(
    r"\b(?:not|n't|never|no longer|fails? to|failed to|has yet to|have yet to|"
    r"yet to|neither|nor)\b",
    re.IGNORECASE,
)

# Who asserts it: "according to X", "X said", "citing X", "X reports".
CLAIMANT_PATTERNS: tuple[re.Pattern[str], ...] = (
    regex(r"\baccording to (?:an? |the )?(?P<who>(?:[A-Z][\w.&'-]*(?:\s+|$)){1,4})"),
    regex(r"\bciting (?:an? |the )?(?P<who>(?:[A-Z][\w.&'-]*\s+){1,4})"),
    regex(
        # a name may start lower-case when a capital follows ("xAI says")
        r"(?<![\w.&'-])(?P<who>(?:[A-Z][\w.&'-]*\s+){0,3}(?:[A-Z]|[a-z]+[A-Z])[\w.&'-]*),? "
        r"(?:said|says|claims|claimed|"
        r"reports|reported|announced|wrote|writes)\b"
    ),
)

# Fallback names for startup ordering only: the registry (store/registry) is the
# source of country facts; these cover demonyms and phrasings it may not list.
COUNTRY_WORDS: dict[str, str] = {
    "china": "CN",
    "china's": "CN",
    "chinese": "CN",
    "prc": "CN",
    "us": "US",
    "u.s.": "US",
    "us-based": "US",
    "usa": "US",
    "u.s.a.": "US",
    "america": "US",
    "america's": "US",
    "american": "US",
    "united states": "US",
    "the united states": "US",
    "the us": "US",
    "the u.s.": "US",
    "france": "FR",
    "french": "FR",
    "europe": "EU",
    "european": "EU",
    "uk": "GB",
    "british": "GB",
    "britain": "GB",
    "india": "IN",
    "indian": "IN",
    "korea": "KR",
    "korean": "KR",
    "south korean": "KR",
    "japan": "JP",
    "japanese": "JP",
    "canada": "CA",
    "canadian": "CA",
    "germany": "DE",
    "german": "DE",
    "israel": "IL",
    "israeli": "IL",
    "uae": "AE",
}


# "not only beats", "not just", "no doubt": negation words that assert; "not much
# worse than" says worse; "X, not Y, tops the board" denies Y, not X's place.
NOT_NEGATING = regex(
    r"\bnot\s+(?:only|just|merely|simply|least|surprisingly|unlike)\b|\bno\s+doubt\b|"
    # "doesn't just beat it, it crushes it", "never fails to beat": more than asserted
    # ("didn't just barely beat it", "doesn't just yet": "just" goes with the next word)
    r"n['’‘`]t\s+(?:only|just|merely|simply)\b(?!\s+(?:barely|yet|about|now|quite))|"
    r"\b(?:never|not|n['’‘`]t)\s+(?:fails?|failed|failing)\s+to\b|"
    r"\bnot\s+(?:much|far|significantly|a\s+lot|hugely|dramatically|that\s+much)\b|"
    r",\s*not\s+[^,;]{1,40},",
    re.IGNORECASE,
)
