"""What the Data and Settings pages do, without Streamlit.

Reading an upload as the validator will see it (:mod:`.preview`), suggesting a column
mapping from the contract's names and aliases (:mod:`.mapping`), turning the page's option
widgets into :class:`~whatworks.ingest.LoadOptions` (:mod:`.options`), the report as CSV with
formula cells neutralised (:mod:`.report`), what a version changed and what a restore would
do (:mod:`.versions`), how healthy the loaded data is (:mod:`.health`) and the settings
(:mod:`.settings`). The changes (load, restore, mappings, settings; :mod:`.changes`) take an
:class:`Actor` and refuse a viewer: hiding a button is not a permission check.
``whatworks.roles`` says who the actor is; every function here can be tested without a
browser. Use it as ``from whatworks import dataops`` and ``dataops.<name>``.
"""

from whatworks.dataops.changes import (
    Actor,
    NotAllowedError,
    SavedMapping,
    check_file,
    load_file,
    require_analyst,
    restore_version,
    save_mapping,
    saved_mappings,
)
from whatworks.dataops.health import (
    PLACES_SHOWN,
    Coverage,
    Gap,
    Health,
    gaps_table,
    health,
    health_table,
    missing_years,
    year_ranges,
)
from whatworks.dataops.mapping import (
    IGNORE,
    mapping_conflicts,
    mapping_defaults,
    mapping_overrides,
    mapping_targets,
    suggest_mapping,
    with_mapping,
)
from whatworks.dataops.options import (
    OptionInputs,
    make_options,
    option_inputs,
    options_from_key,
    options_key,
    pairs_text,
    parse_pairs,
)
from whatworks.dataops.preview import (
    NAME_HINTS,
    PREVIEW_ROWS,
    Parsed,
    dialect_line,
    file_token,
    guess_kind,
    header_matches,
    kind_label,
    parse,
    sheet_names,
)
from whatworks.dataops.report import (
    FORMULA_TRIGGERS,
    REPORT_COLUMNS,
    preview_table,
    report_csv,
    report_error_count,
    report_frame,
    report_rows,
    report_table,
)
from whatworks.dataops.settings import (
    currencies,
    currency_label,
    current_settings,
    month_name,
    save_settings,
    settings_problems,
)
from whatworks.dataops.versions import (
    RestoreChange,
    TableChange,
    blank_missing,
    changes_table,
    restore_preview,
    version_diff,
    version_history,
    version_ids,
    version_labels,
)
from whatworks.exports import neutralise
from whatworks.settings import Settings

__all__ = [
    "FORMULA_TRIGGERS",
    "IGNORE",
    "NAME_HINTS",
    "PLACES_SHOWN",
    "PREVIEW_ROWS",
    "REPORT_COLUMNS",
    "Actor",
    "Coverage",
    "Gap",
    "Health",
    "NotAllowedError",
    "OptionInputs",
    "Parsed",
    "RestoreChange",
    "SavedMapping",
    "Settings",
    "TableChange",
    "blank_missing",
    "changes_table",
    "check_file",
    "currencies",
    "currency_label",
    "current_settings",
    "dialect_line",
    "file_token",
    "gaps_table",
    "guess_kind",
    "header_matches",
    "health",
    "health_table",
    "kind_label",
    "load_file",
    "make_options",
    "mapping_conflicts",
    "mapping_defaults",
    "mapping_overrides",
    "mapping_targets",
    "missing_years",
    "month_name",
    "neutralise",
    "option_inputs",
    "options_from_key",
    "options_key",
    "pairs_text",
    "parse",
    "parse_pairs",
    "preview_table",
    "report_csv",
    "report_error_count",
    "report_frame",
    "report_rows",
    "report_table",
    "require_analyst",
    "restore_preview",
    "restore_version",
    "save_mapping",
    "save_settings",
    "saved_mappings",
    "settings_problems",
    "sheet_names",
    "suggest_mapping",
    "version_diff",
    "version_history",
    "version_ids",
    "version_labels",
    "with_mapping",
    "year_ranges",
]
