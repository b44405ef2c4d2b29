"""Ratings from others, a 360 without a server (issue 12), in real Chromium: the candidate makes a request link, two
raters (a manager and a peer, each in a browser of their own) rate by it and send back response links, the candidate
adds them and reads the 360 view (means per rater group with n, blind spots and hidden strengths, comments, CSV).
Refusals change nothing stored; a response is never added twice; the rater's draft survives a reload; rater mode works
by keyboard alone; axe finds nothing; the page fits a phone of 390 px and the printed A4 page; a level-rated
framework is rated by level."""

from __future__ import annotations

import base64
import json
import zlib

import pytest

from conftest import PHONE, ROOT, framework_site, serve, wait_until, watched_page

LEVELS = ROOT / "tests" / "fixtures" / "levels"
AKAM_KEY = "kam:akam-kam-diploma"
PAGE = "assess/feedback/"
A4_WIDTH = 703  # A4 portrait less the @page margins, in CSS px (as tests/test_browser_fit.py)


@pytest.fixture(scope="module")
def levels_url(tmp_path_factory):
    with serve(framework_site(tmp_path_factory.mktemp("fb-levels"), LEVELS)) as url:
        yield url


def akam(ratings: dict, **more) -> dict:
    return {"format": "kam-assessment", "format_version": 2, "framework": {"id": "akam-kam-diploma", "version": "2020"},
            "updated": "2026-01-01T00:00:00Z", "ratings": ratings, "evidence": {}, "will": {}, "profile": None,
            "completed_modules": [], "notes": {}, **more}


def seed(page, url, key, assessment: dict, name="Alex Candidate") -> None:
    """Store one assessment, current, before the page's script runs."""
    page.goto(url)
    raw = {"format": "kam-store", "version": 1, "current": "a0",
           "assessments": {"a0": {"name": name, "created": "2026-01-01", "assessment": assessment}}}
    page.evaluate(f"localStorage.setItem({json.dumps(key)}, {json.dumps(json.dumps(raw))})")


def stored(page, key=AKAM_KEY) -> dict:
    return json.loads(page.evaluate(f"localStorage.getItem({json.dumps(key)})"))


def responses(page, key=AKAM_KEY) -> list:
    return stored(page, key)["assessments"]["a0"]["assessment"].get("responses", [])


def pack(value) -> str:
    """A link's payload as the page makes it: the JSON, deflate-raw, base64url."""
    z = zlib.compressobj(wbits=-15)
    data = z.compress(json.dumps(value).encode()) + z.flush()
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


def unpack(text: str):
    return json.loads(zlib.decompress(base64.urlsafe_b64decode(text + "=" * (-len(text) % 4)), wbits=-15))


def open_page(page, url, hash_=""):
    page.goto(url + PAGE + hash_)
    page.wait_for_selector(".kam-fb-rater, .kam-fb-360")
    return page


def visit(page, link: str) -> None:
    """Open a link as one arriving from elsewhere (not a jump within the page shown)."""
    page.goto("about:blank")
    page.goto(link)
    page.wait_for_selector(".kam-fb-rater .kam-fb-step .kam-form, .kam-fb-360")


def make_request(page, url, competencies=None, include_self=False, message="") -> str:
    """The candidate's request link, for all competencies or the ids given."""
    open_page(page, url)
    if competencies:
        page.check("input[name=fb-scope][value=some]")
        for box in page.locator("[data-area]").all():
            box.uncheck()
        for cid in competencies:
            page.check(f'[data-pick="{cid}"]')
    if message:
        page.fill("#fb-message", message)
    if include_self:
        page.check("#fb-self")
    page.click("[data-action=make-request]")
    return page.locator("#fb-request-link").input_value()


def rate(page, item: str, value) -> None:
    page.click(f'label:has(> input[data-rating="{item}"][value="{value}"])')


