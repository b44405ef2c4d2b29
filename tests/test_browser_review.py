"""The coach review (issue 12) in real Chromium: the candidate's whole picture beside the reviewer's ratings, a section
per competency with its statements side by side, the coach's comments (saved as one types, in the coach's browser only,
kept over a reload), the review file that brings the candidate and the comments back, the CSV with the comments, the
feedback file for the candidate (a kam-response from their coach), the keyboard alone, axe, and a phone's 390 px."""

from __future__ import annotations

import csv
import io
import json

import pytest

from conftest import PHONE, ROOT, wait_until, watched_page
from macros import scoring

EXAMPLE = ROOT / "framework" / "samples" / "worked-example.json"
STORE_KEY = "kam:akam-kam-diploma"
REVIEWS_KEY = "kam:akam-kam-diploma:reviews"
CANDIDATE = "Alex Example"
REVIEWER = "My view of Alex"
UNRATED = "3.3"  # a competency the candidate has not rated at all


def candidate_assessment() -> dict:
    """The worked example, named, with nothing rated in UNRATED."""
    a = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    a["ratings"] = {k: v for k, v in a["ratings"].items() if not k.startswith(UNRATED + "-")}
    a["evidence"] = {k: v for k, v in a["evidence"].items() if not k.startswith(UNRATED + "-")}
    return {**a, "name": CANDIDATE}


def reviewer_assessment() -> dict:
    """The reviewer's ratings of the candidate: the worked example's, two levels off in 2.4."""
    a = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    a["ratings"] = {k: (v if v == "na" else (v + 2) % 4 if k.startswith("2.4") else v) for k, v in a["ratings"].items()}
    return a


@pytest.fixture
def candidate_file(tmp_path):
    path = tmp_path / "alex.json"
    path.write_text(json.dumps(candidate_assessment()), encoding="utf-8")
    return path


def seed(page, url) -> None:
    """The reviewer's own ratings of the candidate, stored in this browser."""
    page.goto(url)
    raw = {"format": "kam-store", "version": 1, "current": "me",
           "assessments": {"me": {"name": REVIEWER, "created": "2026-01-01", "assessment": reviewer_assessment()}}}
    page.evaluate(f"localStorage.setItem({json.dumps(STORE_KEY)}, {json.dumps(json.dumps(raw))})")


def open_review(page, url, path) -> None:
    page.goto(url + "assess/review/")
    page.wait_for_selector(".kam-review")
    page.set_input_files("#kam-review-file", str(path))
    page.wait_for_selector(".kam-review-picture")


def open_section(page, cid: str):
    section = page.locator(f'details.kam-review-section[data-review="{cid}"]')
    if not section.evaluate("d => d.open"):
        section.locator("summary").click()
    page.wait_for_selector(f'details[data-review="{cid}"] table.kam-review-statements')
    return section


def cells(page, cid: str) -> dict:
    """The whole picture's row of a competency: {column: text}."""
    row = page.locator(f'.kam-review-picture tr[data-picture="{cid}"] td')
    return {row.nth(k).get_attribute("data-label"): row.nth(k).inner_text() for k in range(row.count())}


def comment(page, cid: str, text: str) -> None:
    page.fill(f'[id="kam-rc-{cid}"]', text)


def saved(page, text: str) -> None:
    """Wait until ``text`` is stored (saving waits for a pause in the typing), and the page says it is."""
    wait_until(page, "([key, text]) => (localStorage.getItem(key) || '').includes(text)", arg=[REVIEWS_KEY, json.dumps(text)[1:-1]])
    page.wait_for_selector("#kam-review-saved:has-text('saved in this browser')")


def write_comments(page, url, path, cid: str, on_competency: str, sid: str, on_statement: str) -> None:
    """Open the candidate's file, then comment on competency cid and on its statement sid, and wait until saved."""
    seed(page, url)
    open_review(page, url, path)
    open_section(page, cid)
    comment(page, cid, on_competency)
    page.click(f'[data-add-comment="{sid}"]')
    page.keyboard.type(on_statement)
    saved(page, on_statement)


