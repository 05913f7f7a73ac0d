"""claimwatch's data and judgement: tables, leaderboards, registry, verdicts. No network code."""
