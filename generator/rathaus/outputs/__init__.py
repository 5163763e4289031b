"""Catalogue → files: record pages, lists, search index, JSON API, JSON-LD, Markdown copies, redirects."""
