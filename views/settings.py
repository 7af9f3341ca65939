"""Settings: home municipality, currency, language, financial year, country, discount rate,
benefit horizon (declared in ``whatworks.settings``).

Analysts change them (saved through ``whatworks.dataops.save_settings``, which refuses a
viewer); viewers see them read-only.
"""

from __future__ import annotations

from decimal import Decimal

import pandas as pd
import streamlit as st

from whatworks import analytics, dataops, plain, roles, store, ui
from whatworks.i18n import LANGUAGE_NAMES, LANGUAGES, format_number, t
from whatworks.settings import COUNTRIES, NAMES, NATIONAL_DISCOUNT_RATES

# One widget per declared setting; its key is settings_<name> (shorter for the first ones).
SHORT_KEYS = {
    "home_municipality": "settings_home",
    "default_currency": "settings_currency",
    "fiscal_year_start": "settings_fiscal_start",
}
KEYS = {name: SHORT_KEYS.get(name, f"settings_{name}") for name in NAMES}

frame = ui.page_frame("settings.title", edits=True)
identity = roles.current()
state = st.session_state
roles.account_banner(identity)
saved = frame.fetch(dataops.current_settings)


def national_rate(country: str) -> str:
    return format_number(NATIONAL_DISCOUNT_RATES[country], frame.lang)


def shown(field: str, value: object) -> str:
    if field == "language":
        return LANGUAGE_NAMES[str(value)]
    if field == "fiscal_year_start":
        return dataops.month_name(int(str(value)), frame.lang)
    if field == "default_currency":
        return dataops.currency_label(str(value), frame.lang)
    if field == "country":
        return t(f"settings.country_name.{value}")
    if field == "discount_rate" and isinstance(value, Decimal):
        return f"{format_number(value, frame.lang)} %"
    if field == "discount_rate":
        return t("settings.discount_national", rate=national_rate(saved.country))
    return str(value) or t("settings.not_set")


def widget_value(value: object) -> object:
    """A saved value as its widget holds it: empty text is no choice, a rate is a float."""
    if isinstance(value, Decimal):
        return float(value)
    return None if value == "" else value


def save_clicked() -> None:
    values = {field: state[key] for field, key in KEYS.items()}
    values["home_municipality"] = values["home_municipality"] or ""
    settings, wrong = dataops.settings_problems(values)
    if settings is None:
        state["settings_result"] = ("error", "; ".join(t(f"settings.invalid.{f}") for f in wrong))
        return
    try:
        dataops.save_settings(ui.db_path(), roles.actor(), settings)
    except store.StoreError as exc:
        state["settings_result"] = ("error", exc.text())
        return
    except dataops.NotAllowedError as exc:
        state["settings_result"] = ("error", str(exc))
        return
    state["settings_result"] = ("ok", t("settings.saved"))


result = state.pop("settings_result", None)
if result and result[0] == "ok":
    st.success(plain.markdown(result[1]))
elif result:
    st.error(plain.markdown(result[1]))

if not roles.analyst_gate(identity):
    current = saved.model_dump()
    table = pd.DataFrame(
        {
            t("settings.col_setting"): [t(f"settings.{f}") for f in NAMES],
            t("settings.col_value"): [shown(f, current[f]) for f in NAMES],
        }
    )
    st.dataframe(table, hide_index=True, key="settings_view")
    ui.table_download(table, key="settings_view", file_name="settings")
    st.stop()

places = frame.fetch(analytics.municipalities, frame.latest)
if saved.home_municipality and saved.home_municipality not in places:
    places = [saved.home_municipality, *places]
for field, key in KEYS.items():
    if key not in state:
        state[key] = widget_value(getattr(saved, field))

with st.columns([1, 1])[0]:
    st.selectbox(
        t("settings.home_municipality"),
        places,
        key=KEYS["home_municipality"],
        accept_new_options=True,
        placeholder=t("settings.home_placeholder"),
        help=t("settings.home_help"),
    )
    st.selectbox(
        t("settings.default_currency"),
        dataops.currencies(),
        format_func=lambda code: dataops.currency_label(code, frame.lang),
        key=KEYS["default_currency"],
        help=t("settings.currency_help"),
    )
    st.selectbox(
        t("settings.language"),
        LANGUAGES,
        format_func=LANGUAGE_NAMES.__getitem__,
        key=KEYS["language"],
        help=t("settings.language_help"),
    )
    st.selectbox(
        t("settings.fiscal_year_start"),
        list(range(1, 13)),
        format_func=lambda month: dataops.month_name(month, frame.lang),
        key=KEYS["fiscal_year_start"],
        help=t("settings.fiscal_help"),
    )
    st.selectbox(
        t("settings.country"),
        COUNTRIES,
        format_func=lambda code: t(f"settings.country_name.{code}", frame.lang),
        key=KEYS["country"],
        help=t("settings.country_help"),
    )
    st.number_input(
        t("settings.discount_rate"),
        min_value=0.0,
        max_value=15.0,
        step=0.25,
        format="%.2f",
        key=KEYS["discount_rate"],
        placeholder=t("settings.discount_placeholder", rate=national_rate(state[KEYS["country"]])),
        help=t("settings.discount_help"),
    )
    st.number_input(
        t("settings.benefit_years"),
        min_value=1,
        max_value=50,
        step=1,
        key=KEYS["benefit_years"],
        help=t("settings.benefit_help"),
    )
    st.button(
        t("settings.save"),
        key="settings_save",
        type="primary",
        on_click=save_clicked,
        icon=":material/save:",
    )
