"""The site's own name, where pages put it: after the headline in ``<title>`` ("… | Golem.de",
"… - DER SPIEGEL"), in bylines and author fields. Names are compared squashed (case and
punctuation ignored), against the keys :func:`site_keys_of` derives from what the page declares.

>>> strip_site_name("Neue Brücke für Köln | Kölner Stadtanzeiger")
'Neue Brücke für Köln'
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from ..lexicon import TITLE_SPLIT
from .declared import Declared


def site_keys_of(declared: Declared | None, url: str | None) -> tuple[str, ...]:
    """Squashed forms of the site's name and host ("golem", "dw", "derspiegel")."""
    keys = []
    if declared and declared.site_name:
        keys.append(squash(declared.site_name))
    for link in (url, declared.url if declared else None):
        host = urlsplit(link or "").hostname or ""
        parts = [p for p in host.split(".") if p not in ("www", "m", "amp", "mobil", "mobile")]
        if len(parts) >= 2:
            keys.append(parts[-2])
    return tuple(k for k in dict.fromkeys(keys) if len(k) >= 2)


def squash(text: str) -> str:
    """The word characters of ``text``, case-folded: what compares as the same name.

    >>> squash("DER SPIEGEL"), squash("Golem.de"), squash("Süd-Kurier")
    ('derspiegel', 'golemde', 'südkurier')
    """
    return "".join(_WORD.findall(text.casefold()))


_WORD = re.compile(r"\w+")


def is_site(text: str, site_keys: tuple[str, ...]) -> bool:
    """``text`` names the site: "Golem.de", "DER SPIEGEL", "Deutsche Welle" for dw.com; a
    headline that mentions the site ("SPIEGEL-Umfrage: Mehrheit für Tempolimit") does not.

    >>> [is_site(t, ("spiegel",)) for t in ("DER SPIEGEL", "SPIEGEL ONLINE", "SPIEGEL-Umfrage: Mehrheit für Tempolimit")]
    [True, True, False]
    """
    key = squash(text)
    if not key:
        return False
    initials = "".join(w[0] for w in text.casefold().split() if w[0].isalnum())
    for site in site_keys:
        if site == key or (len(initials) >= 2 and initials == site):
            return True
        if len(site) >= 3 and (key in site or (site in key and len(key) <= len(site) + _SITE_WORDS)):
            return True
    return False


def site_names(site_keys: tuple[str, ...], page_title: str | None) -> tuple[str, ...]:
    """The ``site_keys``, and the site's name the ``<title>`` ends with squashed: what names the
    site on a page that declares neither its name nor its address.

    >>> site_names((), "Neubau verschoben | Stadtblatt"), site_names(("dw",), None)
    (('stadtblatt',), ('dw',))
    """
    name = squash(site_name_in_title(page_title) or "") if page_title else ""
    return (*site_keys, name) if name and name not in site_keys else site_keys


#: how many letters a site's name adds to its key ("DER SPIEGEL", "heise online", "Stadtblatt
#: Nachrichten"); a text longer than that which mentions the site is about something else
_SITE_WORDS = 12




