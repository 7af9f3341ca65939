"""Who is using the app, and whether they are an analyst or a viewer (product.md, Roles).

Viewers see everything; uploads, mappings, restores and settings need an analyst.

- **Local single-user mode** (the default): no ``[auth]`` section in ``st.secrets`` and the
  server bound to a loopback address (``server.address`` 127.0.0.1, ::1 or localhost). The
  one local user is the analyst; loads are recorded as ``WHATWORKS_USER`` or the operating
  system account, as on the command line.
- **Open, read-only**: no ``[auth]`` section and the server bound to any other address (or to
  every address). Anyone who reaches the port could be anyone: everybody views, nobody is an
  analyst, and every page says how to enable sign-in.
- **Anonymous analysts** (a closed network, by explicit choice): as open, with
  ``WHATWORKS_ALLOW_ANONYMOUS_ANALYST=1`` in the server's environment. Everybody is an analyst,
  recorded as ``anonymous``, and every page warns about it.
- **Sign-in (OIDC)**: ``.streamlit/secrets.toml`` has an ``[auth]`` section (Streamlit's
  ``st.login``) and lists the analyst accounts::

      [whatworks]
      analysts = ["analyst@gemeente.nl"]

  A signed-in user whose e-mail address is listed (case does not matter) is an analyst and
  loads are recorded under that address; everyone else is a viewer. A secrets file that
  cannot be read fails closed: nobody is an analyst.

The changes themselves (``whatworks.dataops``) take the :class:`~whatworks.dataops.Actor`
built here and refuse a viewer, so hiding a control is never the only check.
"""

from __future__ import annotations

import ipaddress
import os
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Final, Literal

import streamlit as st
from streamlit.errors import StreamlitSecretNotFoundError

from whatworks import plain, store
from whatworks.dataops import Actor
from whatworks.i18n import t

SECTION: Final = "whatworks"  # our own section of the secrets
AUTH_SECTION: Final = "auth"  # Streamlit's OIDC configuration
NO_SECRETS: Final = "no-secrets-found"
ANONYMOUS_ENV: Final = "WHATWORKS_ALLOW_ANONYMOUS_ANALYST"
ANONYMOUS_USER: Final = "anonymous"

Mode = Literal["local", "open", "anonymous", "oidc", "broken"]


@dataclass(frozen=True)
class Identity:
    """The user of this session."""

    mode: Mode
    signed_in: bool
    email: str | None
    name: str | None
    analyst: bool

    @property
    def recorded_as(self) -> str:
        """The name versions, mappings and settings record for this user."""
        if self.mode == "local":
            return store.current_user()
        if self.mode == "anonymous":
            return ANONYMOUS_USER
        return self.email or self.name or "unknown"

    @property
    def actor(self) -> Actor:
        return Actor(self.recorded_as, self.analyst)


def _secrets() -> tuple[Mapping[str, Any], bool]:
    """The secrets as a mapping, and whether they could be read (no file: empty, readable)."""
    try:
        return st.secrets.to_dict(), True
    except StreamlitSecretNotFoundError as exc:
        return {}, getattr(exc, "error_id", None) == NO_SECRETS


def bound_address() -> str:
    """The address the server listens on ('' when Streamlit binds every address)."""
    return str(st.get_option("server.address") or "")


def is_loopback(address: str) -> bool:
    """Whether only this machine can reach a server bound to ``address``."""
    host = address.strip().strip("[]").lower()
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def anonymous_allowed() -> bool:
    """The operator's explicit choice to let anyone who reaches the server be an analyst."""
    return os.environ.get(ANONYMOUS_ENV, "").strip().lower() in {"1", "true", "yes"}


