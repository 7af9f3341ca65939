"""The Data page's tabs, drawn with Streamlit (``views/data.py`` only lays them out).

One module per tab: :mod:`.upload` (with the option and mapping widgets in :mod:`.options`),
:mod:`.tables`, :mod:`.versions`, :mod:`.health` and :mod:`.downloads` (templates and the
data dictionary). Each tab function takes the page's :class:`~whatworks.ui.Frame` (and the
:class:`~whatworks.roles.Identity` where analysts see more). What needs no Streamlit is in
``whatworks.dataops``; widget keys are stable, for AppTest and the browser tests.
"""

from whatworks.dataview.downloads import templates_tab
from whatworks.dataview.health import health_tab
from whatworks.dataview.tables import tables_tab
from whatworks.dataview.upload import upload_tab
from whatworks.dataview.versions import versions_tab

__all__ = ["health_tab", "tables_tab", "templates_tab", "upload_tab", "versions_tab"]
