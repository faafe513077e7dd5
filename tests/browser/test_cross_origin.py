"""A frontend on another origin calls the mock with fetch, in real Chromium: CORS preflights,
credentialed cookies, error bodies and exposed headers, and the namespace chosen without the
header (query parameter, cookie)."""

from __future__ import annotations

import base64

import httpx

OVERKIZ = "/enduser-mobile-web/enduserAPI"
RETARUS = "/email/continuity/v2"


def test_a_page_on_another_origin_uses_every_api(context, frontend_url, mock_url, client, namespace):
    page = context.new_page()
    page.goto(frontend_url)
    account = next(a for a in client.get("/_mock/fixtures/overkiz").json()["accounts"] if a["validated"])
    retarus = client.get("/_mock/fixtures/retarus").json()["credentials"][0]
    basic = base64.b64encode(f"{retarus['username']}:{retarus['password']}".encode()).decode()

    results = page.evaluate(
        """async ({mock, namespace, account, basic}) => {
          const json = async (response) => ({status: response.status, body: await response.json()});
          // WildDuck: JSON body and the namespace header, so the browser sends a preflight first.
          const created = await json(await fetch(`${mock}/users`, {
            method: "POST",
            headers: {"Content-Type": "application/json", "X-Mock-Namespace": namespace},
            body: JSON.stringify({username: "browser.user", password: "a long secret 42", name: "Browser User"}),
          }));
          // Overkiz: a form post (no preflight), the namespace in the query; the session cookie comes back.
          const login = await json(await fetch(`${mock}/enduser-mobile-web/enduserAPI/login?mock_namespace=${namespace}`, {
            method: "POST", credentials: "include",
            body: new URLSearchParams({userId: account.userId, userPassword: account.password}),
          }));
          const session = await json(await fetch(`${mock}/enduser-mobile-web/enduserAPI/authenticated?mock_namespace=${namespace}`,
            {credentials: "include"}));
          // Retarus: an error body, then a header the browser only shows when it is exposed.
          const refused = await json(await fetch(`${mock}/email/continuity/v2/44444`));
          const counted = await fetch(`${mock}/email/continuity/v2/44444`, {method: "HEAD", headers: {Authorization: `Basic ${basic}`}});
          // An undocumented method is refused by the preflight: the browser never sends the call.
          const patched = await fetch(`${mock}/users`, {method: "PATCH", headers: {"X-Mock-Namespace": namespace}})
            .then((response) => `answered ${response.status}`, (error) => error.name);
          return {created, login, session, refused, userCount: counted.headers.get("User-Count"), patched};
        }""",
        {"mock": mock_url, "namespace": namespace, "account": account, "basic": basic},
    )

    assert results["created"]["status"] == 200 and results["created"]["body"]["success"] is True
    assert client.get(f"/users/{results['created']['body']['id']}").json()["username"] == "browser.user"
    assert results["login"] == {"status": 200, "body": {"success": True, "roles": [{"name": "ENDUSER"}], "extraAttributes": {}}}
    assert results["session"] == {"status": 200, "body": {"authenticated": True}}
    assert results["refused"]["status"] == 401 and results["refused"]["body"]["message"] == "Unauthorized"
    users = client.get(f"{RETARUS}/44444", auth=(retarus["username"], retarus["password"])).json()["users"]
    assert results["userCount"] == str(len(users))
    assert results["patched"] == "TypeError"


def test_the_namespace_cookie_picks_the_namespace_of_a_browser(context, frontend_url, mock_url, client, namespace):
    """A cookie set on the frontend's page (cookies ignore the port) steers every call."""
    page = context.new_page()
    page.goto(frontend_url)
    clock = page.evaluate(
        """async ({mock, namespace}) => {
          document.cookie = `mock-namespace=${namespace}; path=/`;
          const set = await fetch(`${mock}/_mock/clock`, {
            method: "PUT", credentials: "include", headers: {"Content-Type": "application/json"},
            body: JSON.stringify({now: "2031-05-06T07:08:09Z"}),
          });
          return set.json();
        }""",
        {"mock": mock_url, "namespace": namespace},
    )
    assert clock == {"now": "2031-05-06T07:08:09.000Z", "frozen": True}
    assert client.get("/_mock/clock").json()["now"] == "2031-05-06T07:08:09.000Z"
    assert httpx.get(f"{mock_url}/_mock/clock").json()["now"] != "2031-05-06T07:08:09.000Z", "default untouched"
