"""The `claimwatch` command line: bot/cli/app.py is the Typer app, bot/cli/common.py the
options and helpers every command shares, and one module per command or command group."""
