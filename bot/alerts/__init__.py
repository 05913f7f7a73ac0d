"""Discord alerts: the outbox, its dispatcher, the senders (bot, webhook, terminal).

Public entry points:
- `enqueue_alerts(session, claim, verdict, previous_verdict, destinations, baseline=...)`
  in the pipeline's verdict transaction (bot.alerts.outbox);
- `dispatch_pending(engine, senders)` (bot.alerts.dispatcher);
- `build_senders(destinations, settings)` (bot.alerts.service); the Discord bot's own
  `run_bot` is bot.discord.service.
"""
