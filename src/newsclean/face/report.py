"""``newsclean diff … --html report.html``: one self-contained HTML page of a diff run.

Every page of the run with its extracted fields and all its blocks in page order: kept ones in
black, removed ones in their reason's colour with the evidence for their removal. A bar at the
top filters by reason and by site and hides the kept blocks; the filter is kept in the page's
address (``report.html#reason=newsletter,related&site=taz.de&kept=0``), so a filtered view can
be passed on. No file beside it, no network: the styles and the script are in the page.

The page is written as the run goes (a folder of thousands of pages never sits in memory), to
a temporary file renamed at the end: an interrupted run leaves no half report.
"""

from __future__ import annotations

import os
import tempfile
from collections import Counter
from html import escape
from typing import TextIO

from ..article import Article
from ..model import REASONS, Block, Document
from ..run.sinks import is_special, umask
from ..run.sources import printable
from .diff import evidence, header_fields, reason_of, reason_order
from .summary import FolderSummary, Site

#: each reason's colour in the report: the terminal's colours (diff.REASON_COLORS), dark
#: enough to read on white
REASON_HEX: dict[str, str] = {
    "newsletter": "#a21caf",
    "sponsored": "#a16207",
    "related": "#1d4ed8",
    "credit": "#0e7490",
    "login": "#be185d",
    "paywall": "#dc2626",
    "social": "#2563eb",
    "comments": "#c2410c",
    "cookie": "#854d0e",
    "navigation": "#0f766e",
    "link_density": "#7c3aed",
    "duplicate": "#4b5563",
    "not_main_content": "#b91c1c",
}
KEPT_HEX = "#15803d"

_STYLE = """
body { font: 15px/1.45 system-ui, sans-serif; margin: 0; color: #111; background: #fff;
       display: flex; flex-direction: column; }
header.run { order: -2; padding: 12px 20px; background: #f3f4f6; border-bottom: 1px solid #d1d5db; }
header.run h1 { font-size: 18px; margin: 0 0 4px; }
nav.filters { order: -1; position: sticky; top: 0; background: #fff; padding: 8px 20px;
              border-bottom: 1px solid #d1d5db; display: flex; flex-wrap: wrap; gap: 6px 14px; z-index: 1; }
nav.filters label { white-space: nowrap; cursor: pointer; }
.swatch { display: inline-block; width: 10px; height: 10px; margin-right: 3px; }
section.page { padding: 10px 20px 16px; border-bottom: 3px solid #e5e7eb; }
section.page h2 { font-size: 16px; margin: 6px 0; word-break: break-all; }
section.page h2 small { font-weight: normal; color: #6b7280; }
dl.fields { display: grid; grid-template-columns: max-content 1fr; gap: 0 10px; margin: 0 0 8px;
            font-size: 13px; color: #374151; }
dl.fields dt { font-weight: bold; }
dl.fields dd { margin: 0; }
ol.blocks { list-style: none; margin: 0; padding: 0; }
ol.blocks li { margin: 2px 0; padding: 2px 8px; border-left: 6px solid; }
ol.blocks li.kept { border-color: KEPT; }
ol.blocks li.kept.meta { background: #f0fdf4; }
li .tag { font-size: 12px; font-weight: bold; margin-right: 6px; }
li .why { display: block; font-size: 12px; font-style: italic; color: #6b7280; }
p.failed { color: #b91c1c; }
table.counts { border-collapse: collapse; font-size: 13px; margin-top: 6px; }
table.counts td, table.counts th { padding: 1px 10px 1px 0; text-align: right; }
table.counts td:first-child, table.counts th:first-child { text-align: left; }
.hidden { display: none !important; }
"""

_SCRIPT = """
(function () {
  const pages = Array.from(document.querySelectorAll("section.page"));
  const removed = Array.from(document.querySelectorAll("li.removed"));
  const nav = document.querySelector("nav.filters");
  const reasons = JSON.parse(nav.dataset.reasons);
  const counts = {};
  removed.forEach(li => { counts[li.dataset.reason] = (counts[li.dataset.reason] || 0) + 1; });
  const sites = Array.from(new Set(pages.map(p => p.dataset.site))).sort();
  const params = new URLSearchParams(location.hash.slice(1));
  const wanted = params.get("reason") ? params.get("reason").split(",") : null;
  const boxes = {};
  reasons.filter(r => counts[r]).forEach(r => {
    const label = document.createElement("label");
    const box = document.createElement("input");
    box.type = "checkbox"; box.checked = !wanted || wanted.includes(r); box.dataset.reason = r;
    boxes[r] = box;
    const swatch = document.createElement("span");
    swatch.className = "swatch r-" + r;
    label.append(box, swatch, r + " (" + counts[r] + ")");
    nav.append(label);
  });
  const site = document.createElement("select");
  site.innerHTML = "<option value=''>all sites (" + sites.length + ")</option>";
  sites.forEach(s => { const o = document.createElement("option"); o.value = s; o.textContent = s; site.append(o); });
  site.value = params.get("site") || "";
  const kept = document.createElement("input");
  kept.type = "checkbox"; kept.checked = params.get("kept") !== "0";
  const keptLabel = document.createElement("label");
  keptLabel.append(kept, " kept blocks");
  nav.append(site, keptLabel);
  function apply() {
    const on = new Set(Object.keys(boxes).filter(r => boxes[r].checked));
    removed.forEach(li => li.classList.toggle("hidden", !on.has(li.dataset.reason)));
    document.querySelectorAll("li.kept").forEach(li => li.classList.toggle("hidden", !kept.checked));
    pages.forEach(p => p.classList.toggle("hidden", site.value !== "" && p.dataset.site !== site.value));
    const all = Object.keys(boxes).length === on.size;
    const state = new URLSearchParams();
    if (!all) state.set("reason", Array.from(on).join(","));
    if (site.value) state.set("site", site.value);
    if (!kept.checked) state.set("kept", "0");
    history.replaceState(null, "", state.toString() ? "#" + state.toString() : location.pathname);
  }
  nav.addEventListener("change", apply);
  apply();
  document.body.dataset.ready = "1";
})();
"""


