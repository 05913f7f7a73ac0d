"""What a sentence does with a claim: asserts it, denies it, or predicts it.

A claim's cue (the verb, "#3", "the leading model") sits in a clause; the words of
that clause before the cue decide its mood:

    negation  "doesn't beat", "didn’t", "can't", "cannot", "is not", "never",
              "no longer", "fails to", "has yet to", "is no match for"
    forecast  a modal or future before the cue ("could soon overtake", "may top",
              "will beat", "is expected to", "is set to", "is on track to"), or
              the cue inside an "if" clause; not "could" after evidence ("the
              numbers suggest X could top Y": a hedge about now)
    rejected  the claim is reported to be denied ("rejected claims that ...",
              "disputes that ...", "it is false that ...", "claims that ... are false")

Only the clause before the cue counts: "X, which is not open, beats Y" negates the
relative clause, not the comparison. A negation that is itself negated ("not only",
"not just", "no doubt") asserts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.extract.lazy import lazy
from bot.extract.lexicon import NOT_NEGATING
from bot.extract.regexes import regex

# Where a clause starts: a new sentence part, a coordinating or subordinating word.
_CLAUSE_BREAK = regex(
    # ", reaching 95.8%": a participle after a comma starts its own clause, so a
    # negation in the relative clause before it ("tasks that don't require ...") is not its
    r"[;:()–—]|,\s+(?:but|while|whereas|although|though|which|who|where|and|so)\b|"
    r",\s+(?=[a-z]+ing\b)|"
    # "is no longer maintained and has been replaced by Y": a second predicate
    r"\sand\s+(?=(?:has|have|had|is|are|was|were)\s)|"
    # "does not beat X and trails Y": a second verb of ranking is a claim of its own
    r"\sand\s+(?=(?:\w+ly\s+|still\s+|now\s+)?(?:trails|beats|leads|ranks|sits|lags|tops|"
    r"outperforms|outranks|remains|falls|comes|stays|edges|overtakes|surpasses)\b)|"
    r"\b(?:but|while|whereas|although|though|which|who|that)\b",
    re.IGNORECASE,
)
_RELATIVE = regex(r"\b(?:which|who)\b", re.IGNORECASE)
_NEG = regex(
    r"(?:\b(?:not|never|no longer|cannot|can\s+not|nor|neither|fails?\s+to|failed\s+to|"
    # "was unable to surpass Y", "proved incapable of matching Y"
    r"failing\s+to|(?:unable|powerless)\s+to|incapable\s+of|has\s+yet\s+to|have\s+yet\s+to|is\s+yet\s+to|are\s+yet\s+to|"
    r"yet\s+to|no\s+match\s+for|nowhere\s+near|far\s+from)\b|n['’‘`]t\b|"
    # "is no better than Y", "no more capable than Y": "no" right before the comparative
    r"\bno\s+$)",
    re.IGNORECASE,
)
# "doesn't beat o3 by much": it beats it, narrowly
_BY_MUCH = regex(
    r"[^,.;]{0,60}?\bby\s+(?:much|a\s+lot|far|a\s+(?:wide|large|big|huge)\s+margin)\b",
    re.IGNORECASE,
)
# "doesn't rank above GPT-4o for nothing", "does not lead without reason": a denial of
# the claim's having no cause affirms it
_NOT_IDLY = regex(
    r"[^,.;]{0,80}?\b(?:for\s+nothing|without\s+(?:good\s+)?(?:reason|cause)|by\s+accident|"
    r"by\s+chance)\b",
    re.IGNORECASE,
)
# a comparison added after a comma, with no verb of its own
_APPENDED = regex(
    r"(?:well\s+|just\s+|far\s+|still\s+)?(?:behind|below|under|ahead\s+of|above|"
    r"in\s+front\s+of|(?:lower|higher|better|worse|weaker|stronger)\s+than|trailing|beating|"
    r"outscoring|outranking)\b",
    re.IGNORECASE,
)
_AFTER_COMMA = regex(r"[,;(–—]\s*$")
_ASIDE_AFTER_NOT = regex(r"\b(?:not|never|n['’]t|no\s+longer)\s*[,(–—][^,;]{0,60}$", re.I)
# "almost beats", "nearly topped": it did not
_ALMOST = regex(
    r"\b(?:almost|nearly|just\s+missed|narrowly\s+missed|c(?:a|o)mes?\s+close\s+to|"
    r"(?:fell|falls?|stopped|stops?)\s+(?:just\s+)?short\s+of)\s+$",
    re.IGNORECASE,
)
_TIED = regex(r"(?:match|equal|tie|tying|drew|draw)", re.IGNORECASE)
# "Critics questioned whether X tops Y", "It is unclear whether", "Some doubt that": the
# claim is asked about, not made
# (a benchmark "which measures whether a model can ..." asks nothing)
_ASKED = regex(
    r"\b(?:(?:asked|asks|ask|tested|tests|test|checked|checks|check|examined|examines|"
    r"question(?:s|ed)?|wonder(?:s|ed)?|debated?|unclear|uncertain|unknown|not\s+clear|"
    r"doubtful)\s+(?:whether|if)|doubts?\s+(?:that|whether)|doubted\s+(?:that|whether)|"
    # "We'll see whether X can take back first place", "it remains to be seen if ..."
    r"(?:see|seen|find\s+out|tell|know|watch)\s+(?:[\w-]+\s+){0,3}?(?:whether|if)|"
    # "I'm not convinced that ...", "analysts are skeptical that ...": doubted, not said
    r"(?:not\s+(?:yet\s+)?convinced|unconvinced|s[kc]eptical|dubious)\s+(?:that|whether)|"
    # "Nor is it obvious that ...", "It is not clear that ..."
    r"(?:not|nor\s+is\s+it|isn['’]t)\s+(?:obvious|clear|certain|evident)\s+(?:that|whether)|"
    # "It's not clear o1 is actually better than GPT-4o"
    r"\bit(?:['’]s|\s+is)\s+(?:not|far\s+from)\s+(?:obvious|clear|certain|evident)|"
    # "It's not that X trails Y; it's that ...": what is set aside is neither said nor
    # denied
    r"\bit(?:['’]s|\s+is|\s+was)\s+not\s+that|\bit\s+(?:is|was)n['’]t\s+that)\b",
    re.IGNORECASE,
)
# "Whether X can close the gap is an open question"; 'CLAIM: "Llama 4 beats GPT-4o."':
# a claim set out to be checked, not made
# "X beats Y on LMArena? lol no.", "Wait, X beats Y?!": a question in mid-sentence (a
# lower-case reply keeps it one sentence) asks, it does not assert
_ASKED_HERE = regex(r"(?:[^.!;?\n]|[.!;](?!\s))*\?")  # ("3.7": no sentence's end)
_WHETHER_FIRST = regex(r"\W*(?:whether\b|(?:claim|rumou?r|myth)\s*:)", re.IGNORECASE)
_SO_THEY_SAY = regex(
    r"[-–—,]\s*or\s+so\s+(?:the\s+)?(?:marketing|story|claim|pitch|company|lab|they|it)\s+"
    r"(?:goes|says|claims|would\s+have\s+it)\b",
    re.IGNORECASE,
)
_CLOSE_TO = regex(r"\bc(?:a|o)m(?:es?|ing)\s+close\s+to\s+$", re.IGNORECASE)
_GERUND = regex(r"[a-z]+ing\b", re.IGNORECASE)
_GAP_CLOSING = regex(
    r"(?:caught|catch\w*|eras\w+|clos\w+|narrow\w*|halv\w+|shr[iu]nk\w*|wip\w+|the\s+gap)\b",
    re.IGNORECASE,
)
_UNREACHED = regex(
    r"\b(?:(?:nearly|almost)\s+(?:(?!\d)[\w-]+\s+){0,2}|all\s+but\s+|narrowly\s+missed\s+|"
    r"just\s+missed\s+|on\s+the\s+verge\s+of\s+|"
    r"(?:[\w-]+\s+){1,2}away\s+from\s+|within\s+(?:a\s+)?(?:reach|striking\s+distance)\s+of\s+|"
    r"(?:hop(?:es|ed|ing)|tr(?:ies|ied|ying)|struggl(?:es|ed|ing)|aim(?:s|ed|ing)?|seek(?:s|ing)?|"
    r"want(?:s|ed)?|bid(?:s|ding)?|attempt(?:s|ed|ing)?|look(?:s|ing)?|push(?:es|ing)?|"
    r"vy(?:ing)?|vies|battl(?:es|ing))\s+(?:to|for)\s+"
    # "aims to climb to third", "hopes to break into the top five": the verb it hopes for
    r"(?:(?!(?:be|is|are)\b)[a-z]+\s+(?:back\s+)?)?)$",
    re.IGNORECASE,
)
# "was expected to finish second", "had been tipped to take the crown": what was once
# foreseen is neither said of now nor a forecast the text makes
_ONCE_EXPECTED = regex(
    r"\b(?:was|were|had\s+been)\s+(?:widely\s+|long\s+)?(?:expected|tipped|predicted|"
    r"projected|forecast|supposed|slated|poised|favou?red)\s+to\s+(?:[\w-]+\s+){0,3}$",
    re.IGNORECASE,
)
# "is unlikely to top", "seems unlikely to hold on to first": a forecast that it will not
_UNLIKELY = regex(r"\b(?:unlikely|improbable)\s+to\b(?!\s+(?:not|never)\b)", re.IGNORECASE)
_SUPPOSED = regex(
    r"[a-z]+ing\b[^,.;:]{0,80}?\b(?:would|could|might|will|'d)\s+(?:(?:\w+ly|surely|still)\s+)?"
    r"(?:be|mean|make|come\s+as|surprise|shock|stun|change|upend)\b",
    re.IGNORECASE,
)
_PAST_VERB = regex(r"\b(?:was|were|had|led|held|sat|took|stood|beat|won|came|[a-z]{2,}ed)\b", re.I)
# "until March", "before Gemini 2.5 Pro arrived": a span's end, said in the past
_BOUNDED = regex(
    r"\b(?:until|till|up\s+until)\s+(?!now\b|today\b|recently\b|this\s+week\b)[\w-]|"
    r"\bbefore\s+(?!(?:the\s+)?style\b)(?:the\s+|its\s+|their\s+|[A-Z0-9])",
    re.IGNORECASE,
)
# "has held the top spot — but only until March": the span's end set off after the clause
_BOUNDED_AFTER = regex(r"\s*[-–—,;(]\s*(?:but\s+)?(?:only\s+)?(?:until|till)\s+\w", re.IGNORECASE)
# "GPT-4o was first, then Gemini took over": first before a time the text does not date
_SUCCEEDED_AFTER = regex(
    r"[^.;]{0,80}?,?\s*(?:and\s+|but\s+)?then\s+[^,;]{0,60}?\b(?:took\s+over|overtook|"
    r"replaced\s+(?:it|them)|took\s+(?:the\s+|its\s+)?(?:top|lead|crown|first)|dethroned|unseated)\b|"
    # "was knocked off the top spot by Y, but regained it a week later": undone since
    r"(?:[^.;]|\.\d){0,100}?,?\s*(?:and|but)\s+(?:later\s+|soon\s+|quickly\s+)?(?:regained|reclaimed|retook|"
    r"took\s+back|won\s+back|recaptured)\b",
    re.IGNORECASE,
)
# "o1-preview never overtook X": at no time, not at one date ("has never" reaches now)
_NEVER_PAST = regex(
    r"(?<!\bhas )(?<!\bhave )(?<!\bhad )\bnever\s+(?:once\s+)?(?:overtook|beat|led|took|held|won|"
    r"rose|came|was|were|made|broke|cracked|reached|[a-z]+ed)\b",
    re.IGNORECASE,
)
# "..., but that is not true": denied after it is said
_DENIED_AFTER = regex(
    # "..., according to a viral post that turned out to be wrong"
    r"(?:[^.;]|\.(?=\d)){0,120}?\baccording\s+to\s+[^.;]{0,60}?\b(?:that|which)\s+(?:later\s+)?"
    r"(?:turned\s+out|proved|was|were|has\s+been)\s+(?:to\s+be\s+)?"
    r"(?:wrong|false|incorrect|mistaken|untrue|fake|bogus)\b|"
    r"(?:[^.;]|\.(?=\d)){0,80}?,\s*(?:but|yet)\s+(?:that|this|it)(?:\s+is|\s+was|['’]s)\s+"
    r"(?:not\s+(?:true|the\s+case|so)|false|untrue|wrong)\b|"
    # "..., which it is not"; "...; our reading of the board does not back that up"
    r"(?:[^.;]|\.(?=\d)){0,80}?,\s*which\s+(?:it|they)\s+(?:is|are|was|were)\s*(?:n['’]t|not)\b|"
    # "..., which is not the case"; "..., but it doesn't."
    # (not "which was not the case a year ago": another time's, and this one's holds)
    r"(?:[^.;]|\.(?=\d)){0,120}?,\s*which\s+(?:is|was)\s*(?:n['’]t|not)\s+(?:the\s+case|true|so|correct|"
    r"accurate)\s*(?:[.!]|$)|"
    r"(?:[^.;]|\.(?=\d)){0,120}?,\s*(?:but|yet)\s+(?:it|they|that|this|he|she)\s+(?:does|do|did|is|are|was|"
    r"were|has|have|had)\s*(?:n['’]t|not)\s*(?:(?:so|true|the\s+case|right)\s*)?(?:[.!]|$)|"
    r"[^.]{0,200}?[;,:]\s*(?:but\s+|yet\s+)?[^.;]{0,60}?\b(?:does|do|did)\s*(?:n['’]t|not)\s+"
    r"(?:back\s+(?:that|this|it)\s+up|support\s+(?:that|this|it)|bear\s+(?:that|this|it)\s+out)",
    re.IGNORECASE,
)
_WON = regex(
    r"(?:beat|top|overt[ao]ok|overtak|surpass|outperform|outrank|pass|dethron|unseat|lead|led|"
    r"overtake|claim|take|took|reach|won|win)",
    re.IGNORECASE,
)
# "used to top", "was once the best", "At launch, X ranked second": a past the text
# does not date, judged at no date at all (unless it says "now" as well)
# pasts that may also stand before a whole sentence ("For most of 2024, ...: X led")
_PAST_PHRASES = (
    # ("in the past six months" is a period up to now: dates.py)
    r"formerly|originally|initially|at\s+first|back\s+then|"
    r"in\s+the\s+past(?!\s+(?:\w+\s+)?(?:days?|weeks?|months?|years?|quarters?)\b)|at\s+one\s+point|"
    # "at the time", "by then" point back to a time said before ("at the time of writing",
    # "of this post" say which)
    r"at\s+(?:the|that)\s+(?:time|point)(?!\s+of\b)|by\s+then|by\s+that\s+(?:time|point)|"
    r"previously|until\s+recently|for\s+(?:most|much|all|part)\s+of\s+(?:the|that|last|20\d\d)|"
    # ("earlier this year" before a denial would take in today: no span of its own)
    r"earlier\s+(?:this|that|in\s+the)\s+(?:year|month)|"
    # a time counted from a launch the sentence does not date: "two weeks after launch"
    r"(?:days?|weeks?|months?)\s+(?:after|into)\s+(?:its\s+|their\s+|the\s+)?(?:launch|release|debut)"
)
# a launch the sentence dates ("when it launched in January") dates the claim
_UNDATED = r"(?!\s+(?:in|on|during|last|this|early|late)\s)(?!\s+\d)"
_UNDATED_PAST = regex(
    r"\b(?:(?<!\bbe )(?<!\bis )(?<!\bare )(?<!\bwas )(?<!\bwere )(?<!\bbeen )(?<!\bbeing )"
    r"used\s+to|(?:was|were)\s+once|once\s+(?:was|were|ranked|topped|led|held|beat)|"
    rf"{_PAST_PHRASES}|at\s+(?:its\s+)?(?:launch|release|debut)|"
    r"for\s+(?:several\s+|many\s+)?(?:weeks|months|years)|"
    # ("When it launched in January, ...": dated by its month)
    rf"when\s+(?:it|they)\s+(?:debuted|launched|was\s+released|were\s+released|came\s+out){_UNDATED}|"
    r"(?:was|were)\s+briefly|"
    r"in\s+its\s+(?:first|early|opening)\s+(?:days|weeks|months)|"
    # "was the first model to break 1500": once, at a time the text does not give
    r"(?:was|were)\s+the\s+first\s+(?:[\w-]+\s+){0,2}?to)\b",
    re.IGNORECASE,
)
# "which had led the leaderboard since January": a past before the text's own time,
# judged only where the sentence dates it (rules.py)
PLUPERFECT = regex(
    r"\bhad\s+(?:long\s+|briefly\s+|already\s+|previously\s+|once\s+|just\s+)?(?:been|led|held|sat|"
    r"beaten|overtaken|taken|won|risen|fallen|come|gone|\w+ed)\b",
    re.IGNORECASE,
)
# after the cue, in its clause: "climbed to third place after its release"
_UNDATED_AFTER = regex(
    r"[^,;.]{0,60}?\b(?:(?:after|following|upon)\s+(?:its|their)\s+(?:release|launch|debut)|"
    r"at\s+(?:its\s+|their\s+)?(?:launch|release|debut)|"
    # "was #1 on LMArena for months", "ranked first earlier in the year"
    r"for\s+(?:several\s+|many\s+)?(?:weeks|months|years)|"
    r"earlier\s+(?:this|that|in\s+the)\s+(?:year|month)|back\s+then|"
    r"at\s+(?:the|that)\s+(?:time|point)(?!\s+of\b)|"
    # "was number one on LMArena when it launched"
    r"when\s+(?:it|they)\s+(?:first\s+)?(?:debuted|launched|arrived|appeared|came\s+out|"
    rf"was\s+released|were\s+released){_UNDATED}|"
    r"for\s+a\s+(?:time|while|spell|stretch))\b",
    re.IGNORECASE,
)
# "topped LMArena for a few weeks", "..., at least for two weeks", "led it briefly", "at
# one point": some time the text does not date, said after the cue
_UNDATED_TAIL = regex(
    r"(?:[^.;]|\.(?=\d)){0,60}?\b(?:for\s+(?:a\s+few|a\s+couple\s+of|several|many|two|three|"
    r"four|five|six|\d+|a)\s+(?:days|weeks|months|years)\b(?!\s+now)|briefly|at\s+one\s+point)\b"
    # (a month said after it dates the claim: "was briefly the top model in January")
    r"(?![^.;]{0,40}\b(?:in|on|during|by)\s+(?:early\s+|late\s+|mid-?)?(?:January|February|March|"
    r"April|May|June|July|August|September|October|November|December|20\d\d)\b)",
    re.IGNORECASE,
)
# "briefly ranked #1", "once ranked first": at a time the text does not give ("briefly
# tops" is now)
_BRIEFLY_PAST = regex(
    r"\b(?:briefly|once)\s+(?:\w+ed|led|held|sat|took|overtook|beat|hit|rose|won)\b", re.IGNORECASE
)
# a past set before the whole sentence: "For most of 2024, the story was simple: ..."
_FRONTED_PAST = regex(rf"\W*(?:{_PAST_PHRASES})\b", re.IGNORECASE)
# "has led LMArena for months": a past that reaches the present is no undated past
_PERFECT = regex(r"\b(?:has|have)\b(?!\s+(?:a|an|the|its|their)\b)|['’]s\s+been\b", re.I)
_NOW = regex(r"\b(?:now|currently|today|still)\b", re.IGNORECASE)
# A modal or future governing the cue: it stands at most three words before it, so
# "could barely play the games, scoring 0.4%" is no forecast of the score.
_FORECAST = regex(
    r"\b(?:could|(?-i:may)|might|will|would|shall|won['’]t|is\s+going\s+to|are\s+going\s+to|"
    # "is unlikely to close", "is not expected to": a forecast that it will not
    r"(?:is|are)\s+(?:widely\s+)?(?:not\s+)?(?:expected|set|poised|(?:un)?likely|projected|predicted|forecast|"
    r"tipped|slated|on\s+track|on\s+course|about|bound)\s+to|"
    r"(?:expects?|predicts?|forecasts?|projects?|anticipates?)(?:\s+that)?(?:\s+it)?(?:\s+will)?|"
    # "expect the gap between open and closed models to keep shrinking"
    r"(?:expects?|expected|predicts?|predicted|anticipates?|anticipated)\s+"
    r"(?:[\w.'’-]+\s+){1,10}?to|"
    r"(?<=\w)['’]ll|(?:a\s+)?matter\s+of\s+time\s+before|"
    # what ought to be is no more a fact than what will be: "should be ranked higher"
    r"should|ought\s+to|deserves?\s+to)\s+(?:[\w.'’-]+\s+){0,3}$",
    re.IGNORECASE,
)
# "The leaked numbers hint that X could top Y", "he said it could go toe to toe with Y":
# a possibility the evidence (or its author) gives now, not a forecast, unless the modal
# looks ahead ("could soon", "may eventually").
_EVIDENTIAL = lazy(
    r"\b(?:hints?|hinted|suggests?|suggested|indicates?|indicated|implies|implied|shows?|"
    r"showed|shown|points?\s+to|means?|"
    # a reported ability: "he said it could go toe to toe with ..."
    r"says|said|claims|claimed|argues|argued|boasts|boasted)\s+(?:that\s+)?"
    # the claim's subject (a name of a few words), then the modal
    r"(?:[\w.'’-]+\s+){1,6}?(?:could|(?-i:may)|might)\s+(?:[\w-]+\s+){0,3}$",
    re.IGNORECASE,
)
_AHEAD = regex(
    r"\b(?:soon|eventually|next|later|someday|one\s+day|shortly|within\s+(?:months|weeks|"
    r"(?:a|the)\s+(?:year|month)|days)|by\s+(?:year-end|the\s+end\s+of|next)|in\s+the\s+coming)\b",
    re.I,
)
# odds and scenarios, anywhere before the cue: "a 30% chance that ...", "Bull case:"
_ODDS = regex(
    # "This will be the year open models catch up"
    r"\bwill\s+be\s+the\s+(?:year|month|moment|day)\b|"
    r"\b(?:probability|chance|odds|likelihood)\s+(?:that|of)\b|"
    r"\b(?:bull|bear|base)(?:[- ]case)?\s*(?:case|scenario)?\s*:|\bscenario\s*:",
    re.IGNORECASE,
)
# The cue inside an "if" clause: "if Gemini 3 beats GPT-5 ..." asserts nothing yet.
# ("once style is accounted for" and "once LMArena added it" speak of now or the past;
# a "once" that looks ahead has its "will")
_CONDITION = regex(r"(?:^|[\s,;(\"“])(?<!as )(?<!even )(?:if|unless)\s", re.IGNORECASE)
_REJECTED = regex(
    # ("No one disputes that X is first" affirms it)
    r"(?<!\bone\s)(?<!\bnobody\s)(?<!n['’]t\s)(?<!\bnot\s)(?<!\bcannot\s)"
    r"\b(?:rejects?|rejected|denies|denied|disputes?|disputed|debunk(?:s|ed)?|refutes?|"
    r"refuted|dismiss(?:es|ed)?)\s+(?:the\s+)?(?:claims?|reports?|suggestions?|idea|notion)?"
    r"\s*(?:that\b)?|\bit\s+is\s+(?:false|untrue|not\s+true)\s+that\b|"
    r"\bcontrary\s+to\s+(?:claims|reports)\b|"
    # "It is very unlikely that X will top LMArena": the writer expects it not to
    r"\bit(?:\s+is|\s+was|['’]s|\s+seems|\s+looks)\s+(?:very\s+|highly\s+|extremely\s+)?"
    r"(?:unlikely|improbable|doubtful)\s+that\b|"
    r"\b(?:nobody|no\s+one|few\s+people)\s+(?:[\w-]+\s+){0,2}?(?:believes?|thinks?|expects?|buys?|"
    r"claims?|says|argues?|suggests?|pretends?)"
    r"\s+(?:that\s+)?|"
    # "don't believe anyone who says it beats Kimi K2"
    r"\b(?:don['’]t|do\s+not|never)\s+(?:believe|trust|listen\s+to)\s+(?:anyone|anybody|those|"
    r"people|whoever)\s+(?:who\s+)?(?:says?|claims?|tells?\s+you)\s+(?:that\s+)?|"
    # "I don't buy that X beats Y": the writer says the opposite (without "that" the
    # denial stands in the claim's own clause: "we do not think any X outranks Y")
    r"\b(?:I|we)\s+(?:really\s+)?(?:don['’]t|do\s+not)\s+(?:buy|believe|think|accept)\s+that\b|"
    # a correction: what an earlier version said is what it takes back
    r"\b(?:earlier|previously)\s+we\s+(?:said|reported|wrote|stated)\s+(?:that\s+)?|"
    r"\bwe\s+(?:previously|earlier|wrongly|incorrectly|mistakenly)\s+"
    r"(?:said|reported|wrote|stated)\s+(?:that\s+)?|"
    # "incorrectly stated that", "An earlier headline, since changed, suggested that"
    r"\b(?:incorrectly|wrongly|mistakenly|falsely|erroneously)\s+(?:said|stated|reported|"
    r"claimed|suggested|wrote)\s+(?:that\s+)?|"
    r"\b(?:an?|the)\s+(?:earlier|previous|original)\s+(?:headline|draft|tweet|post)\b"
    r"[^.;]{0,80}?\b(?:said|stated|reported|claimed|suggested|wrote)\s+(?:that\s+)?|"
    r"\b(?:an?|the)\s+(?:earlier|previous|original)\s+version"
    r"(?:\s+of\s+this\s+(?:article|story|post|piece|report))?\s+"
    r"(?:\w+\s+)?(?:said|stated|reported|claimed|suggested)\s+(?:that\s+)?|"
    r"\bit\s+(?:would\s+be|is)\s+(?:wrong|false|misleading|a\s+mistake)\s+to\s+(?:say|claim|suggest)\s+that\b|"
    # "It is not the case that", "It's not true that", "It isn't true that"
    r"\bit(?:\s+is|\s+was|['’]s)\s+not\s+(?:the\s+case|true|so)\s+that\b|"
    r"\bit\s+(?:is|was)n['’]t\s+(?:the\s+case|true|so)\s+that\b|"
    # "It's hard to argue that X is not the strongest": the writer says it is
    r"\b(?:hard|difficult)\s+to\s+(?:argue|claim|say|deny)\s+(?:that\s+)?|"
    r"\bit(?:['’]s|\s+is)\s+(?:a\s+)?(?:myth|false|untrue|wrong)\s+(?:to\s+say\s+)?that\b|"
    r"\bfew\s+(?:people\s+|observers\s+|analysts\s+)?(?:would\s+)?(?:argue|believe|think|claim)"
    r"(?:\s+that\b|\s+(?=[\w.'’-]+(?:\s+[\w.'’-]+){0,5}\s+(?:will|would|could|can|is|are|has|have)\b))",
    re.IGNORECASE,
)

# "Claims that X beats Y are false", "reports that X leads were not borne out": the
# claim is reported, then denied after it
_CLAIM_THAT = regex(
    r"\b(?:claims?|reports?|suggestions?|assertions?|rumou?rs?|idea|notion|talk|belief)\s+that\b|"
    # "Anyone who says X trails Y is wrong"
    r"\b(?:anyone|anybody|those|people|whoever)\s+(?:who\s+)?(?:says?|claims?|thinks?|believes?)\b",
    re.IGNORECASE,
)
_FALSE_AFTER = regex(
    # ("is not wrong" is no denial)
    r"\b(?:are|is|were|was|has\s+been|have\s+been|proved|proven|turned\s+out)\s+"
    r"(?:(?!not\b|never\b)\w+\s+)?(?:to\s+be\s+)?(?:false|untrue|wrong|unfounded|misleading|overblown|exaggerated|"
    r"premature|debunked|not\s+true|not\s+borne\s+out|(?:a\s+)?myth|nonsense)\b|"
    # "Claims that X beats Y do not survive a look at the data"
    r"\b(?:do|does|did)\s*(?:n['’]t|\s+not)\s+(?:survive|hold\s+up|stand\s+up|withstand|bear\s+scrutiny)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Mood:
    negated: bool = False
    forecast: bool = False
    undated_past: bool = False
    asked: bool = False  # "questioned whether ...": no claim is made


# "X, which ranked third at launch, now sits tenth": the time turns at the comma
_NOW_TURN = regex(r",\s+(?=(?:now|today|currently|still|these\s+days)\b)", re.IGNORECASE)


def _clause_end(text: str, pos: int) -> int:
    """Where the clause the cue at `pos` stands in ends."""
    found = (_CLAUSE_BREAK.search(text, pos + 1), _NOW_TURN.search(text, pos))
    return min((m.start() for m in found if m is not None), default=len(text))


def clause_before(text: str, pos: int, start: int = 0) -> str:
    """The words between the start of the cue's clause (not before `start`) and `pos`."""
    begin = start
    relative = False
    # the search runs past `pos` so a break may look at the cue itself (", trailing")
    for m in _CLAUSE_BREAK.finditer(text, start, pos + 20):
        if m.end() <= pos:
            begin = max(begin, m.end())
            relative = bool(_RELATIVE.search(m.group()))
    if relative and (comma := text.rfind(",", begin, pos)) >= 0:
        begin = comma + 1  # "X, which is not open, beats Y": the relative clause closed
    return text[begin:pos]


