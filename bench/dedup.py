"""Syndicated copies: how well --dedup marks them, on a synthetic corpus made from real articles.

    .venv/bin/python bench/dedup.py /work/shared/eval/dev [--limit N] [--threshold 0.8]

The corpus's HTML pages are cleaned; every article of at least 150 words is a "wire story".
Each gets copies the way regional papers make them, and rewrites that are no longer copies:

    copy kinds (should be marked):    exact, dateline (agency mark before, a closing line of the
                                      paper's own after), edit2 (2% of the words changed), cut
                                      (the last paragraph left out, when it is under a tenth)
    rewrite kinds (should not):       edit25 (a quarter of the words changed), half (the second
                                      half replaced by another article's)

All of them, shuffled with a fixed seed, go through one DuplicateFinder in that order. Printed:
the share of each kind marked; how many marks point into the item's own family, and precision
proper: the exact Jaccard similarity of each marked item with the article its mark names (a
"half" whose first half is one short paragraph is a near copy of the other story, rightly
marked as such); CPU time per signature and per mark. Nothing is written.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

from newsclean import clean
from newsclean.errors import NewscleanError
from newsclean.run.dedup import DuplicateFinder, shingles, signature

COPY_KINDS = ("exact", "dateline", "edit2", "cut")
REWRITE_KINDS = ("edit25", "half")


def articles(corpus: Path, limit: int) -> list[str]:
    texts = []
    for path in sorted((corpus / "pages").glob("*.html"))[:limit]:
        try:
            text = clean(path.read_bytes()).text
        except NewscleanError:
            continue
        if len(text.split()) >= 150:
            texts.append(text)
    return texts


def edit(text: str, share: float, rng: random.Random) -> str:
    words = text.split(" ")
    return " ".join(w + "x" if rng.random() < share else w for w in words)


def variants(number: int, text: str, other: str, rng: random.Random) -> list[tuple[str, str]]:
    paragraphs = text.split("\n\n")
    made = [("exact", text), ("dateline", "Berlin (dpa) – " + text + "\n\nMehr Nachrichten aus der Region auf Seite 4."), ("edit2", edit(text, 0.02, rng))]
    if len(paragraphs) > 2 and len(paragraphs[-1].split()) < len(text.split()) / 10:
        made.append(("cut", "\n\n".join(paragraphs[:-1])))
    half = len(paragraphs) // 2 or 1
    made += [("edit25", edit(text, 0.25, rng)), ("half", "\n\n".join(paragraphs[:half] + other.split("\n\n")[half:]))]
    return made


def jaccard(a: str, b: str) -> float:
    sa, sb = shingles(a), shingles(b)
    return len(sa & sb) / len(sa | sb)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--limit", type=int, default=450)
    parser.add_argument("--threshold", type=float, default=0.8)
    args = parser.parse_args()
    texts = articles(args.corpus, args.limit)
    rng = random.Random(13)
    items = []  # (family, kind, text); the original is kind "original"
    for number, text in enumerate(texts):
        items.append((number, "original", text))
        items += [(number, kind, t) for kind, t in variants(number, text, texts[(number + 1) % len(texts)], rng)]
    rng.shuffle(items)
    started = time.process_time()
    signatures = [signature(text) for _, _, text in items]
    sign_time = (time.process_time() - started) / len(items)
    words = sum(len(text.split()) for _, _, text in items) / len(items)
    started = time.process_time()
    finder = DuplicateFinder(args.threshold)
    marks = [finder.mark(str(i), sig) for i, sig in enumerate(signatures)]
    mark_time = (time.process_time() - started) / len(items)
    family_of = {str(i): family for i, (family, _, _) in enumerate(items)}
    core_seen: set[int] = set()  # families whose original or a copy has come by
    by_kind: dict[str, list[bool]] = {}
    right = wrong = 0
    for (family, kind, _), first in zip(items, marks, strict=True):
        if first is not None:
            right += family_of[first] == family
            wrong += family_of[first] != family
        core = kind == "original" or kind in COPY_KINDS
        # a copy (or the original) after another copy should be marked; a rewrite never
        if not core or family in core_seen:
            by_kind.setdefault(kind, []).append(first is not None)
        if core:
            core_seen.add(family)
    print(f"{len(texts)} articles of >= 150 words from {args.corpus}; {len(items)} items, {words:.0f} words each on average; threshold {args.threshold}")
    print("share marked, of the items that should be (copy kinds, after the first copy) and of those that should not (rewrites):")
    for kind in ("original",) + COPY_KINDS + REWRITE_KINDS:
        marked = by_kind.get(kind, [])
        if marked:
            print(f"  {kind:9} {sum(marked) / len(marked):6.1%} of {len(marked)}")
    print(f"marks into the same family: {right / max(right + wrong, 1):.4f} ({wrong} of {right + wrong} point to another story's family)")
    # precision proper: is a marked item really a near copy of the article its mark names?
    exact = sorted(jaccard(items[i][2], items[int(first)][2]) for i, first in enumerate(marks) if first is not None)
    if exact:
        near = sum(j >= args.threshold - 0.1 for j in exact) / len(exact)
        print(f"precision: exact Jaccard of a marked item with its first copy >= {args.threshold - 0.1:.1f} for {near:.4f} of the marks (lowest {exact[0]:.3f}, median {exact[len(exact) // 2]:.3f})")
    exact_rates = [len(shingles(t)) for _, _, t in items[:50]]
    print(f"signature: {sign_time * 1e6:.0f} us/article CPU; mark: {mark_time * 1e6:.0f} us/article; shingles/article (first 50): {sum(exact_rates) / 50:.0f}")


if __name__ == "__main__":
    sys.exit(main())
