"""newsclean: scraped German news pages (HTML or plain-text dumps) -> clean article JSON.

>>> from newsclean import clean, CleanConfig
>>> article = clean(open("samples/aerztezeitung-putin.txt", "rb").read())  # doctest: +SKIP
"""

from .article import Article
from .config import CleanConfig
from .errors import NewscleanError
from .model import Document
from .pipeline import build_document, clean_bytes

__version__ = "0.1.0"

#: the main entry point: raw bytes in, :class:`Article` out
clean = clean_bytes

__all__ = ["Article", "CleanConfig", "Document", "NewscleanError", "build_document", "clean", "__version__"]