def respond(browser, link: str, name: str, role: str, ratings: dict, comments=None, **options) -> str:
    """A rater, in a browser of their own: opens the request, rates, and makes the response link."""
    with watched_page(browser, link, **options) as w:
        page = w.page
        page.goto(link)
        page.wait_for_selector(".kam-fb-rater")
        page.fill("#fb-rater-name", name)
        page.check(f"input[name=fb-role][value={role}]")
        steps = page.locator("#fb-jump option").count()
        for k in range(steps):
            page.select_option("#fb-jump", str(k))
            for item, value in ratings.items():
                if page.locator(f'input[data-rating="{item}"]').count():
                    rate(page, item, value)
            for item, text in (comments or {}).items():
                box = page.locator(f'textarea[data-comment="{item}"]')
                if box.count():
                    if not box.is_visible():
                        box.locator("xpath=ancestor::details[1]/summary").click()
                    box.fill(text)
        page.click("[data-action=make-response]")
        out = page.locator("#fb-response-link").input_value()
        assert w.errors == [] and w.foreign == []
        return out


def add_link(page, link: str) -> None:
    page.fill("#fb-paste", link)
    page.click("[data-action=add-link]")


def cell(page, row: str, label: str) -> str:
    return page.locator(f'{row} td[data-label="{label}"]').inner_text().strip()


def fits(page, width: int) -> None:
    assert page.evaluate("document.scrollingElement.scrollWidth") <= width
    wide = page.evaluate("""() => [...document.querySelectorAll('#kam-app table')].filter(t => t.getClientRects().length)
        .filter(t => t.getBoundingClientRect().right > document.documentElement.clientWidth + 0.5
                     || t.scrollWidth > t.parentElement.clientWidth + 1).map(t => t.className)""")
    assert wide == []


# ---------------------------------------------------------------- the walk: request, two raters, add, the 360

@pytest.fixture(scope="module")
def walked(browser, base_url, framework):
    """The candidate's request for 1.1 and 4.3, answered by a manager and a peer (each in a browser of their own)."""
    ids = {c["id"]: [i["id"] for g in c["groups"] for i in g["indicators"]] for c in framework["competencies"]}
    first, second = ids["1.1"][:2]
    with watched_page(browser, base_url) as w:
        seed(w.page, base_url, AKAM_KEY, akam({first: 3, second: 1, ids["2.1"][0]: 2}))
        link = make_request(w.page, base_url, ["1.1", "4.3"], message="Thanks for your time!")
        assert w.errors == []
    manager = respond(browser, link, "Sam Boss", "manager", {first: 1, second: 3, ids["4.3"][0]: "na"}, {"1.1": "Strong on the org chart."})
    peer = respond(browser, link, "Pat Peer", "peer", {first: 0, second: 3}, {first: "Rarely seen."}, **PHONE)
    return {"link": link, "manager": manager, "peer": peer, "first": first, "second": second, "ids": ids}


def test_the_request_link_holds_what_the_candidate_chose(walked, base_url):
    link = walked["link"]
    assert link.startswith(base_url + PAGE + "#request=")
    q = unpack(link.split("#request=")[1])
    assert q["format"] == "kam-request" and q["format_version"] == 1 and q["framework"] == {"id": "akam-kam-diploma", "version": "2020"}
    assert q["name"] == "Alex Candidate" and q["competencies"] == ["1.1", "4.3"] and q["message"] == "Thanks for your time!"
    assert q["id"].startswith("q-") and q["self"] is None  # none of the candidate's own ratings unless chosen
    r = unpack(walked["manager"].split("#response=")[1])
    assert r["format"] == "kam-response" and r["for"] == "Alex Candidate" and r["request"] == q["id"]
    assert r["rater"] == {"name": "Sam Boss", "role": "manager"} and r["id"].startswith("r-")
    assert r["ratings"] == {walked["first"]: 1, walked["second"]: 3, walked["ids"]["4.3"][0]: "na"}
    assert r["comments"] == {"1.1": "Strong on the org chart."}