def stored_reviews(page) -> dict:
    return json.loads(page.evaluate(f"localStorage.getItem({json.dumps(REVIEWS_KEY)})"))


def fits(page, width: int = 390) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    wide = page.evaluate("""() => [...document.querySelectorAll('#kam-app table, #kam-app textarea, #kam-app button')]
        .filter(t => t.getClientRects().length)
        .filter(t => t.getBoundingClientRect().right > document.documentElement.clientWidth + 0.5
                     || (t.tagName === 'TABLE' && t.scrollWidth > t.parentElement.clientWidth + 1)).map(t => t.outerHTML.slice(0, 80))""")
    assert wide == []


def first_statement(framework, cid: str) -> str:
    c = next(x for x in framework["competencies"] if x["id"] == cid)
    return c["groups"][0]["indicators"][0]["id"]


def test_the_whole_picture_beside_the_reviewers_ratings(browser, base_url, framework, candidate_file):
    with watched_page(browser, base_url, **PHONE) as w:
        page = w.page
        seed(page, base_url)
        open_review(page, base_url, candidate_file)
        ours = scoring.score(framework, candidate_assessment())["competencies"]
        theirs = scoring.score(framework, reviewer_assessment())["competencies"]
        row = cells(page, "1.4")
        x = ours["1.4"]
        assert row["Score"] == f"{x['percent']}%" and row["Status"] in ("Met", "Not met yet")
        assert row["Ready"] == ("yes" if x["ready"] else "no")
        c = next(c for c in framework["competencies"] if c["id"] == "1.4")
        ids = [i["id"] for g in c["groups"] for i in g["indicators"] if candidate_assessment()["ratings"].get(i["id"]) != "na"]
        held = sum(1 for i in ids if candidate_assessment()["evidence"].get(i) is True)
        assert row["Evidence held"] == f"{held} of {len(ids)}"
        assert row["Workspace"] == framework["diploma"]["workspace"]["statuses"][0]["label"]  # nothing in the workspace yet
        assert row["Reviewer's score"] == f"{theirs['1.4']['percent']}%"
        # not assessed is said, never a 0
        unrated = cells(page, UNRATED)
        assert unrated["Score"] == "Not assessed" and unrated["Status"] == "Not assessed"
        assert unrated["Evidence held"] == "–" and unrated["Ready"] == "–" and "0%" not in unrated.values()
        assert unrated["Reviewer's score"] == f"{theirs[UNRATED]['percent']}%"
        # the agreement figures are still there, as before
        assert page.locator('tr[data-competency="2.4"] td').count() == 4
        # a section per competency: the note, the statements side by side, the differences in words
        flags = page.locator('details[data-review="2.4"] .kam-review-flags').inner_text()
        assert "far apart" in flags and f"note by {CANDIDATE}" in flags
        open_section(page, "1.4")
        assert page.locator('details[data-review="1.4"] .kam-review-note').inner_text() == \
            f"Note by {CANDIDATE}: {candidate_assessment()['notes']['1.4']}"
        section = open_section(page, "2.4")
        rows = section.locator("tbody tr")
        c24 = next(c for c in framework["competencies"] if c["id"] == "2.4")
        assert rows.count() == sum(len(g["indicators"]) for g in c24["groups"])
        apart = section.locator("tbody tr.kam-apart")
        assert apart.count() > 0
        assert all("far apart" in t for t in apart.locator('td[data-label="Difference"]').all_inner_texts())
        same = section.locator("tbody tr:not(.kam-apart) td[data-label=Difference]").all_inner_texts()
        assert all("far apart" not in t for t in same)
        section.locator("[data-add-comment]").first.click()  # a statement's comment, on a phone
        assert page.evaluate("document.activeElement.tagName") == "TEXTAREA"
        fits(page)
        assert w.axe() == []
        assert w.errors == [] and w.foreign == []


