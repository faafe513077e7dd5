"""Names every module of the Overkiz package shares (kept apart to avoid import cycles)."""

API_NAME = "overkiz"
BASE_PATH = "/enduser-mobile-web/enduserAPI"
SESSION_COOKIE = "JSESSIONID"
COOKIE_PATH = "/" + BASE_PATH.strip("/").split("/")[0]
"""``/enduser-mobile-web``: the web application's context path, as the real server scopes it."""