def mood(text: str, pos: int, subject_end: int | None = None) -> Mood:
    """The mood of the claim whose cue starts at `pos`.

    `subject_end`, when known, is where the claim's subject ends: words between it
    and the cue belong to the claim ("Grok 4 doesn't beat"), words before it may not.
    """
    lead = clause_before(text, pos)
    if subject_end is not None and subject_end <= pos:
        between = text[subject_end:pos]
        # the subject's own clause may start before the last clause break
        if len(between) < len(lead) or not _CLAUSE_BREAK.search(between):
            lead = between
    negated = bool(_NEG.search(NOT_NEGATING.sub(" ", lead)))
    comma = _AFTER_COMMA.search(text, 0, pos) if negated else None
    if comma and _APPENDED.match(text, pos) and not _ASIDE_AFTER_NOT.search(text, 0, comma.start()):
        # "K2 did not enter the top ten, lower than GLM-4.5": the denial is the verb's
        # before the comma; the place added after it is said outright ("is not, as
        # some claim, behind it": an aside inside the denied verb's clause)
        negated = False
    almost_tied = False
    if negated and (_BY_MUCH.match(text, pos) or _NOT_IDLY.match(text, pos)):
        negated = False
    if _ALMOST.search(lead):
        if _WON.match(text, pos):
            negated = True
        elif _TIED.match(text, pos):
            almost_tied = True  # "very nearly matched": close, but neither tied nor apart
    clause = clause_before(text, pos)
    unlikely = bool(_UNLIKELY.search(lead))
    if unlikely:
        negated = not negated
    forecast = unlikely or bool(_FORECAST.search(lead)) or bool(_CONDITION.search(clause))
    # "a 30% chance that o3 overtakes ...", "Bull case: o3 tops LMArena": odds, not facts
    forecast = forecast or bool(_ODDS.search(text, 0, pos))
    # "could overtake US models within months": the time ahead may follow the cue
    if forecast and not _AHEAD.search(lead + text[pos:]) and not _CONDITION.search(clause):
        forecast = not _EVIDENTIAL.search(text, max(0, pos - 120), pos)
    if (
        _REJECTED.search(text[:pos])
        or (_CLAIM_THAT.search(text[:pos]) and _FALSE_AFTER.search(text, pos))
        or _DENIED_AFTER.match(text, pos)
    ):
        negated = not negated
    # (the tail's time only of a past: "tops LMArena, briefly ahead of Y" is now)
    tail = _UNDATED_TAIL.match(text, pos) and _PAST_VERB.search(clause + text[pos : pos + 30])
    after = bool(_UNDATED_AFTER.match(text, pos) or tail) and not _PERFECT.search(clause)
    past = bool(_UNDATED_PAST.search(clause) or _FRONTED_PAST.match(text)) or after
    past = past or bool(_BRIEFLY_PAST.search(clause + text[pos : pos + 15]))
    # "until March", "before Gemini 2.5 Pro arrived": only the end of a span is given
    own = clause + text[pos : _clause_end(text, pos)]
    bounded = _BOUNDED.search(own) or _BOUNDED_AFTER.match(text, _clause_end(text, pos))
    past = past or bool(bounded and _PAST_VERB.search(own))
    past = past or bool(_SUCCEEDED_AFTER.match(text, pos))
    past = past or bool(_NEVER_PAST.search(clause + text[pos : pos + 15]))
    # "X, which ranked third at launch, now sits tenth": the other clause's "now"
    past = past and not _NOW.search(clause + text[pos : _clause_end(text, pos)])
    asked = bool(_ASKED.search(text, max(0, pos - 120), pos) or _WHETHER_FIRST.match(text))
    # "X beats Y - or so the marketing goes": said by others, not asserted
    asked = asked or almost_tied or bool(_SO_THEY_SAY.search(text, pos))
    asked = asked or bool(_ASKED_HERE.match(text, pos))
    # "Gemma 3 beating R1 would be a surprise": a supposition, not a claim
    asked = asked or bool(_SUPPOSED.match(text, pos))
    asked = asked or bool(_ONCE_EXPECTED.search(lead))
    # "nearly cracked the top 5", "hopes to crack it", "one vote away from taking the crown":
    # a place not reached (the verbs of winning this has always negated stay negated)
    # ("nearly 30 points ahead": "nearly" measures the number)
    # ("all but erased the gap", "almost caught up": a gap that closed by that much)
    unreached = (
        not negated and not text[pos : pos + 1].isdigit() and not _GAP_CLOSING.match(text, pos)
    )
    asked = asked or (unreached and bool(_UNREACHED.search(text, max(0, pos - 60), pos)))
    # "came close to cracking the top 5" (while "comes close to Y" is a place behind Y)
    asked = asked or (
        unreached and bool(_CLOSE_TO.search(text, 0, pos) and _GERUND.match(text, pos))
    )
    return Mood(negated=negated, forecast=forecast, undated_past=past, asked=asked)


# Same matches, found sooner: literal checks before the patterns (bot/extract/prefilter.py).
from bot.extract.prefilter import prefilter_patterns  # noqa: E402

prefilter_patterns(globals())
