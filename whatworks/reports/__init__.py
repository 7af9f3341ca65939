"""Reports of a view: its data as CSV and .xlsx, each chart as PNG, the whole view as one
self-contained HTML file; the same for the app's downloads and ``whatworks report``.

- :mod:`.contents`: what a report holds (sections, the request, errors)
- :mod:`.build`: the filters checked, each view's sections made (:mod:`.effects`,
  :mod:`.spend`) by the functions the view's page calls
- :mod:`.html`: the HTML file; :mod:`.png`: a chart as an image (kaleido, in a child
  process with a time limit)
- :mod:`.files`: the bytes and file names a download or the command line writes

No Streamlit here.
"""

from whatworks.reports.build import about, build, checked
from whatworks.reports.contents import VIEWS, Fetch, ReportError, Request, Section, ViewReport
from whatworks.reports.files import chart_png, csv_file, html_file, names, xlsx_file
from whatworks.reports.html import render
from whatworks.reports.png import PngError

__all__ = [
    "VIEWS",
    "Fetch",
    "PngError",
    "ReportError",
    "Request",
    "Section",
    "ViewReport",
    "about",
    "build",
    "chart_png",
    "checked",
    "csv_file",
    "html_file",
    "names",
    "render",
    "xlsx_file",
]