def test_two_raters_make_a_360_with_means_n_and_flags(browser, base_url, walked, tmp_path):
    first, second = walked["first"], walked["second"]
    with watched_page(browser, base_url) as w:
        page = w.page
        seed(page, base_url, AKAM_KEY, akam({first: 3, second: 1, walked["ids"]["2.1"][0]: 2}))
        open_page(page, base_url)
        assert "No responses yet" in page.locator(".kam-fb-list").inner_text()
        add_link(page, walked["manager"])
        page.wait_for_selector('[data-response]')
        add_link(page, walked["peer"])
        page.wait_for_selector('[data-response] >> nth=1')
        assert [x["rater"] for x in responses(page)] == [{"name": "Sam Boss", "role": "manager"}, {"name": "Pat Peer", "role": "peer"}]
        listed = page.locator(".kam-fb-responses li").all_inner_texts()
        assert listed[0].startswith("Sam Boss (Manager), ") and "3 ratings" in listed[0]
        assert listed[1].startswith("Pat Peer (Peer), ") and "2 ratings" in listed[1]
        # per competency: 1.1 (self 3 and 1: mean 2; manager 1, 3; peer 0, 3), 4.3 (only an N/A), nothing else rated by others
        comp = '.kam-fb-360 tr[data-competency="1.1"]'
        assert cell(page, comp, "You") == "2"
        assert cell(page, comp, "Manager") == "2 (n = 2)"
        assert cell(page, comp, "Peer") == "1.5 (n = 2)"
        assert cell(page, comp, "All raters") == "1.8 (n = 4)"
        assert cell(page, comp, "Flag") == ""
        assert "Sam Boss (Manager): Strong on the org chart." in cell(page, comp, "Comments")
        other = '.kam-fb-360 tr[data-competency="4.3"]'
        assert cell(page, other, "You") == "Not assessed"  # never a 0
        assert cell(page, other, "Manager") == "N/A" and cell(page, other, "Peer") == "Not rated"
        assert page.locator('.kam-fb-360 tr[data-competency="2.1"]').count() == 0  # rated by nobody else
        # per statement: a blind spot (self 3, others 0.5) and a hidden strength (self 1, others 3), in words
        row = f'.kam-fb-360 tr[data-item="{first}"]'
        assert cell(page, row, "You") == "3" and cell(page, row, "Manager") == "1 (n = 1)" and cell(page, row, "Peer") == "0 (n = 1)"
        assert cell(page, row, "All raters") == "0.5 (n = 2)" and cell(page, row, "Flag") == "▲ Blind spot"
        assert "Pat Peer (Peer): Rarely seen." in cell(page, row, "Comments")
        assert cell(page, f'.kam-fb-360 tr[data-item="{second}"]', "Flag") == "▼ Hidden strength"
        assert page.locator(f'.kam-fb-360 tr[data-item="{second}"]').is_visible()  # a competency with flags is open
        flagged = page.locator(".kam-fb-flagged li").all_inner_texts()
        assert flagged[0].startswith("▲ Blind spot") and first in flagged[0] and "you 3, others 0.5 (n = 2)" in flagged[0]
        assert flagged[1].startswith("▼ Hidden strength") and second in flagged[1]
        assert len(flagged) == 2
        # the CSV of the 360, with a BOM
        with page.expect_download() as d:
            page.click("[data-action=export-360-csv]")
        path = tmp_path / "360.csv"
        d.value.save_as(path)
        text = path.read_bytes().decode("utf-8")
        assert text.startswith("\ufeffCompetency,id,statement,You,Manager,Manager n,Peer,Peer n,All raters,All raters n,Flag,Comments\r\n")
        assert f"\r\n1.1,{first}," in text and ",3,1,1,0,1,0.5,2,▲ Blind spot,Pat Peer (Peer): Rarely seen.\r\n" in text
        assert "\r\n1.1,1.1,1.1 Knowledge of own company,2,2,2,1.5,2,1.75,4,," in text
        # the responses stay after a reload, and a response is removed after asking
        page.reload()
        page.wait_for_selector(".kam-fb-360 table")
        assert page.locator(".kam-fb-responses li").count() == 2
        page.once("dialog", lambda dialog: dialog.accept())
        page.click('[data-action=remove-response][aria-label="Remove the response of Pat Peer (Peer)"]')
        wait_until(page, "document.querySelectorAll('.kam-fb-responses li').length === 1")
        assert [x["rater"]["name"] for x in responses(page)] == ["Sam Boss"]
        assert cell(page, f'.kam-fb-360 tr[data-item="{first}"]', "All raters") == "1 (n = 1)"
        assert page.locator('.kam-fb-360 th:text-is("Peer")').count() == 0
        assert w.errors == [] and w.foreign == []


