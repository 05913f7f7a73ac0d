"""Curated registry data files (YAML); a package so they install as package data."""
