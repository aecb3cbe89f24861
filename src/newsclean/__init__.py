"""newsclean: scraped German news pages (HTML or plain-text dumps) -> clean article JSON.

One page, as raw bytes or as text already decoded:

>>> from newsclean import clean
>>> article = clean(open("samples/aerztezeitung-putin.txt", "rb").read())
>>> article.title, article.source.encoding
('Putin will bei KI in der Medizin mitspielen', 'utf-8')

Many pages, in order, each an Article or the error that says why there is none (``workers=N``
for worker processes):

>>> from newsclean import Article, clean_many
>>> [isinstance(result, Article) for result in clean_many([article.text, "", None])]
[True, False, False]
"""

from .article import Article
from .config import CleanConfig
from .errors import NewscleanError
from .model import Document
from .pipeline import build_document, clean
from .run.many import clean_many

__version__ = "0.1.0"

__all__ = ["Article", "CleanConfig", "Document", "NewscleanError", "build_document", "clean", "clean_many", "__version__"]
