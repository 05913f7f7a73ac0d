"""The Discord interface: the client and the slash-command handlers, plain async
functions over the store returning `Reply`s.

bot/discord/client.py adapts them to discord.py; tests call them directly.
"""
