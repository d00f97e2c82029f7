"""The extractor: articles in, dated and sourced events out (pure, importable; no database writes)."""

from .articles import ArticleError, read_articles
from .knowledge import load_knowledge
from .pipeline import DEFAULT_WINDOW, extract

__all__ = ["ArticleError", "DEFAULT_WINDOW", "extract", "load_knowledge", "read_articles"]
