"""HTML -> the article's main text (trafilatura), with a plain fallback.

Spans index into the text this returns, so it is what extractors and quotes see.
"""

from __future__ import annotations

import html as html_lib
import re
from html.parser import HTMLParser

from bot.extract.regexes import regex

_LOOKS_HTML = regex(r"<(?:!doctype|html|body|p|div|article|h[1-6]|br|span|a)\b", re.IGNORECASE)
_BLOCK = {
    "p",
    "div",
    "br",
    "li",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "tr",
    "article",
    "section",
    "header",
    "footer",
    "blockquote",
    "ul",
    "ol",
    "table",
    "title",
}
_SKIP = {"script", "style", "noscript", "template", "svg", "head", "nav"}


def looks_like_html(text: str) -> bool:
    return bool(_LOOKS_HTML.search(text[:5000]))


class _TextCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP:
            self._skip += 1
        elif tag in _BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP and self._skip:
            self._skip -= 1
        elif tag in _BLOCK:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def strip_tags(markup: str) -> str:
    """Every visible text node, blocks on their own lines (the fallback)."""
    collector = _TextCollector()
    collector.feed(markup)
    collector.close()
    text = html_lib.unescape("".join(collector.parts))
    lines = (re.sub(r"[ \t\r\f\v]+", " ", line).strip() for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


def title_of(markup: str) -> str | None:
    m = re.search(r"<title[^>]*>(.*?)</title>", markup, re.IGNORECASE | re.DOTALL)
    if not m:
        m = re.search(r"<h1[^>]*>(.*?)</h1>", markup, re.IGNORECASE | re.DOTALL)
    if not m:
        return None
    title = html_lib.unescape(re.sub(r"<[^>]+>|\s+", " ", m.group(1))).strip()
    return title or None


def main_text(markup: str) -> str:
    """The main text of a page: trafilatura when it finds some, else every text node.

    Short fragments (feed summaries, one paragraph) are stripped directly, since
    trafilatura's boilerplate removal can drop a page that is all "boilerplate".
    """
    text = ""
    if len(markup) > 400:
        try:
            import trafilatura

            text = (
                trafilatura.extract(
                    markup, include_comments=False, include_tables=True, favor_recall=True
                )
                or ""
            )
        except Exception:  # a parser crash on odd markup must not lose the article
            text = ""
    if len(text.strip()) < 40:
        text = strip_tags(markup)
    title = title_of(markup)
    if title and title not in text[: len(title) + 200]:
        # The headline often carries the claim ("X: the new leading open model").
        text = f"{title}\n{text}"
    return text.strip()
