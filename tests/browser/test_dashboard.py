"""The dashboard as a person uses it, in real Chromium: the outbox and journal follow API calls
live, the mail shows as HTML, text and source, the clock freezes and moves, the scenario
switches, the state tree opens, reset empties the namespace; and the pages the index links to."""

from __future__ import annotations

from datetime import datetime, timedelta

from playwright.sync_api import expect

from tests.support.send_email import send, user_of


def _instant(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def test_outbox_and_journal_follow_api_calls_live(context, mock_url, client, namespace):
    page = context.new_page()
    page.goto(f"{mock_url}/_mock/dashboard/#namespace={namespace}")
    page.get_by_text("No mail in this namespace yet.").wait_for()
    page.get_by_role("tab", name="Journal").click()
    page.locator("#journal-live", has_text="live").wait_for()

    assert send(client, user_of(client, "demo"), {"mailType": "TEST"}).status_code == 200  # no reload from here on
    page.locator("#journal tbody tr", has_text="POST /auth/realms/demo/mail/test").wait_for()
    assert page.locator("#journal tbody tr", has_text="/_mock/").count() == 0, "the dashboard's own calls are hidden"

    # Swagger UI's assets stay out of the journal unless asked for.
    page.context.new_page().goto(f"{mock_url}/email/continuity/v2/ui/")
    page.select_option("#journal-namespace", "")
    page.locator("#journal tbody tr", has_text=namespace).first.wait_for()
    assert page.locator("#journal tbody tr", has_text="/ui/").count() == 0
    page.check("#journal-docs")
    page.locator("#journal tbody tr", has_text="GET /email/continuity/v2/ui/").first.wait_for()
    page.select_option("#journal-api", "retarus")
    expect(page.locator("#journal tbody tr", has_text="/auth/realms/")).to_have_count(0)
    expect(page.locator("#journal tbody tr", has_text="/email/continuity/v2/").first).to_be_visible()

    page.get_by_role("tab", name="Outbox").click()
    page.locator("#outbox-count", has_text="1").wait_for()
    page.locator("#outbox-list tbody tr").first.click()
    page.frame_locator("#mail-html").get_by_text("This is a test message").wait_for()
    page.get_by_role("button", name="Text").click()
    assert page.locator("#mail-text").is_visible() and not page.locator("#mail-html").is_visible()
    page.get_by_role("button", name="Source").click()
    expect(page.locator("#mail-source")).to_contain_text("Message-ID: <")

    page.get_by_role("button", name="Reset", exact=True).click()
    page.get_by_text("No mail in this namespace yet.").wait_for()
    assert client.get("/_mock/outbox").json()["total"] == 0


def test_clock_scenario_and_state_tree(context, mock_url, client, namespace):
    page = context.new_page()
    page.goto(f"{mock_url}/_mock/dashboard/#namespace={namespace}")
    page.get_by_role("button", name="Freeze").click()
    page.locator("#clock-state", has_text="frozen").wait_for()
    frozen = _instant(page.locator("#clock-now").inner_text())
    page.get_by_role("button", name="+1 day").click()
    page.wait_for_function("(before) => document.querySelector('#clock-now').textContent !== before", arg=frozen.isoformat())
    shown = _instant(page.locator("#clock-now").inner_text())
    assert shown - frozen == timedelta(days=1)
    assert _instant(client.get("/_mock/clock").json()["now"]) == shown

    page.select_option("#scenario-select", "overkiz-sign-up")
    page.get_by_role("button", name="Switch").click()
    page.locator("#scenario-active", has_text="overkiz-sign-up").wait_for()
    assert client.get("/_mock/scenario").json()["scenario"] == "overkiz-sign-up"

    page.get_by_role("tab", name="State").click()
    page.select_option("#state-api", "overkiz")
    accounts = page.locator("#state-tree summary", has_text="accounts").first
    accounts.click()
    first_user = next(iter(client.get("/_mock/records/overkiz").json()["accounts"]))
    page.locator("#state-tree summary", has_text=first_user).first.wait_for()


def test_index_links_the_dashboard_and_overkiz_doc_renders_markdown(context, mock_url):
    page = context.new_page()
    page.goto(f"{mock_url}/")
    page.get_by_role("link", name="Open the dashboard").click()
    page.wait_for_url("**/_mock/dashboard/**")
    page.locator("#namespace").wait_for()
    assert page.locator("#namespace").input_value() == "default"

    page.goto(f"{mock_url}/enduser-mobile-web/enduserAPI/doc")
    assert page.locator("body > div ul li").count() > 0, "the document's Markdown list is a real list"
    assert "`" not in page.locator("body > div").first.inner_text(), "inline code is rendered, not shown as backticks"