def test_a_response_opened_by_its_link_is_offered_then_added_once(browser, base_url, walked):
    with watched_page(browser, base_url) as w:
        page = w.page
        seed(page, base_url, AKAM_KEY, akam({}))
        page.goto(walked["manager"])
        offer = page.locator(".kam-notice--offer")
        assert "Sam Boss (Manager)" in offer.inner_text() and "“Alex Candidate”" in offer.inner_text()
        assert "#" not in page.url  # the link leaves the address bar
        assert responses(page) == []  # nothing stored before Add
        page.click("[data-action=add-offered]")
        page.wait_for_selector("[data-response]")
        assert len(responses(page)) == 1
        before = stored(page)
        add_link(page, walked["manager"])  # the same response again: said, not added twice
        notice = page.locator(".kam-notice--warning").last
        assert "added already" in notice.inner_text()
        assert stored(page) == before and page.locator("[data-response]").count() == 1
        assert w.errors == []


# ---------------------------------------------------------------- refusals: nothing stored changes

def response_file(**over) -> dict:
    r = {"format": "kam-response", "format_version": 1, "framework": {"id": "akam-kam-diploma", "version": "2020"}, "for": "Alex",
         "id": "r-test1", "request": "q-x", "rater": {"name": "Kim", "role": "peer"}, "created": "2026-12-02T10:00:00.000Z",
         "ratings": {"1.1-org-1": 2}, "comments": {}}
    r.update(over)
    return r


@pytest.mark.parametrize("case, words", [
    ({"framework": {"id": "ladder", "version": "1"}}, "another framework (“ladder”)"),
    ({"framework": {"id": "akam-kam-diploma", "version": "2019"}}, "another version of this framework (“2019”)"),
    ({"rater": {"name": "Kim", "role": "boss"}}, "holds values that cannot be used"),
    ({"ratings": {"1.1-org-1": 7}}, "holds values that cannot be used"),
    ({"format": "kam-assessment"}, "not a response made on this page"),
])
def test_a_bad_response_file_is_refused_with_the_reason_and_nothing_changes(watched, base_url, tmp_path, case, words):
    page = watched.page
    seed(page, base_url, AKAM_KEY, akam({"1.1-org-1": 1}))
    open_page(page, base_url)
    before = stored(page)
    path = tmp_path / "response.json"
    path.write_text(json.dumps(response_file(**case)))
    page.set_input_files("#fb-file", str(path))
    error = page.locator(".kam-notice--error")
    error.wait_for()
    assert words in error.inner_text() and "Nothing stored has changed" in error.inner_text()
    assert "Details: " in error.inner_text()
    assert stored(page) == before and page.locator("[data-response]").count() == 0
    path.write_text(json.dumps(response_file()))  # a good one is then added
    page.set_input_files("#fb-file", str(path))
    page.wait_for_selector("[data-response]")
    assert [x["id"] for x in responses(page)] == ["r-test1"]


