"""A view as one self-contained HTML file: opens offline from an e-mail attachment.

Everything is inside the file: plotly.js inlined once, the charts interactive, the tables,
the filters, the data version, when it was made and the language; no URL is loaded. Every
text from the data or the catalogues goes through :func:`html.escape` (data is never HTML;
chart labels through :func:`whatworks.plain.figure`, as on the page). A print stylesheet
fits A4: charts are drawn at the page's text width and a section is not split where it
can be avoided. No Streamlit.
"""

from __future__ import annotations

import html
from typing import Final

import pandas as pd
import plotly.graph_objects as go

from whatworks import plain
from whatworks.i18n import t
from whatworks.reports.build import about
from whatworks.reports.contents import Section, ViewReport

# A4 is 210 mm wide; 14 mm margins leave 182 mm, about 688 CSS pixels at 96 per inch.
CHART_WIDTH: Final = 680
STYLE: Final = """
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif;
  color: #111; max-width: 760px; margin: 24px auto; padding: 0 16px; line-height: 1.45; }
h1 { font-size: 1.7rem; margin-bottom: .2rem; } h2 { font-size: 1.25rem; margin-top: 2rem; }
dl.about { display: grid; grid-template-columns: max-content 1fr; gap: 2px 16px;
  font-size: .9rem; color: #333; }
dl.about dt { font-weight: 600; } dl.about dd { margin: 0; }
.tiles { display: grid; grid-template-columns: repeat(3, 1fr); gap: 8px; }
.tile { border: 1px solid #bbb; border-radius: 6px; padding: 6px 10px; }
.tile .label { font-size: .85rem; color: #333; } .tile .value { font-size: 1.2rem;
  font-weight: 600; }
table { border-collapse: collapse; width: 100%; font-size: .8rem; margin: 8px 0 16px; }
th, td { border: 1px solid #ccc; padding: 3px 6px; text-align: left; vertical-align: top;
  overflow-wrap: anywhere; }
th { background: #f0f0f0; }
.chart { width: 100%; max-width: 100%; overflow: hidden; }
@page { size: A4; margin: 14mm; }
@media print {
  body { max-width: none; margin: 0; padding: 0; font-size: 10pt; }
  section { break-inside: avoid-page; }
  .chart { break-inside: avoid; }
  .chart .plotly-graph-div, .chart .js-plotly-plot { width: 100% !important; }
  tr, .tile { break-inside: avoid; }
  table { font-size: 7.5pt; }
  thead { display: table-header-group; }
}
"""


def render(report: ViewReport) -> str:
    """The whole report as one HTML document."""
    lang = report.request.lang
    e = html.escape
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{e(lang)}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{e(report.title)} · {e(t('app.title', lang))}</title>",
        f"<style>{STYLE}</style>",
        "</head>",
        "<body>",
        f"<h1>{e(report.title)}</h1>",
        '<dl class="about">',
        *(f"<dt>{e(label)}</dt><dd>{e(value)}</dd>" for label, value in about(report)),
        "</dl>",
    ]
    first_chart = True
    for section in report.sections:
        parts.append(_section(section, include_plotlyjs=first_chart))
        first_chart = first_chart and section.chart is None
    parts += [f"<footer><p>{e(t('report.footer', lang))}</p></footer>", "</body>", "</html>"]
    return "\n".join(parts)


def _section(section: Section, *, include_plotlyjs: bool) -> str:
    e = html.escape
    out = ["<section>", f"<h2>{e(section.title)}</h2>"]
    out += [f"<p>{e(_plain(s))}</p>" for s in section.sentences]
    if section.tiles:
        out.append('<div class="tiles">')
        out += [
            f'<div class="tile"><div class="label">{e(label)}</div>'
            f'<div class="value">{e(value)}</div></div>'
            for label, value in section.tiles
        ]
        out.append("</div>")
    if section.chart is not None:
        out.append(f'<div class="chart">{chart_html(section.chart(), include_plotlyjs)}</div>')
    if section.shown is not None:
        out.append(table_html(section.shown()))
    out.append("</section>")
    return "\n".join(out)


def _plain(sentence: str) -> str:
    """A catalogue sentence without its Markdown emphasis (the report shows it as text)."""
    return sentence.replace("**", "")


def chart_html(figure: go.Figure, include_plotlyjs: bool) -> str:
    """One interactive chart; plotly.js inlined with the first (no URL is ever loaded)."""
    fig = plain.figure(go.Figure(figure))
    fig.update_layout(width=CHART_WIDTH, autosize=False)
    text: str = fig.to_html(
        full_html=False,
        include_plotlyjs=include_plotlyjs,
        include_mathjax=False,
        config={"displaylogo": False, "responsive": False, "typesetMath": False},
    )
    return text


def table_html(table: pd.DataFrame) -> str:
    """A shown table: every header and cell escaped; a missing value as an empty cell."""
    e = html.escape
    head = "".join(f"<th>{e(str(c))}</th>" for c in table.columns)
    body = []
    for record in table.itertuples(index=False, name=None):
        cells = "".join(f"<td>{e(_cell(v))}</td>" for v in record)
        body.append(f"<tr>{cells}</tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"


def _cell(value: object) -> str:
    if value is None:
        return ""
    try:
        if pd.isna(value):  # type: ignore[call-overload]
            return ""
    except (TypeError, ValueError):
        pass
    return str(value)


__all__ = ["CHART_WIDTH", "chart_html", "render", "table_html"]
