"""Share links carry everything an export carries: share.js in Node (round trip, compression, the first format, refusals)
and the overview in real Chromium (a link made on one page loaded in a fresh context, the fallback without
CompressionStream, refusals that change nothing, what the offer lists, the too-long path, axe)."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest

from conftest import PHONE, ROOT, watched_page

EXAMPLE = ROOT / "framework" / "samples" / "worked-example.json"
RUNNER = ROOT / "tests" / "js" / "share_run.mjs"
STORE_KEY = "kam:akam-kam-diploma"
B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
LONG, TOO_LONG = 2000, 8000


def node(framework: dict, **request) -> dict:
    exe = shutil.which("node")
    if not exe:
        pytest.fail("these tests need Node.js (node) on the PATH to run share.js")
    out = subprocess.run([exe, str(RUNNER)], input=json.dumps({"framework": framework, **request}), capture_output=True, text=True,
                         timeout=60)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


def imported(path=EXAMPLE) -> dict:
    """A file as the store keeps it once imported (store.js upgrade(): the current format, a blank workspace)."""
    a = json.loads(path.read_text(encoding="utf-8"))
    a.pop("name", None)
    return {**a, "format_version": 2, "submission": a.get("submission") or {"chosen": None, "feedback_first": None, "competencies": {}}}


def items(fw: dict) -> list[str]:
    return [i["id"] for c in fw["competencies"] for g in c["groups"] for i in g["indicators"]] or []


def full_submission(fw: dict, words: int = 12, pieces: int = 3) -> dict:
    """Every statement rated, every competency with notes, will, a write-up, ``pieces`` pieces of evidence, theories and
    a sign-off; modules ticked; a profile."""
    ws = fw["diploma"]["workspace"]
    pool = " ".join(i["text"] for c in fw["competencies"] for g in c["groups"] for i in g["indicators"]).split()

    def text(k: int) -> str:  # real words of the framework, picked apart (a text of repeated words would flatter compression)
        return " ".join(pool[(k * 7919 + n * 104729) % len(pool)] for n in range(words))

    ids = items(fw)
    competencies = {}
    for k, c in enumerate(fw["competencies"]):
        competencies[c["id"]] = {
            "status": ws["statuses"][k % len(ws["statuses"])]["id"], "mode": "full" if k % 3 else "linking", "words": 1800 + k,
            "evidence": [{"title": f"{c['id']} piece {n}: {text(n)}", "type": ws["evidence_types"][n % len(ws["evidence_types"])]["id"],
                          "date": f"2026-0{1 + n}-1{k % 10}", "own_share": 80, "groups": [g["id"] for g in c["groups"]][:2],
                          "checks": {x["id"]: n % 2 == 0 for x in ws["evidence_checks"]}} for n in range(pieces)],
            "theories": sorted({x for i in c.get("theory", []) for x in i["theories"]})[:2],
            "sign_off": {"name": "A. Reviewer", "role": "Line manager", "date": "2026-05-01"},
        }
    a = imported()
    return {**a, "ratings": {i: (n % 4) for n, i in enumerate(ids)}, "evidence": {i: True for i in ids[::2]},
            "will": {c["id"]: 1 + k % 4 for k, c in enumerate(fw["competencies"])},
            "notes": {c["id"]: f"Notes on {c['id']}: {text(k)}" for k, c in enumerate(fw["competencies"])},
            "completed_modules": [m["id"] for m in fw["modules"][:4]], "profile": fw["profiles"][0]["id"],
            "submission": {"chosen": [c["id"] for c in fw["competencies"][:12]], "feedback_first": fw["competencies"][0]["id"],
                           "competencies": competencies}}


def first_format(fw: dict, a: dict, name: str) -> str:
    """A link fragment of the first format (share.js before complete links), as it was made."""
    ids = [c["id"] for c in fw["competencies"] if not c["groups"]] + items(fw)  # (the AKAM framework has no level-rated ones)
    ratings = "".join("n" if a["ratings"].get(i) == "na" else "." if i not in a["ratings"] else "0123456789"[a["ratings"][i]] for i in ids)
    bits = ""
    for k in range(0, len(ids), 6):
        n = 0
        for j in range(6):
            n = (n << 1) | (1 if k + j < len(ids) and a["evidence"].get(ids[k + j]) is True else 0)
        bits += B64[n]
    will = "".join(str(a["will"][c["id"]]) if c["id"] in a["will"] else "." for c in fw["competencies"])
    return "~".join(["1", fw["id"], fw["version"], ratings, bits, will, a["profile"] or "", name])


# ---------------------------------------------------------------- share.js in Node


def test_the_link_carries_everything_an_export_carries(framework):
    for a, name in ((imported(), "worked-example"), (full_submission(framework), "Full “submission” ~ ü")):
        a = {**a, "ratings": {**a["ratings"], "9.9-retired-1": 2}, "evidence": {**a["evidence"], "9.9-retired-1": True, items(framework)[1]: False}}
        got = node(framework, op="round", assessment=a, name=name)
        assert got["z"].startswith(f"2~{framework['id']}~{framework['version']}~z") and got["j"].split("~")[3][0] == "j"
        assert got["plain"] == got["j"]
        for opened in (got["zOpened"], got["jOpened"]):
            assert opened["ok"], opened
            for key in got["original"]:
                assert opened["export"][key] == got["original"][key], key  # field by field, "updated" too
            assert opened["export"] == got["original"]


def test_compression_shrinks_the_links_and_the_figures(framework, capsys):
    """The figures of the issue: the worked example (imported) and a full submission, compressed and not."""
    figures = {}
    for label, a in (("worked example", imported()), ("full submission", full_submission(framework))):
        got = node(framework, op="round", assessment=a, name="worked-example")
        z, j = len(got["z"]), len(got["j"])
        figures[label] = (z, j)
        assert z < 0.7 * j, (label, z, j)
    with capsys.disabled():
        print("\nshare link fragment lengths (compressed, uncompressed):", figures)
    assert figures["worked example"][0] < LONG  # the worked example fits any app
    assert figures["full submission"][0] < TOO_LONG  # a full submission still travels as a link


def test_a_link_of_the_first_format_still_loads(framework):
    a = imported()
    got = node(framework, op="decode", text=first_format(framework, a, "Old%20link"))
    assert got["ok"], got
    e = got["export"]
    assert e["name"] == "Old link" and e["ratings"] == a["ratings"] and e["evidence"] == a["evidence"] and e["will"] == a["will"]
    assert e["profile"] == a["profile"] and e["notes"] == {} and e["completed_modules"] == []
    assert got["unchecked"] is True  # the offer warns that this form cannot show a cut (the name is its last part)
    assert "unchecked" not in node(framework, op="decode", text=node(framework, op="round", assessment=a, name="x")["z"])


def test_damaged_truncated_and_foreign_links_are_refused_with_a_reason(framework):
    a = full_submission(framework)
    got = node(framework, op="round", assessment=a, name="x")
    z, j = got["z"], got["j"]
    head = f"2~{framework['id']}~{framework['version']}~"

    def refused(text):
        answer = node(framework, op="decode", text=text)
        assert not answer["ok"], text[:80]
        return answer

    assert refused(z[: len(z) // 2])["code"] == "damaged"  # cut short when copied
    assert refused(z[:-3])["code"] == "damaged"
    assert "cut short" in refused(z[: len(z) - 40])["message"]
    assert refused(z.replace("~z", "~z!!"))["code"] == "damaged"
    assert refused(head + "q" + z.split("~")[3][1:])["code"] == "damaged"  # an unknown form
    assert refused("3~" + z[2:])["code"] == "damaged"  # a newer format
    other = refused(z.replace(framework["id"], "another-framework", 1))
    assert other["code"] == "framework" and other["params"] == {"id": "another-framework"}
    assert refused(z.replace(f"~{framework['version']}~", "~1999~", 1))["code"] == "version"

    def plain(payload) -> str:
        import base64
        return head + "j" + base64.urlsafe_b64encode(json.dumps(payload).encode()).decode().rstrip("=")

    data = json.loads(__import__("base64").urlsafe_b64decode(j.split("~")[3][1:] + "=="))
    assert refused(plain({**data, "r": data["r"][:-1]}))["code"] == "version"  # another count of statements
    assert refused(plain({**data, "r": "7" + data["r"][1:]}))["code"] == "rating"
    assert refused(plain({**data, "w": "9" + data["w"][1:]}))["code"] == "will"
    bad = refused(plain({**data, "a": {**data["a"], "profile": "nobody"}}))  # validated as an import is
    assert bad["code"] == "invalid" and 'profile: unknown profile "nobody"' in bad["params"]["errors"]
    bad = refused(plain({**data, "x": {"ratings": {"1.1-org-1": "lots"}}}))
    assert bad["code"] == "invalid" and 'ratings["1.1-org-1"]' in bad["params"]["errors"]
    cid = framework["competencies"][0]["id"]
    sub = {**data["a"]["submission"], "competencies": {cid: {"words": -3}}}
    assert refused(plain({**data, "a": {**data["a"], "submission": sub}}))["code"] == "invalid"
    assert node(framework, op="decode", text=plain(data))["ok"]  # the untouched payload loads


# ---------------------------------------------------------------- the overview in Chromium

# Until the toolbar shows shareBox() (sharing.js), the tests put it in place of the toolbar's share button: the same
# controls, made by the same module, on the same page. (The toolbar's own button, shareLink(), is tested too.)
def overview(page, base_url: str):
    page.goto(base_url + "assess/")
    page.wait_for_selector(".kam-readiness")
    return page


def share_controls(page):
    page.wait_for_selector(".kam-share [data-action=share]", state="attached")


def stored(page) -> dict:
    return json.loads(page.evaluate(f"localStorage.getItem('{STORE_KEY}')") or "null")


def make_link(page, tmp_path, assessment: dict | None = None, name: str = "Sam Example") -> tuple[str, dict]:
    """Import ``assessment`` (the worked example by default), make its link; the link and the assessment as stored."""
    if assessment is not None:
        path = tmp_path / "mine.json"
        path.write_text(json.dumps({**assessment, "name": name}), encoding="utf-8")
    else:
        path = EXAMPLE
    page.set_input_files("#kam-import", str(path))
    page.wait_for_selector(f"text=Imported as “{name if assessment is not None else 'worked-example'}”")  # this import's own notice
    page.wait_for_selector(f"#kam-current option:checked:has-text('{name if assessment is not None else 'worked-example'}')", state="attached")
    share_controls(page)
    page.click("[data-action=share]")
    page.wait_for_selector(".kam-share[data-share]", state="attached")
    data = stored(page)
    return page.input_value("#kam-share-link"), data["assessments"][data["current"]]


def open_link(browser, link: str, **options):
    """The link opened in a fresh browser context, as a visitor would: the watched page, at the offer (or the refusal)."""
    return watched_page(browser, link, **options)


def test_round_trip_with_notes_modules_and_submission(browser, base_url, framework, tmp_path):
    mine = full_submission(framework, pieces=2)
    with watched_page(browser, base_url) as w:
        link, entry = make_link(overview(w.page, base_url), tmp_path, mine)
        assert "#share=2~" in link and "~z" in link
        assert w.errors == []
    with open_link(browser, base_url) as w:
        page = w.page
        page.goto(link)
        offer = page.wait_for_selector(".kam-notice--offer")
        assert "share=" not in page.url  # the assessment leaves the address bar once read
        n = len(items(framework))
        assert [x for x in offer.inner_text().splitlines() if x.strip()][:10] == [
            "This link holds a shared assessment, “Sam Example”, with:",
            f"{n} of {n} ratings given", f"evidence ticked for {len(mine['evidence'])} ratings",
            f"will rated for {len(framework['competencies'])} competencies", f"notes on {len(framework['competencies'])} competencies",
            "4 modules completed", f"the profile “{framework['profiles'][0]['title']}”",
            f"the submission workspace for {len(framework['competencies'])} competencies, with {2 * len(framework['competencies'])} pieces of evidence",
            "12 competencies chosen to submit", "Load it as a new assessment? Your own assessments are not changed."]
        assert "(s)" not in offer.inner_text()
        before = stored(page)
        page.click("[data-action=load-share]")
        page.wait_for_selector("text=Loaded the shared assessment")
        data = stored(page)
        loaded = data["assessments"][data["current"]]
        assert len(data["assessments"]) == len(before["assessments"]) + 1 and loaded["name"] == "Sam Example (shared)"
        for key, value in entry["assessment"].items():
            assert loaded["assessment"][key] == value, key  # ratings, evidence, will, notes, modules, profile, submission, updated
        assert w.errors == [] and w.foreign == []


def test_without_compression_streams_the_plain_form_round_trips(browser, base_url, framework, tmp_path):
    no_streams = "delete window.CompressionStream; delete window.DecompressionStream;"
    mine = full_submission(framework, words=4, pieces=1)  # small enough for a link without compression
    mine["submission"]["competencies"] = dict(list(mine["submission"]["competencies"].items())[:3])
    with watched_page(browser, base_url) as w:
        w.page.add_init_script(no_streams)
        link, entry = make_link(overview(w.page, base_url), tmp_path, mine)
        assert "~j" in link.split("#share=")[1]
    with open_link(browser, base_url) as w:
        w.page.add_init_script(no_streams)
        w.page.goto(link)
        w.page.click("[data-action=load-share]")
        w.page.wait_for_selector("text=Loaded the shared assessment")
        data = stored(w.page)
        assert data["assessments"][data["current"]]["assessment"] == entry["assessment"]
        assert w.errors == []


def test_a_compressed_link_in_a_browser_that_cannot_decompress_is_refused_plainly(browser, base_url, tmp_path):
    with watched_page(browser, base_url) as w:
        link, _ = make_link(overview(w.page, base_url), tmp_path)
    with open_link(browser, base_url) as w:
        w.page.add_init_script("delete window.DecompressionStream;")
        w.page.goto(link)
        w.page.wait_for_selector(".kam-notice--error")
        assert "this browser cannot open compressed links" in w.page.locator(".kam-notices").inner_text()


def test_a_link_of_the_first_format_loads_in_the_browser(browser, base_url, framework):
    a = imported()
    with open_link(browser, base_url) as w:
        w.page.goto(base_url + "assess/#share=" + first_format(framework, a, "Old%20one"))
        offer = w.page.wait_for_selector(".kam-notice--offer")
        assert f"{len(a['ratings'])} of {len(items(framework))} ratings given" in offer.inner_text()
        # this form has no check that it arrived whole: a cut inside the name cannot be seen, so the offer says so
        assert "older form, which cannot show whether it arrived whole: if the name “Old one”" in offer.inner_text()
        w.page.click("[data-action=load-share]")
        w.page.wait_for_selector("text=Loaded the shared assessment as “Old one (shared)”")
        data = stored(w.page)
        got = data["assessments"][data["current"]]["assessment"]
        assert (got["ratings"], got["evidence"], got["will"], got["profile"]) == (a["ratings"], a["evidence"], a["will"], a["profile"])
        assert w.errors == []


@pytest.mark.parametrize("damage, reason", [
    (lambda link: link[: len(link) - 60], "the link is damaged or incomplete (it may have been cut short when it was copied)"),
    (lambda link: link.replace("~z", "~z%%"), "the link is damaged or incomplete"),
    (lambda link: link.replace("akam-kam-diploma", "another-framework", 1), 'the link is for another framework ("another-framework")'),
])
def test_a_damaged_or_foreign_link_is_refused_and_nothing_stored_changes(browser, base_url, tmp_path, damage, reason):
    with watched_page(browser, base_url) as w:
        link, _ = make_link(overview(w.page, base_url), tmp_path)
        base = link.split("#")[0]
        w.page.goto(base + "#")
        before = w.page.evaluate(f"localStorage.getItem('{STORE_KEY}')")
        w.page.goto(damage(link))
        w.page.reload()
        w.page.wait_for_selector(".kam-notice--error")
        text = w.page.locator(".kam-notices").inner_text()
        assert "The shared link cannot be loaded: " in text and reason in text
        assert w.page.locator(".kam-notice--offer").count() == 0 and "share=" not in w.page.url
        assert w.page.evaluate(f"localStorage.getItem('{STORE_KEY}')") == before


def test_long_and_too_long_links_say_so_and_offer_the_file(browser, base_url, framework, tmp_path):
    with watched_page(browser, base_url) as w:
        page = overview(w.page, base_url)
        link, _ = make_link(page, tmp_path, full_submission(framework, words=60, pieces=3))
        assert LONG < len(link) <= TOO_LONG, len(link)
        note = page.locator(".kam-share").inner_text()
        assert f"This link is {len(link):,} characters long: some apps shorten or cut long links." in note
        link, _ = make_link(page, tmp_path, full_submission(framework, words=400, pieces=6), name="Big one")
        assert link == "" and not page.locator("#kam-share-link").is_visible()
        note = page.locator(".kam-share").inner_text()
        assert "This assessment is too much for a link (" in note and "Send the exported file instead." in note
        with page.expect_download() as info:
            page.click("[data-action=share-file]")
        saved = json.loads(open(info.value.path(), encoding="utf-8").read())
        assert saved["name"] == "Big one" and len(saved["submission"]["competencies"]) == len(framework["competencies"])
        assert w.errors == []


def test_the_toolbars_own_share_button_says_so_too(browser, base_url, framework, tmp_path):
    """shareLink(), for a toolbar that makes its own controls: the link, and the same notes in the page's notices."""
    from playwright.sync_api import expect
    with watched_page(browser, base_url) as w:
        page = overview(w.page, base_url)
        if page.locator(".kam-share").count():
            pytest.skip("the toolbar shows shareBox(): tested above")
        path = tmp_path / "big.json"
        path.write_text(json.dumps({**full_submission(framework, words=400, pieces=6), "name": "Big one"}), encoding="utf-8")
        page.set_input_files("#kam-import", str(path))
        page.wait_for_selector("text=Imported as")
        page.click("[data-action=share]")
        expect(page.locator("#kam-share-link")).not_to_have_value("")
        assert len(page.input_value("#kam-share-link")) > TOO_LONG
        assert "This assessment is too much for a link (" in page.locator(".kam-notices .kam-share-note").inner_text()
        with page.expect_download() as info:
            page.click(".kam-notices [data-action=share-file]")
        assert json.loads(open(info.value.path(), encoding="utf-8").read())["name"] == "Big one"
        assert w.errors == []


@pytest.mark.parametrize("options", [PHONE, {"viewport": {"width": 1280, "height": 800}, "color_scheme": "dark"}], ids=["phone", "dark"])
def test_the_overview_with_the_offer_showing_passes_axe(browser, base_url, framework, tmp_path, options):
    with watched_page(browser, base_url) as w:
        link, _ = make_link(overview(w.page, base_url), tmp_path, full_submission(framework, pieces=1))
    with open_link(browser, base_url, **options) as w:
        w.page.goto(link)
        w.page.wait_for_selector(".kam-notice--offer")
        share_controls(w.page)
        w.page.click("[data-action=share]")
        w.page.wait_for_selector(".kam-share[data-share]", state="attached")
        w.page.mouse.move(0, 0)  # the pointer off the button: axe judges the page, not a hover state
        assert w.axe() == []
        assert w.page.evaluate("document.documentElement.scrollWidth <= innerWidth")
        assert w.errors == []