def test_a_response_link_for_another_framework_is_refused(watched, base_url):
    page = watched.page
    seed(page, base_url, AKAM_KEY, akam({}))
    open_page(page, base_url)
    before = stored(page)
    add_link(page, base_url + PAGE + "#response=" + pack(response_file(framework={"id": "ladder", "version": "1"})))
    assert "another framework (“ladder”)" in page.locator(".kam-notice--error").inner_text()
    assert stored(page) == before


def test_damaged_links_are_refused_in_plain_words(watched, base_url, walked):
    page = watched.page
    seed(page, base_url, AKAM_KEY, akam({}))
    before = stored(page)
    cut = walked["link"][: len(walked["link"]) - 30]  # a request link cut short
    page.goto(cut)
    error = page.locator(".kam-notice--error")
    error.wait_for()
    assert "The request link is damaged or incomplete" in error.inner_text()
    assert page.locator(".kam-fb-rater").count() == 0 and page.locator(".kam-fb-ask").is_visible()
    open_page(page, base_url)
    add_link(page, walked["manager"][:-25])  # a response link cut short
    assert "The response link is damaged or incomplete" in page.locator(".kam-notice--error").inner_text()
    add_link(page, "https://example.org/not-a-response")
    assert "no #response= part" in page.locator(".kam-notice--error").last.inner_text()
    assert stored(page) == before and watched.foreign == []


def test_a_request_for_another_framework_or_version_is_refused(watched, base_url):
    page = watched.page
    q = {"format": "kam-request", "format_version": 1, "framework": {"id": "ladder", "version": "1"}, "id": "q-1", "name": "Jo",
         "created": "2026-01-01", "competencies": ["craft"], "self": None}
    page.goto(base_url + PAGE + "#request=" + pack(q))
    assert "This request is for another framework (“ladder”)" in page.locator(".kam-notice--error").inner_text()
    q["framework"] = {"id": "akam-kam-diploma", "version": "2019"}
    q["competencies"] = ["1.1"]
    page.goto(base_url + PAGE + "#request=" + pack(q))
    page.wait_for_selector(".kam-notice--error")
    assert "another version of this framework (“2019”)" in page.locator(".kam-notice--error").inner_text()
    assert page.locator(".kam-fb-rater").count() == 0


# ---------------------------------------------------------------- the rater

def test_the_rater_sees_who_asks_only_the_requested_competencies_and_their_own_ratings_if_shared(browser, base_url, framework):
    with watched_page(browser, base_url, **PHONE) as w:
        page = w.page
        ids = [i["id"] for g in framework["competencies"][0]["groups"] for i in g["indicators"]]
        seed(page, base_url, AKAM_KEY, akam({ids[0]: 2}))
        link = make_request(page, base_url, ["1.1"], include_self=True, message="Be frank, please.")
        assert unpack(link.split("#request=")[1])["self"] == {"ratings": {ids[0]: 2}}
        visit(page, link)
        assert page.locator(".kam-fb-rater h2").first.inner_text() == "Alex Candidate asks you to rate them"
        assert page.locator(".kam-fb-message").inner_text() == "Be frank, please."
        assert page.locator("#fb-jump option").count() == 1
        assert page.locator(f'[id="fb-rate-{ids[0]}"] .kam-hint').inner_text() == "Alex Candidate's own rating: Competent"
        options = page.locator(f'[id="fb-rate-{ids[0]}"] .kam-option').all_inner_texts()
        assert [o.strip() for o in options] == ["Not yet", "Developing", "Competent", "Advanced", "N/A", "Can't say"]
        roles = page.locator(".kam-fb-roles .kam-option").all_inner_texts()
        assert [r.strip() for r in roles] == ["Manager", "Peer", "Customer", "Coach", "Other"]
        # rating controls of 44 x 44 px at least, no sideways scroll
        small = page.evaluate("""() => [...document.querySelectorAll('.kam-fb-step .kam-option, .kam-fb-roles .kam-option, .kam-fb-nav .md-button')]
            .map(e => e.getBoundingClientRect()).filter(r => r.width < 44 || r.height < 44).length""")
        assert small == 0
        fits(page, 390)
        # no name or role: said, and no link
        page.click("[data-action=make-response]")
        assert "Enter your name first" in page.locator(".kam-fb-finish .kam-notice--error").inner_text()
        assert page.locator("#fb-response-link").count() == 0
        page.click("[data-action=leave-rater]")  # back to one's own page: the address loses the request
        assert page.locator(".kam-fb-ask").is_visible() and page.locator(".kam-fb-rater").count() == 0 and "#" not in page.url
        assert w.errors == [] and w.foreign == []


