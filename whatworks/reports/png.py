"""A chart as a PNG with its title, the active filters, the data version and the date drawn
into the image, made offline by kaleido (v1, which drives the system's Chromium through
choreographer; ``BROWSER_PATH`` names the browser, ``/usr/bin/chromium`` by default).

Rendering starts a browser, so it runs in a child process with a time limit: a missing
browser, a missing kaleido or a hung render ends in :class:`PngError` within
:data:`TIMEOUT_SECONDS`, never in a blocked or crashed page. No Streamlit.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Final

import plotly.graph_objects as go

from whatworks import plain

TIMEOUT_SECONDS: Final = 45.0
WIDTH: Final = 1200
CHROMIUM: Final = Path("/usr/bin/chromium")
TITLE_MARGIN: Final = 100  # room for the title and two lines


class PngError(Exception):
    """The image could not be made (why, in English, for the log; the page says it in words)."""


def titled(figure: go.Figure, title: str, lines: Sequence[str]) -> go.Figure:
    """A copy of ``figure`` with the title and the lines (filters, version, date) above it."""
    fig = plain.figure(go.Figure(figure))
    text = f"<b>{plain.plotly(title)}</b>" + "".join(
        f"<br><span style='font-size:13px'>{plain.plotly(line)}</span>" for line in lines
    )
    top = int(fig.layout.margin.t if fig.layout.margin.t is not None else 40)
    height = int(fig.layout.height or 500) + TITLE_MARGIN
    fig.update_layout(
        title={
            "text": text,
            "x": 0.01,
            "xanchor": "left",
            "y": 1 - 28 / height,  # the first line's baseline, below the top edge
            "yref": "container",
            "yanchor": "middle",
        },
        margin={"t": top + TITLE_MARGIN},
        height=height,
        paper_bgcolor="#FFFFFF",
    )
    return fig


def png_bytes(figure: go.Figure, *, timeout: float = TIMEOUT_SECONDS) -> bytes:
    """``figure`` as a PNG, rendered by kaleido in a child process within ``timeout`` s."""
    env = dict(os.environ)
    if "BROWSER_PATH" not in env and CHROMIUM.exists():
        env["BROWSER_PATH"] = str(CHROMIUM)
    height = int(figure.layout.height or 500)
    child = subprocess.Popen(  # our own interpreter and module, no shell
        [sys.executable, "-m", "whatworks.reports.png", str(WIDTH), str(height)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
        start_new_session=True,  # the browser it starts is in its group, stopped with it
    )
    try:
        out, err = child.communicate(figure.to_json().encode(), timeout=timeout)
    except subprocess.TimeoutExpired as exc:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(child.pid, signal.SIGKILL)
        child.communicate()
        msg = f"the image took longer than {timeout:.0f} s"
        raise PngError(msg) from exc
    if child.returncode != 0 or not out.startswith(b"\x89PNG"):
        last = err.decode("utf-8", "replace").strip().splitlines()[-1:] or ["no output"]
        raise PngError(last[0])
    return out


def _render_stdin(width: int, height: int) -> None:  # pragma: no cover - runs in the child
    import plotly.io as pio

    figure = pio.from_json(sys.stdin.buffer.read().decode())
    sys.stdout.buffer.write(pio.to_image(figure, format="png", width=width, height=height))


if __name__ == "__main__":  # pragma: no cover - the child of png_bytes
    _render_stdin(int(sys.argv[1]), int(sys.argv[2]))


__all__ = ["TIMEOUT_SECONDS", "PngError", "png_bytes", "titled"]
