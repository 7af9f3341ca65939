"""Accessibility in the browser: axe-core on every view, in normal and in presentation mode.

axe-core (Deque, MPL-2.0) is vendored in ``tests/e2e/vendor/axe-core`` (version and checksum
in its README), injected into the served page and run on the whole document with the
WCAG 2.1 A/AA, EN 301 549 and best-practice rules. Every finding fails the test, whatever its
impact, except the few that Streamlit's own markup causes and the app cannot change: those
are listed in :data:`STREAMLIT_FINDINGS` (rule and the element it is allowed on) and explained
in docs/accessibility.md, which a test keeps in step with the list.

axe cannot judge text drawn in a chart's SVG (it reports it as "incomplete"), so the charts'
own text gets a check of its own: axis labels, legend and titles against the chart's
background, 4.5:1 at least (WCAG 1.4.3).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from e2e_helpers import open_view, wait_steady

from whatworks import ui

ROOT = Path(__file__).resolve().parents[2]
AXE = Path(__file__).resolve().parent / "vendor" / "axe-core" / "axe.min.js"
AXE_TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "EN-301-549", "best-practice")
# (rule id, CSS selector of the element Streamlit draws it on): findings the app cannot fix.
# Each is explained in docs/accessibility.md ("What Streamlit causes").
STREAMLIT_FINDINGS: tuple[tuple[str, str], ...] = (
    # The uploader's drop zone: role="presentation" on a focusable <section> with a label.
    ("presentation-role-conflict", '[data-testid="stFileUploaderDropzone"]'),
)
MODES = {"normal": "", "presentation": "present=1"}
# The intervention view on an intervention with every part (chart, tables, computation).
EXTRA = {"intervention": "intervention=ED-01"}
MIN_TEXT_CONTRAST = 4.5

RUN_AXE = """async ([tags, allowed]) => {
    const result = await axe.run(document, {runOnly: {type: 'tag', values: tags}});
    const isAllowed = (rule, target) => {
        const el = document.querySelector(target);
        return el !== null && allowed.some(([r, sel]) => r === rule && el.matches(sel));
    };
    const findings = [];
    for (const v of result.violations) {
        for (const node of v.nodes) {
            const target = node.target.join(' ');
            if (!isAllowed(v.id, target)) {
                findings.push({rule: v.id, impact: v.impact, target: target,
                               html: node.html.slice(0, 200), help: v.help});
            }
        }
    }
    return findings;
}"""

# The text of every chart (tick labels, legend, titles, annotations) with its fill colour and
# the chart's background, as "rgb(r, g, b)" strings.
CHART_TEXT = """() => {
    const out = [];
    for (const plot of document.querySelectorAll('[data-testid="stPlotlyChart"] .js-plotly-plot')) {
        const background = getComputedStyle(plot.querySelector('.main-svg')).backgroundColor;
        const selector = '.xtick text, .ytick text, .legendtext, .gtitle, .g-xtitle text, '
            + '.g-ytitle text, .legendtitletext, .annotation-text';
        for (const el of plot.querySelectorAll(selector)) {
            if (!el.textContent.trim() || el.closest('.bars, .points, .trace')) continue;
            out.push({text: el.textContent, fill: getComputedStyle(el).fill,
                      background: background});
        }
    }
    return out;
}"""


def _rgb(text: str) -> tuple[float, float, float, float]:
    """``rgb(r, g, b)`` or ``rgba(r, g, b, a)`` as numbers (alpha 1 when absent)."""
    numbers = [float(n) for n in re.findall(r"[\d.]+", text)]
    red, green, blue = numbers[:3]
    return red, green, blue, numbers[3] if len(numbers) > 3 else 1.0


def _luminance(red: float, green: float, blue: float) -> float:
    """WCAG 2.1 relative luminance, written out here (not the app's charts.contrast_ratio)."""

    def linear(channel: float) -> float:
        c = channel / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    return 0.2126 * linear(red) + 0.7152 * linear(green) + 0.0722 * linear(blue)


def _contrast(fill: str, background: str) -> float:
    r, g, b, _alpha = _rgb(fill)
    br, bg, bb, alpha = _rgb(background)
    if alpha == 0:  # a transparent chart sits on the page's white
        br, bg, bb = 255.0, 255.0, 255.0
    high, low = sorted((_luminance(r, g, b), _luminance(br, bg, bb)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def view_url(server: str, spec: ui.PageSpec, mode: str) -> str:
    path = "" if spec == ui.PAGES[0] else spec.url_path
    query = "&".join(q for q in (MODES[mode], EXTRA.get(spec.url_path, "")) if q)
    return f"{server}/{path}" + (f"?{query}" if query else "")


def _open_everything(page: Any) -> None:
    """Open every closed expander, so the tables behind the charts are checked too."""
    page.evaluate(
        "() => document.querySelectorAll('details:not([open]) > summary').forEach((s) => s.click())"
    )
    page.wait_for_function("() => !document.querySelector('details:not([open])')")
    wait_steady(page)


@pytest.mark.parametrize("mode", list(MODES))
def test_no_axe_finding_of_our_own_on_any_view(page: Any, server: str, mode: str) -> None:
    script = AXE.read_text(encoding="utf-8")
    found: list[str] = []
    low_contrast: list[str] = []
    for spec in ui.PAGES:
        open_view(page, view_url(server, spec, mode))
        wait_steady(page)
        _open_everything(page)
        page.add_script_tag(content=script)
        for f in page.evaluate(RUN_AXE, [list(AXE_TAGS), [list(x) for x in STREAMLIT_FINDINGS]]):
            found.append(f"{spec.url_path}: {f['rule']} ({f['impact']}) {f['target']} {f['html']}")
        for text in page.evaluate(CHART_TEXT):
            ratio = _contrast(text["fill"], text["background"])
            if ratio < MIN_TEXT_CONTRAST:
                low_contrast.append(f"{spec.url_path}: {text['text']!r} {ratio:.2f}:1")
    assert not found, "axe findings:\n" + "\n".join(found)
    assert not low_contrast, "chart text below 4.5:1:\n" + "\n".join(low_contrast)


def test_the_chart_text_check_sees_every_chart_text(page: Any, server: str) -> None:
    """The contrast check reads real chart text (a check of nothing would always pass)."""
    open_view(page, f"{server}/benchmark")
    wait_steady(page)
    texts = page.evaluate(CHART_TEXT)
    assert len(texts) > 10
    assert all(_contrast(x["fill"], x["background"]) > 1 for x in texts)


def test_every_streamlit_exception_is_documented() -> None:
    doc = (ROOT / "docs" / "accessibility.md").read_text(encoding="utf-8")
    for rule, selector in STREAMLIT_FINDINGS:
        assert f"`{rule}`" in doc, rule
        assert selector in doc, selector


def test_contrast_arithmetic_matches_wcag_reference_values() -> None:
    assert _contrast("rgb(0, 0, 0)", "rgb(255, 255, 255)") == pytest.approx(21)
    assert _contrast("rgb(118, 118, 118)", "rgba(0, 0, 0, 0)") == pytest.approx(4.54, abs=0.01)
    assert _contrast("rgb(255, 255, 255)", "rgb(255, 255, 255)") == pytest.approx(1)