def test_the_rater_draft_survives_a_reload_and_stays_out_of_the_main_store(browser, base_url, walked):
    first = walked["first"]
    with watched_page(browser, base_url) as w:
        page = w.page
        page.goto(walked["link"])
        page.wait_for_selector(".kam-fb-rater")
        main_before = page.evaluate(f"localStorage.getItem({json.dumps(AKAM_KEY)})")
        page.fill("#fb-rater-name", "Robin")
        page.check("input[name=fb-role][value=customer]")
        rate(page, first, 2)
        rate(page, walked["second"], "")  # can't say
        page.locator(f'[id="fb-rate-{first}"] details summary').click()
        page.fill(f'textarea[data-comment="{first}"]', "Seen twice.")
        page.select_option("#fb-jump", "1")
        page.fill('textarea[data-comment="4.3"]', "Not much seen.")
        page.fill("#fb-note", "Good luck")
        q = unpack(walked["link"].split("#request=")[1])
        keys = page.evaluate("Object.keys(localStorage)")
        assert f"kam:akam-kam-diploma:rater:{q['id']}" in keys
        assert page.evaluate(f"localStorage.getItem({json.dumps(AKAM_KEY)})") == main_before  # the main store untouched
        page.reload()
        page.wait_for_selector(".kam-fb-rater")
        assert page.locator("#fb-rater-name").input_value() == "Robin"
        assert page.locator("input[name=fb-role][value=customer]").is_checked()
        assert page.locator("#fb-jump").input_value() == "1"  # back at the competency being rated
        assert page.locator('textarea[data-comment="4.3"]').input_value() == "Not much seen."
        assert page.locator("#fb-note").input_value() == "Good luck"
        page.select_option("#fb-jump", "0")
        assert page.locator(f'input[data-rating="{first}"][value="2"]').is_checked()
        assert page.locator(f'input[data-rating="{walked["second"]}"][value=""]').is_checked()
        assert page.locator(f'textarea[data-comment="{first}"]').input_value() == "Seen twice."
        assert "2 of" in page.locator("#fb-progress").inner_text()
        page.click("[data-action=make-response]")
        r = unpack(page.locator("#fb-response-link").input_value().split("#response=")[1])
        assert r["ratings"] == {first: 2}  # "can't say" is no rating
        assert r["comments"] == {first: "Seen twice.", "4.3": "Not much seen."} and r["message"] == "Good luck"
        assert r["rater"] == {"name": "Robin", "role": "customer"}
        with page.expect_download() as d:
            page.click("[data-action=download-response]")
        assert d.value.suggested_filename == "kam-response-robin.json"
        assert json.loads(open(d.value.path(), encoding="utf-8").read())["id"] == r["id"]
        assert w.errors == []