def strip_site_name(title: str, site_keys: tuple[str, ...] | str | None = None) -> str:
    """Remove a site name (and section or date) appended to or put before a page title.

    Without knowing the site, a short capitalised last part counts as the site's name; a part
    that reads like the rest of the sentence ("- und doch wieder nicht") stays.

    >>> strip_site_name("Putin will mitspielen | Ärzte Zeitung")
    'Putin will mitspielen'
    >>> strip_site_name("Bahnstreik legt Verkehr lahm - DER SPIEGEL")
    'Bahnstreik legt Verkehr lahm'
    >>> strip_site_name("Ukrainische Gegenoffensive: Ziele, Chancen | DW | 28.04.2023", ("dw",))
    'Ukrainische Gegenoffensive: Ziele, Chancen'
    >>> strip_site_name("Kawasaki steigt aus! - und doch wieder nicht")
    'Kawasaki steigt aus! - und doch wieder nicht'
    >>> strip_site_name("08.11.2021 | Fachtag in Köln"), strip_site_name("Regen in Köln : 31.10.2023, 10.19 Uhr")
    ('Fachtag in Köln', 'Regen in Köln')
    >>> strip_site_name("Lokalblatt » Blog Archiv » Regen in Köln")
    'Regen in Köln'
    >>> strip_site_name("Regen in Köln -")  # (a template that joins an empty site name)
    'Regen in Köln'
    >>> strip_site_name("Regen in Köln | Stadt & Land | Lokalbote Online")
    'Regen in Köln'
    """
    if isinstance(site_keys, str):
        site_keys = (squash(site_keys),)
    keys = site_keys or ()
    title = _strip_comma_suffix(_DANGLING_SEPARATOR.sub("", title))
    parts = TITLE_SPLIT.split(title)
    if len(parts) == 1:
        return title
    if len(parts) >= 3 and title.count(" » ") == len(parts) - 1 and len(parts[-1].split()) >= 2:
        return parts[-1]  # a breadcrumb: "Site » Blog Archiv » Headline"

    def site_like(part: str) -> bool:
        # (a sign between names, "Stadt & Land", is no word of a sentence)
        words = [w for w in part.split() if w not in _JOINING_SIGNS]
        if is_site(part, keys) or _DATE_PART.fullmatch(part):
            return True
        return 1 <= len(words) <= 3 and all(w[0].isupper() or w[0].isdigit() or "." in w for w in words)

    while len(parts) > 1 and _DATE_PART.fullmatch(parts[0]):  # "08.11.2021 | Headline"
        parts.pop(0)
    if len(parts) > 1 and " | " in title and len(parts[-1].split()) <= 3:  # "… | heise online"
        parts.pop()

    while len(parts) > 1 and site_like(parts[-1]):
        parts.pop()
    while len(parts) > 1 and is_site(parts[0], keys):
        parts.pop(0)
    if len(parts) == 1:
        return parts[0].rstrip(" -–—|:")
    # the separators left are part of the title itself: cut only what was removed
    start = title.find(parts[0])
    end = title.rfind(parts[-1]) + len(parts[-1])
    return title[start:end]


#: signs that join the names of a site's section ("Kultur & Freizeit", "Wirtschaft + Finanzen")
_JOINING_SIGNS = frozenset("&+")

#: a separator with nothing on one side: "Headline -", "| Headline"
_DANGLING_SEPARATOR = re.compile(r"\s+[|–—_»-]+$|^[|–—_»-]+\s+")

#: a part of a title that is only a date, maybe with its time: "28.04.2023", "31.10.2023, 10.19 Uhr"
_DATE_PART = re.compile(r"[\d.\s/,:-]+(?:Uhr)?")


_COMMA_DATE_END = re.compile(r",\s*(?P<site>[^,]{2,40}),\s*[0-3]?\d\.[01]?\d\.(?:19|20)\d\d\s*$")


def _strip_comma_suffix(title: str) -> str:
    """``Headline, Site name, 26.04.2024``: a date after the last comma marks the part before it
    as the site's name, which goes with the date.

    >>> _strip_comma_suffix("Orden fürs Morden, Tageszeitung junge Welt, 26.04.2024")
    'Orden fürs Morden'
    >>> _strip_comma_suffix("Ziele, Chancen, Risiken")
    'Ziele, Chancen, Risiken'
    """
    m = _COMMA_DATE_END.search(title)
    if m and len(m.group("site").split()) <= 4 and m.start() > 0:
        return title[: m.start()].rstrip()
    return title


#: the most words and characters of a site's name after a title's separator
_SITE_NAME_WORDS = 3
_SITE_NAME_CHARS = 30


def site_name_in_title(title: str) -> str | None:
    """The site's name a page's ``<title>`` ends with, after a separator: what
    :func:`strip_site_name` cuts off, when it is one short name (not a date, a section and a
    name, or a second headline).

    >>> site_name_in_title("Bahnstreik legt Verkehr lahm - DER SPIEGEL"), site_name_in_title("Putin will mitspielen")
    ('DER SPIEGEL', None)
    >>> site_name_in_title("Fachtag in Köln | 08.11.2021"), site_name_in_title("Kawasaki steigt aus! - und doch wieder nicht")
    (None, None)
    """
    if len(title) > 300:
        return None
    parts = TITLE_SPLIT.split(title.strip())
    name = parts[-1].strip(" -–—|:·") if len(parts) > 1 else ""
    if not name or _DATE_PART.fullmatch(name) or len(name) > _SITE_NAME_CHARS or len(name.split()) > _SITE_NAME_WORDS:
        return None
    stripped = strip_site_name(title)
    return name if stripped != title.strip() and name not in stripped else None