def reason_css() -> str:
    """Each reason's colour: the border and text of its blocks, its swatch in the filter bar."""
    rules = []
    for reason, colour in REASON_HEX.items():
        rules.append(f"ol.blocks li.r-{reason} {{ border-color: {colour}; color: {colour}; background: {colour}0d; }}")
        rules.append(f".swatch.r-{reason} {{ background: {colour}; }}")
    return "\n".join(rules)


class HtmlReport:
    """The report file, written page by page. Use as a context manager: on an error the
    temporary file goes and nothing is left at ``path``."""

    def __init__(self, path: str, title: str) -> None:
        self.path = path
        self.title = title
        self._tmp: str | None = None
        if is_special(path):  # a device or FIFO is written in place; a rename would replace it
            self._fh: TextIO = open(path, "w", encoding="utf-8")  # noqa: SIM115
        else:
            folder = os.path.dirname(os.path.abspath(path))
            fd, self._tmp = tempfile.mkstemp(prefix=f".{os.path.basename(path)}.", suffix=".tmp", dir=folder)
            self._fh = os.fdopen(fd, "w", encoding="utf-8")
        self.reasons: Counter[str] = Counter()
        self._write_head()

    def __enter__(self) -> HtmlReport:
        return self

    def __exit__(self, exc_type: object, *rest: object) -> None:
        if exc_type is not None or not self._fh.closed:
            self._fh.close()
            if self._tmp is not None and os.path.exists(self._tmp):
                os.unlink(self._tmp)

    def _write_head(self) -> None:
        self._fh.write(
            "<!DOCTYPE html>\n<html lang=\"de\"><head><meta charset=\"utf-8\">"
            f"<title>{escape(self.title)}</title>\n<style>{_STYLE.replace('KEPT', KEPT_HEX)}\n{reason_css()}</style></head>\n<body>\n"
            f"<nav class=\"filters\" data-reasons='{escape(_json_list(REASONS))}'><strong>show:</strong></nav>\n"
        )

    def add(self, path: str, site: Site, doc: Document, article: Article) -> None:
        """One page: its fields and every block, kept or removed."""
        out = [self._page_start(path, site, f"{doc.page.format}, {doc.page.encoding}")]
        out.append("<dl class=\"fields\">")
        for name, value in header_fields(article):
            out.append(f"<dt>{name}</dt><dd>{escape(value) if value else '–'}</dd>")
        out.append("</dl>\n<ol class=\"blocks\">")
        out += [self._block(block, doc.page.format) for block in doc.blocks]
        out.append("</ol></section>\n")
        self._fh.write("\n".join(out))

    def add_failure(self, path: str, site: Site, kind: str, message: str) -> None:
        """A page without an article: why."""
        self._fh.write(f"{self._page_start(path, site, kind)}<p class=\"failed\">{escape(message)}</p></section>\n")

    def _page_start(self, path: str, site: Site, what: str) -> str:
        return (f"<section class=\"page\" data-site=\"{escape(str(site))}\">"
                f"<h2>{escape(printable(path))} <small>({escape(what)}) · {escape(str(site))}</small></h2>")

    def _block(self, block: Block, page_format: str) -> str:
        text = escape(block.text).replace("\n", "<br>")
        if block.kept:
            if block.role == "body":
                return f"<li class=\"kept body\">{text}</li>"
            return f"<li class=\"kept meta\"><span class=\"tag\">{block.role}</span>{text}</li>"
        reason = reason_of(block)
        self.reasons[reason] += 1
        why = escape(evidence(block, page_format))
        return (f"<li class=\"removed r-{reason}\" data-reason=\"{reason}\"><span class=\"tag\">{reason}</span>"
                f"{text}<span class=\"why\">{why}</span></li>")

    def close(self, summary: FolderSummary, source: str) -> None:
        """The run's counts at the top, the script, and the file in its place."""
        removed = sum(summary.reason_chars.values())
        rows = "".join(
            f"<tr><td>{r}</td><td>{summary.reasons[r]:,}</td><td>{summary.reason_chars[r]:,}</td></tr>"
            for r in sorted(summary.reasons, key=reason_order)
        )
        failed = sum(summary.failures.values())
        self._fh.write(
            f"<header class=\"run\"><h1>newsclean diff {escape(printable(source))}</h1>"
            f"{summary.pages:,} pages, {summary.pages - failed:,} with an article, {len(summary.sites):,} sites; "
            f"kept {summary.kept_chars:,} characters, removed {removed:,}"
            f"<table class=\"counts\"><tr><th>reason</th><th>blocks</th><th>characters</th></tr>{rows}</table></header>\n"
            f"<script>{_SCRIPT}</script>\n</body></html>\n"
        )
        self._fh.flush()
        if self._tmp is None:
            self._fh.close()
            return
        os.fchmod(self._fh.fileno(), 0o666 & ~umask())  # as any other program's file (0644 under 022)
        os.fsync(self._fh.fileno())
        self._fh.close()
        os.replace(self._tmp, self.path)


def _json_list(items: tuple[str, ...]) -> str:
    return "[" + ",".join(f'"{item}"' for item in items) + "]"

