"""Feed polling, one stage per module.

    due sources (store, leased) -> fetch.py    bytes, or 304, or an explained failure
                                -> parse.py    feedparser -> FeedEntry list (or "not a feed")
                                -> dedupe.py   one stable key per entry
                                -> decide.py   new / changed / unchanged, baseline or not
                                -> fulltext.py article page -> main text (optional)
                                -> persist.py  articles + source state, one transaction
                                               (written by store/polls.py)
    schedule.py decides the source's next state (next poll, backoff, disable, recover).
transport.py is the httpx transport under fetch.py: connections pinned to the checked
address (no DNS rebinding), one small keep-alive pool per host.

fetch and fulltext do I/O and persist hands rows to store/polls.py; parse, dedupe,
decide and schedule are pure functions over plain data. bot/poller.py wires them together.
"""
