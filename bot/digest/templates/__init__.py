"""Jinja2 templates of the digest (a package so the wheel ships them)."""
