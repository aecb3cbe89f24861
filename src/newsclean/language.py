"""Language of the body text, deterministic (langdetect with a fixed seed per call)."""

from __future__ import annotations

from langdetect import detector_factory
from langdetect.lang_detect_exception import LangDetectException

_SAMPLE_CHARS = 3000  # enough for a stable answer; langdetect's cost grows with length


def detect_language(text: str, min_chars: int = 40) -> str | None:
    """ISO 639-1 code of ``text``, or None when it is too short to tell.

    >>> detect_language("Der Bundestag hat am Donnerstag ein neues Gesetz zur Krankenhausreform beschlossen.")
    'de'
    >>> detect_language("Kurz.") is None
    True
    """
    sample = text[:_SAMPLE_CHARS]
    if len(sample.strip()) < min_chars:
        return None
    detector_factory.init_factory()
    detector = detector_factory._factory.create()
    detector.seed = 0  # per detector, so no process-wide state is changed
    detector.append(sample)
    try:
        return detector.detect()
    except LangDetectException:
        return None
