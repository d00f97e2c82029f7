"""Bringing articles in. fetch.py (fetch a page safely) and page.py (read its text) are pure: no database."""
