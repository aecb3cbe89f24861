"""The article JSON of every eval page, to show that a refactor changed no output byte.

    python bench/snapshot.py /tmp/me/before.tsv            # on the old commit
    python bench/snapshot.py /tmp/me/after.tsv             # on the new one
    python bench/snapshot.py --compare /tmp/me/before.tsv /tmp/me/after.tsv

One line per page and format: ``<corpus>/<page file>``, a tab, then the compact JSON that
``newsclean clean`` writes for it (or ``ERROR <message>`` where it refuses the page). The
compare mode lists the pages whose line differs and exits 1 if any does. The TSV files hold
eval pages' text, so write them outside the repository.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

EVAL = Path("/work/shared/eval")


def snapshot(out: Path, corpora: list[Path]) -> int:
    from newsclean import CleanConfig, NewscleanError, clean

    lines = []
    for corpus in corpora:
        for page in sorted((corpus / "pages").iterdir()):
            fmt = {".html": "html", ".txt": "text"}.get(page.suffix)
            if fmt is None:
                continue
            try:
                value = clean(page.read_bytes(), CleanConfig(format=fmt), path=page.name).to_json()
            except NewscleanError as error:
                value = f"ERROR {error}"
            lines.append(f"{corpus.name}/{page.name}\t{value}")
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(lines)} pages -> {out}")
    return 0


def compare(old: Path, new: Path) -> int:
    def rows(path: Path) -> dict[str, str]:
        return dict(line.split("\t", 1) for line in path.read_text(encoding="utf-8").splitlines())

    before, after = rows(old), rows(new)
    changed = sorted(key for key in before.keys() | after.keys() if before.get(key) != after.get(key))
    for key in changed:
        print(key)
    print(f"{len(changed)} of {len(before.keys() | after.keys())} pages differ")
    return 1 if changed else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="+", type=Path, help="OUT.tsv, or OLD.tsv NEW.tsv with --compare")
    parser.add_argument("--compare", action="store_true", help="compare two snapshots")
    parser.add_argument("--eval", type=Path, default=EVAL, help="the eval folder (dev/ and news-dev/)")
    args = parser.parse_args()
    if args.compare:
        if len(args.paths) != 2:
            parser.error("--compare takes OLD.tsv NEW.tsv")
        return compare(*args.paths)
    if len(args.paths) != 1:
        parser.error("give one OUT.tsv")
    return snapshot(args.paths[0], [args.eval / "dev", args.eval / "news-dev"])


if __name__ == "__main__":
    sys.exit(main())