def test_comments_are_saved_as_one_types_and_kept_over_a_reload(browser, base_url, framework, candidate_file):
    sid = first_statement(framework, "2.4")
    with watched_page(browser, base_url) as w:
        page = w.page
        write_comments(page, base_url, candidate_file, "2.4", "Talk about the profitability model first.", sid, "Why a 3 here?")
        assert "your comments" in page.locator('details[data-review="2.4"] .kam-review-flags').inner_text()
        assert stored_reviews(page)["candidates"][CANDIDATE]["comments"] == {"2.4": "Talk about the profitability model first.",
                                                                               sid: "Why a 3 here?"}
        assert "profitability model first" not in page.evaluate(f"localStorage.getItem({json.dumps(STORE_KEY)})")
        page.reload()
        open_review(page, base_url, candidate_file)  # the same person: the comments come back
        assert "your comments" in page.locator('details[data-review="2.4"] .kam-review-flags').inner_text()
        open_section(page, "2.4")
        assert page.input_value('[id="kam-rc-2.4"]') == "Talk about the profitability model first."
        assert page.input_value(f'[id="kam-rc-{sid}"]') == "Why a 3 here?"
        # another person: none of them
        page.select_option("#kam-review-candidate", "me")
        open_section(page, "2.4")
        assert page.input_value('[id="kam-rc-2.4"]') == ""
        assert w.errors == [] and w.foreign == []


def test_the_review_file_brings_the_candidate_and_the_comments_back(browser, base_url, framework, candidate_file, tmp_path):
    sid = first_statement(framework, "1.1")
    with watched_page(browser, base_url) as w:
        page = w.page
        write_comments(page, base_url, candidate_file, "1.1", "Strong on the organisation.", sid, "=SUM(A1) is not a formula")
        with page.expect_download() as info:
            page.click("[data-action=review-json]")
        review = json.loads(open(info.value.path(), encoding="utf-8").read())
        assert review["format"] == "kam-review" and review["format_version"] == 2
        assert review["candidate"]["name"] == CANDIDATE and review["reviewer"]["name"] == REVIEWER
        assert review["comments"] == {"1.1": "Strong on the organisation.", sid: "=SUM(A1) is not a formula"}
        assert review["comparison"]["differences"] and review["candidate"]["assessment"]["ratings"] == candidate_assessment()["ratings"]
        # the CSV: a comment column, on the competency's row and the statement's
        with page.expect_download() as info:
            page.click("[data-action=review-csv]")
        rows = list(csv.reader(io.StringIO(open(info.value.path(), encoding="utf-8-sig").read())))
        assert rows[0][-1] == "Comment" and rows[0][3:5] == [CANDIDATE, REVIEWER]
        by = {(r[0], r[1]): r for r in rows[1:]}
        assert by["1.1", ""][-1] == "Strong on the organisation." and by["1.1", ""][2] == "1.1 Knowledge of own company"
        assert by["1.1", sid][-1] == "'=SUM(A1) is not a formula"  # never run as a formula
        assert by["2.4", first_statement(framework, "2.4")][-1] == ""
        assert len(rows) == 1 + len(framework["competencies"]) + sum(len(g["indicators"]) for c in framework["competencies"] for g in c["groups"])
        path = tmp_path / "review.json"
        path.write_text(json.dumps(review), encoding="utf-8")
        # a new browser profile, in effect: nothing stored; the review file alone brings it all back
        page.evaluate("localStorage.clear()")
        page.goto(base_url + "assess/review/")
        page.wait_for_selector(".kam-review")
        page.set_input_files("#kam-review-file", str(path))
        page.wait_for_selector(".kam-review-picture")
        assert page.locator(".kam-notices").inner_text().strip() == f"The review of {CANDIDATE} is open again, with your comments."
        assert CANDIDATE in page.locator(".kam-review-picture caption").inner_text()
        open_section(page, "1.1")
        assert page.input_value('[id="kam-rc-1.1"]') == "Strong on the organisation."
        assert page.input_value(f'[id="kam-rc-{sid}"]') == "=SUM(A1) is not a formula"
        assert stored_reviews(page)["candidates"][CANDIDATE]["comments"] == review["comments"]
        # a review of another framework is refused, with the reason, and changes nothing
        other = {**review, "candidate": {**review["candidate"], "assessment": {**review["candidate"]["assessment"],
                                                                               "framework": {"id": "other", "version": "1"}}}}
        bad = tmp_path / "other.json"
        bad.write_text(json.dumps(other), encoding="utf-8")
        page.set_input_files("#kam-review-file", str(bad))
        page.wait_for_selector(".kam-notice--error")
        assert "framework.id" in page.locator(".kam-notice--error .kam-reason").inner_text()
        assert CANDIDATE in page.locator(".kam-review-picture caption").inner_text()
        assert w.errors == [] and w.foreign == []


