"""Overkiz password reset by mail, the accountManagement pages, /doc and the fixtures."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import httpx

from mock_server.apis.overkiz.passwords import SIGN_UP_PATTERN
from mock_server.specs import load_document, operations

BASE = "/enduser-mobile-web/enduserAPI"
SPEC = "overkiz-enduser.yaml"


def reset_links(client: httpx.Client) -> list[str]:
    messages = client.get("/_mock/outbox", params={"api": "overkiz"}).json()["messages"]
    details = [client.get(f"/_mock/outbox/{m['id']}").json() for m in messages]
    return [link for mail in details for link in mail["links"] if "resetPassword?token=" in link]


def test_password_reset_by_mail_link(client: httpx.Client, namespace: str) -> None:
    account = client.get("/_mock/fixtures/overkiz").json()["accounts"][0]
    wrong = client.post(f"{BASE}/enduser/password/reset", json={"userId": account["userId"], "email": "someone@else.example"})
    right = client.post(f"{BASE}/enduser/password/reset", json={"userId": account["userId"], "email": account["email"]})
    assert (wrong.status_code, wrong.content) == (right.status_code, right.content) == (200, b"")
    (link,) = reset_links(client)
    form = client.get(link)
    assert form.status_code == 200 and "<form" in form.text
    token = re.search(r'name="token" value="([^"]+)"', form.text).group(1)
    action = f"{BASE}/accountManagement/resetPassword"

    refused = client.post(action, data={"token": token, "password": "abc"})
    assert refused.status_code == 303 and "resetPasswordFailure?errorMessage=Password+refused" in refused.headers["location"]
    failure_page = client.get(refused.headers["location"])
    assert failure_page.status_code == 200 and "Password refused" in failure_page.text

    done = client.post(action, data={"token": token, "password": "N3w-Passphrase!"})
    assert done.status_code == 303 and urlsplit(done.headers["location"]).path == f"{BASE}/accountManagement/resetPasswordSuccess"
    assert "changed" in client.get(done.headers["location"]).text
    spent = client.post(action, data={"token": token, "password": "N3w-Passphrase!"}).headers["location"]
    assert parse_qs(urlsplit(spent).query) == {"errorMessage": ["Invalid token"], "mock_namespace": [namespace]}
    old = client.post(f"{BASE}/login", data={"userId": account["userId"], "userPassword": account["password"]})
    assert old.status_code == 401
    assert client.post(f"{BASE}/login", data={"userId": account["userId"], "userPassword": "N3w-Passphrase!"}).status_code == 200


def test_deprecated_reset_url_mails_too(client: httpx.Client) -> None:
    account = client.get("/_mock/fixtures/overkiz").json()["accounts"][1]
    assert client.post(f"{BASE}/enduser/mainAccount/resetPassword", json={"userId": account["userId"], "email": account["email"]}).status_code == 200
    assert len(reset_links(client)) == 1


def test_failure_page_escapes_the_message(client: httpx.Client) -> None:
    page = client.get(f"{BASE}/accountManagement/resetPasswordFailure", params={"errorMessage": "<script>x</script>"})
    assert page.headers["content-type"].startswith("text/html")
    assert "<script>" not in page.text and "&lt;script&gt;" in page.text


def test_doc_lists_every_operation_of_the_spec(client: httpx.Client) -> None:
    page = client.get(f"{BASE}/doc")
    assert page.headers["content-type"].startswith("text/html")
    document = load_document(SPEC)
    for path, method, operation in operations(document):
        assert f'id="{operation["operationId"]}"' in page.text, (method, path)
    deprecated = re.search(r'<div class="op deprecated" id="enduser.reset_main_account_password">', page.text)
    assert deprecated is not None


def test_sign_up_schema_pattern_is_the_scorers_rule() -> None:
    schemas = load_document(SPEC)["components"]["schemas"]
    assert schemas["MainAccountRequest"]["properties"]["password"]["pattern"] == SIGN_UP_PATTERN


def test_fixtures_list_working_credentials(client: httpx.Client) -> None:
    fixtures = client.get("/_mock/fixtures/overkiz").json()
    validated = [account for account in fixtures["accounts"] if account["validated"]]
    pending = [account for account in fixtures["accounts"] if not account["validated"]]
    assert validated and pending
    for account in validated:
        login = client.post(f"{BASE}/login", data={"userId": account["userId"], "userPassword": account["password"]})
        assert login.status_code == 200, account["userId"]
    (waiting,) = pending
    token = next(t["token"] for t in waiting["tokens"] if t["kind"] == "ACCOUNT_VALIDATION")
    assert client.post(f"{BASE}/enduser/{waiting['userId']}/validation/{token}").status_code == 200
    gateway_token = next(t for account in validated for t in account["tokens"] if t["kind"] == "TERMS_OF_USE")
    accepted = client.post(f"{BASE}/termsOfUse/{gateway_token['subject']}/accept/{gateway_token['token']}")
    assert accepted.json() == {"TermsOfUseValidated": True}


def test_same_seed_same_answers(client: httpx.Client, namespace: str) -> None:
    other = httpx.Client(base_url=str(client.base_url), headers={"X-Mock-Namespace": namespace + "-twin"})
    assert client.get("/_mock/fixtures/overkiz").json()["accounts"][0]["password"] == other.get("/_mock/fixtures/overkiz").json()["accounts"][0]["password"]
    other.close()