def mode() -> Mode:
    """``oidc`` with an ``[auth]`` section, ``broken`` when the secrets are unreadable;
    without sign-in ``local`` on a loopback address, else ``anonymous`` when the operator
    allowed it and ``open`` (read-only for everyone) when not."""
    secrets, readable = _secrets()
    if not readable:
        return "broken"
    if isinstance(secrets.get(AUTH_SECTION), Mapping):
        return "oidc"
    if is_loopback(bound_address()):
        return "local"
    return "anonymous" if anonymous_allowed() else "open"


def analyst_accounts() -> frozenset[str]:
    """The e-mail addresses listed as analysts (lower case)."""
    secrets, _ = _secrets()
    section = secrets.get(SECTION)
    listed = section.get("analysts", []) if isinstance(section, Mapping) else []
    if isinstance(listed, str):
        listed = [listed]
    return frozenset(str(a).strip().lower() for a in listed if str(a).strip())


def login_provider() -> str | None:
    """The provider ``st.login`` uses: None for a single ``[auth]`` provider, else the first."""
    secrets, _ = _secrets()
    auth = secrets.get(AUTH_SECTION)
    if not isinstance(auth, Mapping) or "client_id" in auth:
        return None
    return next((str(k) for k, v in auth.items() if isinstance(v, Mapping)), None)


def current() -> Identity:
    """Who this session's user is, and whether they are an analyst."""
    how = mode()
    if how in ("local", "anonymous"):
        return Identity(how, False, None, None, analyst=True)
    if how == "open":
        return Identity(how, False, None, None, analyst=False)
    user = st.user
    signed_in = how == "oidc" and bool(user.get("is_logged_in", False))
    email = user.get("email") if signed_in else None
    name = user.get("name") if signed_in else None
    email_text = str(email).strip().lower() if email else None
    analyst = signed_in and email_text is not None and email_text in analyst_accounts()
    return Identity(how, signed_in, email_text, str(name) if name else None, analyst)


def actor() -> Actor:
    """The actor for a change requested in this session."""
    return current().actor


def account_banner(identity: Identity) -> None:
    """Say who the user is and what they may do; sign in or out (the Data page)."""
    if identity.mode == "local":
        st.info(plain.say("roles.local_mode", user=identity.recorded_as), icon=":material/person:")
    elif identity.mode in ("open", "anonymous"):
        pass  # exposure_warning says it on every page
    elif identity.mode == "broken":
        st.error(t("roles.secrets_unreadable"))
    elif not identity.signed_in:
        st.info(t("roles.viewer_signed_out"), icon=":material/visibility:")
        login_button()
    else:
        who = identity.email or identity.name or ""
        key = "roles.signed_in_analyst" if identity.analyst else "roles.signed_in_viewer"
        st.info(plain.say(key, user=who), icon=":material/person:")
        st.button(t("roles.logout"), key="roles_logout", on_click=st.logout)


def login_button() -> None:
    """The sign-in button (only with OIDC configured)."""
    provider = login_provider()
    st.button(
        t("roles.login"),
        key="roles_login",
        on_click=st.login,
        args=(provider,) if provider else (),
        type="primary",
    )


def exposure_warning() -> None:
    """On every page of a server others can reach without sign-in: what that means."""
    how = mode()
    if how == "open":
        st.warning(
            t("roles.open_mode", address=bound_address() or "*", env=ANONYMOUS_ENV),
            icon=":material/visibility:",
        )
    elif how == "anonymous":
        st.warning(
            t("roles.anonymous_mode", address=bound_address() or "*", env=ANONYMOUS_ENV),
            icon=":material/warning:",
        )


def analyst_gate(identity: Identity) -> bool:
    """True for an analyst; otherwise say why the controls are not here."""
    if identity.analyst:
        return True
    if identity.mode == "open":
        st.info(t("roles.analysts_only_open"), icon=":material/lock:")
    elif identity.mode == "oidc" and not identity.signed_in:
        st.info(t("roles.analysts_only_sign_in"), icon=":material/lock:")
    else:
        st.info(t("roles.analysts_only"), icon=":material/lock:")
    return False
