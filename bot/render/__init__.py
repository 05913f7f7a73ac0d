"""Claims and their evidence as words: the cards (bot/render/cards.py) and evidence lines
(bot/render/evidence.py) that alerts, slash-command replies, the CLI and the digest share.
Pure functions over `store.claims_queries` views; no I/O."""
