"""Slash-command handlers: plain async functions over the store returning `Reply`s.

bot/alerts/discord_bot.py adapts them to discord.py; tests call them directly.
"""