def test_rater_mode_by_keyboard_alone(browser, base_url, walked):
    with watched_page(browser, base_url) as w:
        page = w.page
        page.goto(walked["link"])
        page.wait_for_selector(".kam-fb-rater")

        def tab_to(selector: str, limit=300):
            for _ in range(limit):
                page.keyboard.press("Tab")
                if page.evaluate("(s) => document.activeElement && document.activeElement.matches(s)", selector):
                    return
            raise AssertionError(f"Tab never reached {selector}")

        tab_to("#fb-rater-name")
        page.keyboard.type("Kai")
        page.keyboard.press("Tab")  # the roles: the first, then the arrow keys
        page.keyboard.press("ArrowDown")
        assert page.locator("input[name=fb-role][value=peer]").is_checked()
        tab_to(f'input[data-rating="{walked["first"]}"]')
        page.keyboard.press("ArrowRight")  # a radio group's arrow keys choose
        page.keyboard.press("ArrowRight")
        checked = page.locator(f'input[data-rating="{walked["first"]}"]:checked')
        assert checked.count() == 1
        value = checked.get_attribute("value")
        page.keyboard.press("Tab")  # the statement's comment
        page.keyboard.press("Enter")
        page.keyboard.press("Tab")
        page.keyboard.type("Clear notes.")
        tab_to("[data-action=next]")
        page.keyboard.press("Enter")
        assert page.evaluate("document.activeElement.id") == "fb-step-title"  # the next competency's heading
        assert page.locator("#fb-jump").input_value() == "1"
        tab_to("[data-action=make-response]")
        page.keyboard.press("Enter")
        page.wait_for_selector("#fb-response-link")
        assert page.evaluate("document.activeElement.id") == "fb-response-link"
        r = unpack(page.locator("#fb-response-link").input_value().split("#response=")[1])
        assert r["rater"] == {"name": "Kai", "role": "peer"}
        assert r["ratings"] == {walked["first"]: int(value)} and r["comments"] == {walked["first"]: "Clear notes."}
        assert w.errors == []


# ---------------------------------------------------------------- axe, the phone, print

@pytest.mark.parametrize("mode", ["candidate", "rater"])
@pytest.mark.parametrize("size", ["phone", "desktop"])
def test_axe_finds_nothing_and_the_page_fits(browser, base_url, walked, mode, size):
    options = PHONE if size == "phone" else {"viewport": {"width": 1280, "height": 800}}
    with watched_page(browser, base_url, **options) as w:
        page = w.page
        seed(page, base_url, AKAM_KEY, akam({walked["first"]: 3, walked["second"]: 1}))
        if mode == "candidate":
            open_page(page, base_url)
            add_link(page, walked["manager"])
            add_link(page, walked["peer"])
            page.wait_for_selector("[data-response] >> nth=1")
            page.click("input[name=fb-scope][value=some]")
            page.locator("[data-area] >> nth=1").check()  # "the ones I choose" starts with none: one area's
            page.click("[data-action=make-request]")
            page.wait_for_selector("#fb-request-link")
        else:
            page.goto(walked["link"])
            page.wait_for_selector(".kam-fb-rater")
            page.locator(f'[id="fb-rate-{walked["first"]}"] details summary').click()
        assert w.axe() == []
        width = options["viewport"]["width"]
        fits(page, width)
        if mode == "candidate" and size == "phone":  # every cell of the stacked tables names its column
            assert page.evaluate("""() => [...document.querySelectorAll('.kam-fb-360 tbody td')].every(c => c.dataset.label)""")
        assert w.errors == [] and w.foreign == []


def test_the_360_prints_on_a4(browser, base_url, walked):
    with watched_page(browser, base_url, viewport={"width": A4_WIDTH, "height": 1000}) as w:
        page = w.page
        seed(page, base_url, AKAM_KEY, akam({walked["first"]: 3, walked["second"]: 1}))
        open_page(page, base_url)
        add_link(page, walked["manager"])
        add_link(page, walked["peer"])
        page.wait_for_selector("[data-response] >> nth=1")
        page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
        page.emulate_media(media="print")
        assert page.evaluate("document.scrollingElement.scrollWidth") <= A4_WIDTH
        assert not page.locator(".kam-fb-ask").is_visible() and not page.locator("[data-action=print-360]").is_visible()
        assert page.locator(".kam-fb-details").evaluate_all("ds => ds.every(d => d.open)")
        assert page.evaluate("""() => [...document.querySelectorAll('.kam-fb-360 table')]
            .every(t => getComputedStyle(t).display === 'table' && t.scrollWidth <= t.parentElement.clientWidth + 1)""")
        page.emulate_media(media="screen")
        assert w.errors == []


