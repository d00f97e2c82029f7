"""The extractor: articles in, dated and sourced events out (pure, importable; no database writes)."""

from .articles import ArticleError, read_articles
from .knowledge import load_reference_files
from .pipeline import DEFAULT_WINDOW, extract

__all__ = ["ArticleError", "DEFAULT_WINDOW", "extract", "load_reference_files", "read_articles"]
