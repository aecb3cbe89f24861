"""Pure str -> str helpers: normalisation, dates, language."""