# ---------------------------------------------------------------- a level-rated framework

def test_a_level_rated_competency_is_rated_by_level(browser, levels_url):
    with watched_page(browser, levels_url, **PHONE) as w:
        page = w.page
        seed(page, levels_url, "kam:ladder", {"format": "kam-assessment", "format_version": 2, "framework": {"id": "ladder", "version": "1"},
                                             "ratings": {"craft": 4}}, name="Lee")
        link = make_request(page, levels_url, ["craft"])
        visit(page, link)
        cards = page.locator("#fb-rate-craft .kam-level-name").all_inner_texts()
        assert cards[:2] == ["None", "Starter — Follows the practice"] and cards[-1] == "Can't say"
        assert "N/A" not in cards  # the scale has no N/A
        page.fill("#fb-rater-name", "Mo")
        page.check("input[name=fb-role][value=manager]")
        page.click('label:has(> input[data-rating="craft"][value="1"])')
        small = page.evaluate("""() => [...document.querySelectorAll('#fb-rate-craft .kam-level-pick')]
            .map(e => e.getBoundingClientRect()).filter(r => r.width < 44 || r.height < 44).length""")
        assert small == 0
        page.click("[data-action=make-response]")
        link = page.locator("#fb-response-link").input_value()
        assert unpack(link.split("#response=")[1])["ratings"] == {"craft": 1}
        open_page(page, levels_url)
        add_link(page, link)
        row = '.kam-fb-360 tr[data-competency="craft"]'
        page.wait_for_selector(row)
        assert cell(page, row, "You") == "4" and cell(page, row, "Manager") == "1 (n = 1)"
        assert cell(page, row, "Flag") == "▲ Blind spot"  # 4 >= 1 + 2
        assert page.locator(".kam-fb-details").count() == 0  # no statements to list
        assert w.axe() == []
        assert w.errors == [] and w.foreign == []


def test_a_coach_feedback_file_is_added_like_any_response(watched, base_url, tmp_path):
    page = watched.page
    seed(page, base_url, AKAM_KEY, akam({"1.1-org-1": 0}))
    open_page(page, base_url)
    path = tmp_path / "coach.json"  # as the coach review page exports it: role "coach", no request
    path.write_text(json.dumps(response_file(id="r-coach", request=None, rater={"name": "Cora", "role": "coach"},
                                             ratings={"1.1-org-1": 3}, comments={"1.1-org-1": "Shown in the Q3 plan."})))
    page.set_input_files("#fb-file", str(path))
    row = '.kam-fb-360 tr[data-item="1.1-org-1"]'
    page.wait_for_selector(row)
    assert cell(page, row, "Coach") == "3 (n = 1)" and cell(page, row, "Flag") == "▼ Hidden strength"
    assert "Cora (Coach): Shown in the Q3 plan." in cell(page, row, "Comments")
    assert responses(page)[0]["request"] is None and watched.errors == []


def test_an_area_box_ticks_its_own_competencies_only(browser, base_url):
    """'Only the competencies I choose' starts with none ticked; an area's box ticks and unticks its own
    competencies, never another area's (it once matched every box on the page)."""
    with watched_page(browser, base_url) as w:
        page = w.page
        open_page(page, base_url)
        page.check("input[name=fb-scope][value=some]")
        picked = lambda: page.locator("[data-pick]:checked").evaluate_all("xs => xs.map(x => x.dataset.pick)")  # noqa: E731
        assert picked() == []
        area = page.locator("[data-area]").nth(1)
        own = area.evaluate("a => [...a.closest('.kam-fb-area').querySelectorAll('[data-pick]')].map(x => x.dataset.pick)")
        area.check()
        assert picked() == own and len(own) < page.locator("[data-pick]").count()
        area.uncheck()
        assert picked() == []