def test_the_feedback_file_is_a_response_from_the_coach(browser, base_url, framework, candidate_file):
    with watched_page(browser, base_url) as w:
        page = w.page
        seed(page, base_url)
        open_review(page, base_url, candidate_file)
        open_section(page, "2.4")
        comment(page, "2.4", "Ask finance for the model together.")
        with page.expect_download() as info:
            page.click("[data-action=review-feedback]")  # straight away: what was typed is in, saved or not yet
        assert info.value.suggested_filename == "feedback-for-alex-example.json"
        response = json.loads(open(info.value.path(), encoding="utf-8").read())
        assert scoring.check_response(framework, response)["errors"] == []
        assert response["format"] == "kam-response" and response["for"] == CANDIDATE
        assert response["rater"] == {"name": REVIEWER, "role": "coach"}
        assert response["ratings"] == reviewer_assessment()["ratings"]
        assert response["comments"] == {"2.4": "Ask finance for the model together."}
        assert response["id"].startswith("r-") and response["request"] is None and response["created"].endswith("Z")
        # the candidate can keep it among their responses
        assessment = {**candidate_assessment(), "responses": [{k: v for k, v in response.items()
                                                              if k not in ("format", "format_version", "framework", "for")}]}
        assert scoring.check(framework, assessment)["errors"] == []
        assert w.errors == [] and w.foreign == []


def test_the_review_by_keyboard_alone(browser, base_url, framework, candidate_file):
    sid = first_statement(framework, "1.2")
    with watched_page(browser, base_url) as w:
        page = w.page
        seed(page, base_url)
        open_review(page, base_url, candidate_file)
        page.locator('details[data-review="1.2"] > summary').focus()
        page.keyboard.press("Enter")  # opens the section
        page.wait_for_selector('details[data-review="1.2"] table.kam-review-statements')
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.id") == "kam-rc-1.2"
        page.keyboard.type("By keyboard.")
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.dataset.addComment") == sid
        page.keyboard.press("Enter")  # the button becomes the field, with the focus in it
        assert page.evaluate("document.activeElement.id") == f"kam-rc-{sid}"
        page.keyboard.type("Also by keyboard.")
        page.keyboard.press("Tab")  # leaving the field saves at once
        assert stored_reviews(page)["candidates"][CANDIDATE]["comments"] == {"1.2": "By keyboard.", sid: "Also by keyboard."}
        focused = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
        assert focused != "none"
        assert w.axe() == []
        assert w.errors == [] and w.foreign == []


def test_a_file_without_ratings_exports_its_csv_and_json(browser, base_url, framework, tmp_path):
    """A candidate's file with no `ratings` at all (a valid file: nothing rated yet) is reviewed and exported like any other:
    the CSV has every row, the candidate's column empty (it once failed without a word)."""
    path = tmp_path / "unrated.json"
    a = candidate_assessment()
    for key in ("ratings", "evidence"):
        del a[key]
    path.write_text(json.dumps(a), encoding="utf-8")
    with watched_page(browser, base_url) as w:
        seed(w.page, base_url)
        open_review(w.page, base_url, path)
        with w.page.expect_download() as info:
            w.page.click("[data-action=review-csv]")
        rows = list(csv.reader(io.StringIO(open(info.value.path(), encoding="utf-8-sig").read())))
        statements = [r for r in rows[1:] if r[1]]
        assert len(statements) == sum(len(g["indicators"]) for c in framework["competencies"] for g in c["groups"])
        assert all(r[3] == "" for r in statements) and any(r[4] for r in statements)
        with w.page.expect_download() as info:
            w.page.click("[data-action=review-json]")
        assert json.loads(open(info.value.path(), encoding="utf-8").read())["candidate"]["name"] == CANDIDATE
        assert w.errors == []
