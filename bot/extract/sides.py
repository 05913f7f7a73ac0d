"""A comparison's other side described, not named: "beats its predecessor", "outperforms
both enterprise document processing solutions as well as AI-native OCR solutions",
"ahead of both AI-native and enterprise solutions", "comes close to its very large and
much slower competitors".

Lab posts set their model against kinds of systems as often as against named ones. No
board lists such a side, so a claim about it is judged "model not found"; it is kept
with the words the text uses, each side of a coordination on its own ("both A and B
solutions" is A solutions and B solutions). A description must end where the object
ends (a clause, a scope, a margin or another side follows): "the best system using
depth" is cut short of what it describes, and is no side. "Both open and closed
models" are two groups, read as groups elsewhere (groups.py), never shared out here.
"""

from __future__ import annotations

import re

from bot.extract.names import Mention
from bot.extract.regexes import regex

# kinds of system a side may be described as
_PLURAL = (
    r"predecessors|models|competitors|rivals|alternatives|systems|versions|peers|"
    r"generations|LLMs|solutions|approaches|methods|baselines|providers|offerings|"
    r"products|services|tools|engines|counterparts|classifiers|embedders"
)
_SINGULAR = (
    r"predecessor|model|competitor|rival|alternative|system|version|generation|approach|"
    r"method|baseline|solution|counterpart"
)
# "state of the art" is one modifier, written with or without hyphens; "U.S." another
_MODIFIER = r"(?:state[- ]of[- ]the[- ]art|(?:[A-Z]\.){2,}|[\w'’-]+),?\s+"
# words no description is made of: a preposition or a clause word ends the object
_NOT_MODIFIER = (
    r"(?!(?:such|like|including|on|in|at|for|by|with|and|or|as|than|to|of|over|from|among|"
    r"amongst|within|while|when|where|which|that|who|is|are|was|were|the|a|an|its|their|"
    r"those|these|our|all|both)\b)"
)
_SIZE = (
    r"(?:\s+(?:that\s+are\s+)?(?:up\s+to|over|more\s+than)?\s*"
    r"(?:\d+(?:\.\d+)?|two|three|four|five|six|seven|eight|nine|ten|twenty)\s*(?:x|×|times)\s+"
    r"(?:its|their)\s+size)?"
)
_ONE = (
    r"(?:"
    # after a determiner any modifiers, "and" among them: "its very large and much
    # slower competitors"
    r"(?:(?:some|many|several|most|one|each|any)\s+of\s+(?:its|their|our|the)|"
    r"a\s+(?:number|range|host|handful|variety|couple|lot)\s+of|its|their|our|"
    # "OpenAI's large embedding model", "today's top providers": an owner's model
    # described, not named
    r"[\w.&-]+['’]s|"
    r"the|a|an|many|several|some|most|previous|prior|competing|comparable|other|existing|"
    r"leading)\s+"
    r"(?:(?!(?:such|like|including|than|while|which|that|by|of|on|in|at|for|to|with|from)\b)"
    rf"{_MODIFIER}){{0,5}}?"
    rf"(?:{_PLURAL}|{_SINGULAR})|"
    # a plural without one: "much larger models", "dedicated, state of the art
    # transcription models" ("leads among open models" names a scope, not a side)
    rf"(?:{_NOT_MODIFIER}{_MODIFIER}){{0,4}}?(?:{_PLURAL})(?!\s+from\b)"
    rf"){_SIZE}"
)
# where a side ends: a clause, a scope, a margin, another side
_END = (
    r"(?=\s*(?:[,.;:)!?]|$|[—–]|\s(?:by|on|in|at|across|for|from|when|while|with|and|or|as|"
    r"but|per|\w+ly)\b))"
)
_SIDE = regex(
    rf"\s+(?:(?:both|even|also)\s+)?(?:the\s+performance\s+of\s+)?(?P<what>{_ONE}){_END}",
    re.IGNORECASE,
)
_NEXT_SIDE = regex(
    rf"\s*,?\s+(?:and|or|as\s+well\s+as)\s+(?:even\s+|also\s+)?(?P<what>{_ONE}){_END}",
    re.IGNORECASE,
)
# "both AI-native and enterprise solutions": two sides sharing their head noun
_BOTH = regex(
    r"\s+both\s+(?P<a>[\w'’-]+)\s+and\s+(?P<b>(?:[\w'’-]+\s+){0,2}?)"
    rf"(?P<head>{_PLURAL}){_END}",
    re.IGNORECASE,
)
# a bare kind is no side ("surpassed by models trained with more compute")
_TOO_VAGUE = frozenset(["models", "systems", "llms", "solutions", "tools", "products"])
# "rivals such as A", "leading code embedders in the market today: A, B and C": the
# names that follow are the objects (patterns.py)
_NAMES_FOLLOW = regex(r"[- ](?:such as|like|including)\b", re.IGNORECASE)
_LIST_FOLLOWS = regex(r"(?:\s+[\w'’-]+){0,5}\s*:\s*(?:[\w'’-]+\s+)?", re.IGNORECASE)


def described_sides(
    text: str, pos: int, groups: list[tuple[int, int]], names: list[Mention]
) -> list[Mention]:
    """The described sides right after a comparison's verb ending at `pos`. Two sides
    sharing a head are none when either is a group's words (`groups`: the spans of
    the sentence's groups): "both open and closed models" are two groups. A side
    that only heads a list of `names` is none: the names are the objects."""
    both = _BOTH.match(text, pos)
    if both is not None and not _grouped(both.start("a"), both.end(), groups):
        head = both.group("head")
        return [
            Mention(both.start("a"), both.end(), f"{both.group('a')} {head}", "model"),
            Mention(both.start("b"), both.end(), f"{both.group('b')}{head}", "model"),
        ]
    out: list[Mention] = []
    m = _SIDE.match(text, pos)
    while m is not None:
        start, end = m.span("what")
        listed = _LIST_FOLLOWS.match(text, end)
        if _NAMES_FOLLOW.match(text, end) or (
            listed and any(m.start == listed.end() for m in names)
        ):
            break
        if text[start:end].lower() not in _TOO_VAGUE:
            out.append(Mention(start, end, text[start:end], "model"))
        m = _NEXT_SIDE.match(text, end)
    return out


def sides_joined(text: str, pos: int, groups: list[tuple[int, int]]) -> list[Mention]:
    """Described sides joined after a list of names ending at `pos`: "beats A, B and
    OpenAI's large embedding model" (none that is a group's words: "and other open
    models" are a group, read as one elsewhere)."""
    out: list[Mention] = []
    m = _NEXT_SIDE.match(text, pos)
    while m is not None:
        start, end = m.span("what")
        if _grouped(start, end, groups):
            break
        if text[start:end].lower() not in _TOO_VAGUE:
            out.append(Mention(start, end, text[start:end], "model"))
        m = _NEXT_SIDE.match(text, end)
    return out


def _grouped(start: int, end: int, groups: list[tuple[int, int]]) -> bool:
    return any(a < end and start < b for a, b in groups)
