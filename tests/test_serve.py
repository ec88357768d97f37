"""deckgen serve: real decks drawn by a real LibreOffice, watched in a real headless Chromium."""

from __future__ import annotations

import io
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
import yaml

from deckgen import pipeline as b
from deckgen.serve.rehearsal import parse_times
from deckgen.serve.session import only_slides, slide_hashes

HAVE_OFFICE = bool(shutil.which("soffice") and shutil.which("pdftoppm"))
HAVE_UNO = HAVE_OFFICE and any(
    os.path.isfile(p) and subprocess.run([p, "-c", "import uno"], capture_output=True).returncode == 0 for p in (sys.executable, "/usr/bin/python3")
)
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")
needs_office = pytest.mark.skipif(not HAVE_UNO, reason="LibreOffice, its python3-uno bridge and pdftoppm are installed by .ci/run")
needs_browser = pytest.mark.skipif(not (CHROMIUM and CHROMEDRIVER), reason="Debian's chromium and chromium-driver are installed by .ci/run")

WAIT = 120  # seconds a browser wait may take on a loaded 2-core machine before the test fails

SLIDES = [
    ("Opening", "Why {{ speaker_name }} gives this talk"),
    ("Where we are", "The map so far"),
    ("The problem", "Too many tools"),
    ("A first idea", "Start small"),
    ("Slide five", "The fifth point"),
    ("A second idea", "Measure first"),
    ("Closing", "One thing to try"),
]


def outline_text(five: str = "The fifth point", broken: str = "") -> str:
    lines = ["deck:", '  title: "{{ talk_title }}"', '  speaker: "{{ speaker_name }}"', "  duration: 10", broken, "variables:", "  talk_title: Serve test", "  speaker_name: Tess Ter", "slides:"]
    for i, (title, bullet) in enumerate(SLIDES, start=1):
        bullet = five if i == 5 else bullet
        bullets = f"[\"{bullet}\", Second line]" if i != 6 else "[" + ", ".join([f"\"{bullet}, with words enough to need a second line on the slide\""] * 14) + "]"
        lines += ["  - kind: bullets", f"    title: {title}", f"    bullets: {bullets}", f"    notes: Notes of slide {i}."]
    lines.append("  - include: outro.yaml")
    return "\n".join(lines) + "\n"


OUTRO = "slides:\n  - {kind: quote, quote: The included closing quote, notes: From the included file.}\n"


# --- without a browser: what decides which slides are drawn again ------------------------------


def test_only_the_edited_slide_changes_its_digest_and_notes_change_none(tmp_path):
    folder = tmp_path / "talk"
    folder.mkdir()
    (folder / "outro.yaml").write_text(OUTRO)
    outline = folder / "talk.yaml"

    def digests(text: str) -> list[str]:
        outline.write_text(text)
        out = tmp_path / "deck.pptx"
        b.write(b.load(outline), out, force=True)
        return slide_hashes(out.read_bytes())

    before = digests(outline_text())
    assert len(before) == 8 and len(set(before)) == 8
    after = digests(outline_text(five="An edited fifth point"))
    assert [i for i, (x, y) in enumerate(zip(before, after)) if x != y] == [4]
    assert digests(outline_text().replace("Notes of slide 3.", "Other notes entirely.")) == before


def test_a_deck_of_some_slides_keeps_their_numbers(default_deck):
    from pptx import Presentation

    _, path = default_deck
    data = path.read_bytes()
    smaller = Presentation(io.BytesIO(only_slides(data, [1, 5, 16])))
    whole = Presentation(str(path))
    assert [s.slide_id for s in smaller.slides] == [whole.slides[i].slide_id for i in (0, 4, 15)]
    fifth = smaller.slides[1].element
    assert not fifth.xpath('.//a:fld[@type="slidenum"]')
    assert whole.slides[4].element.xpath('.//a:fld[@type="slidenum"]')  # the field was there, now its number is
    assert "5" in [t.text for t in fifth.xpath(".//a:t")]


@needs_office
def test_slides_drawn_from_a_deck_of_some_slides_look_as_in_the_whole_deck(default_deck, tmp_path):
    from PIL import Image, ImageChops

    from deckgen.serve.office import Office, require_tools

    _, path = default_deck
    office = Office(require_tools(), width=480)  # started and closed here: no other LibreOffice runs meanwhile
    try:
        whole = [tmp_path / f"whole-{n}.png" for n in (1, 5, 16)]
        office.draw(path, [1, 5, 16], whole)
        smaller = tmp_path / "some.pptx"
        smaller.write_bytes(only_slides(path.read_bytes(), [1, 5, 16]))
        some = [tmp_path / f"some-{n}.png" for n in (1, 5, 16)]
        office.draw(smaller, [1, 2, 3], some)
    finally:
        office.close()
    for a, b in zip(whole, some):
        with Image.open(a) as x, Image.open(b) as y:
            assert ImageChops.difference(x.convert("RGB"), y.convert("RGB")).getbbox() is None, b.name


def test_rehearsal_times_are_checked_before_they_are_written():
    good = parse_times({"slides": [{"number": 1, "id": "a", "title": "A", "planned": 1.5, "seconds": 90}]})
    assert good == [{"slide": 1, "id": "a", "title": "A", "planned": 1.5, "minutes": 1.5}]
    for bad in ({}, {"slides": "x"}, {"slides": [{"seconds": -1}]}, {"slides": [{"seconds": "9"}]}, {"slides": [{"seconds": 1e9}]}, {"slides": [3]}):
        with pytest.raises(ValueError):
            parse_times(bad)


def test_missing_libreoffice_is_exit_2_saying_how_to_install(tmp_path):
    outline = tmp_path / "talk.yaml"
    outline.write_text(outline_text().replace("  - include: outro.yaml\n", ""))
    run = subprocess.run([sys.executable, "-m", "deckgen", "serve", str(outline)], capture_output=True, text=True, timeout=60, env=os.environ | {"PATH": str(tmp_path)})
    assert run.returncode == 2
    assert "LibreOffice is needed" in run.stderr and "apt-get install libreoffice-impress" in run.stderr
    assert "Traceback" not in run.stderr


def test_no_python_with_libreoffices_bridge_says_how_to_install_it(tmp_path):
    from deckgen.errors import ToolMissingError
    from deckgen.serve.office import uno_python

    without = tmp_path / "python-without-uno"
    without.write_text("#!/bin/sh\nexit 1\n")
    without.chmod(0o755)
    with pytest.raises(ToolMissingError) as missing:
        uno_python("/nonexistent/soffice", [str(without), str(tmp_path / "absent")])
    assert missing.value.exit_code == 2 and "apt-get install python3-uno" in str(missing.value)


@needs_office
def test_a_rehearsal_file_deckgen_did_not_write_is_refused(tmp_path):
    outline = tmp_path / "talk.yaml"
    outline.write_text(outline_text().replace("  - include: outro.yaml\n", ""))
    mine = tmp_path / "times.yaml"
    mine.write_text("my own notes\n")
    run = subprocess.run([sys.executable, "-m", "deckgen", "serve", str(outline), "--rehearsal", str(mine)], capture_output=True, text=True, timeout=60)
    assert run.returncode == 2 and "was not written by deckgen" in run.stderr and "--force" in run.stderr
    assert mine.read_text() == "my own notes\n"


# --- one server and one browser for the tests below -----------------------------------------


class Served:
    """A `deckgen serve` process on a folder of its own."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.outline = folder / "talk.yaml"
        self.times = folder / "times.yaml"
        self.outline.write_text(outline_text())
        (folder / "outro.yaml").write_text(OUTRO)
        self.variables = folder.parent / f"{folder.name}-vars.yaml"  # beside the outline's folder, not in it
        self.variables.write_text("speaker_name: Tess Ter\n")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "deckgen", "serve", str(self.outline), "--rehearsal", str(self.times), "--width", "800", "--var", "talk_title=Served talk", "--vars", str(self.variables)],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        )
        self.url = ""
        deadline = time.monotonic() + WAIT
        while time.monotonic() < deadline:
            line = self.process.stdout.readline()
            if not line:
                break
            m = re.search(r"at (http://127\.0\.0\.1:\d+/[\w-]+/)", line)
            if m:
                self.url = m.group(1)
                break
        assert self.url, "deckgen serve printed no address"
        self.base = self.url.rsplit("/", 2)[0]

    def write(self, text: str) -> None:
        self.outline.write_text(text)

    def descendants(self) -> list[int]:
        """Return the process ids below serve: the bridge and its LibreOffice."""
        parents = {}
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                parents[int(stat.parent.name)] = int(stat.read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
        found, todo = [], [self.process.pid]
        while todo:
            below = todo.pop()
            children = [pid for pid, parent in parents.items() if parent == below]
            found += children
            todo += children
        return found

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def _alive(pid: int) -> bool:
    """Return whether `pid` runs (a zombie waiting to be reaped does not)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except (OSError, IndexError):
        return False


def _name(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/comm").read_text().strip()
    except OSError:
        return ""


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    if not HAVE_UNO:
        pytest.skip("LibreOffice, its python3-uno bridge and pdftoppm are installed by .ci/run")
    server = Served(tmp_path_factory.mktemp("serve"))
    yield server
    server.stop()


@pytest.fixture(scope="module")
def browser():
    if not (CHROMIUM and CHROMEDRIVER):
        pytest.skip("Debian's chromium and chromium-driver are installed by .ci/run")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1400,900", "--no-first-run", "--no-default-browser-check"):
        options.add_argument(arg)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)  # the system's driver: nothing downloaded
    yield driver
    driver.quit()


def wait(browser, condition, what: str):
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(browser, WAIT, poll_frequency=0.1).until(lambda d: condition(d), message=what)


def thumbs(browser) -> list[str]:
    """Return the strip's picture addresses, once each has loaded."""
    return browser.execute_script(
        "return [...document.querySelectorAll('#strip .thumb img')].map(i => i.complete && i.naturalWidth > 0 ? i.getAttribute('src') : '')"
    )


def all_drawn(browser, count: int):
    srcs = thumbs(browser)
    return srcs if len(srcs) == count and all(srcs) else False


def problems(browser) -> str:
    return browser.execute_script("const p = document.getElementById('problems'); return p.hidden ? '' : p.textContent")


@needs_office
@needs_browser
def test_the_slides_appear(served, browser):
    browser.get(served.url)
    srcs = wait(browser, lambda d: all_drawn(d, 8), "all eight slides drawn")
    assert len(set(srcs)) == 8
    assert browser.find_element("id", "title").text == "Served talk"  # --var reaches the deck
    # everything the page loaded came from the server itself: it works with no network
    loaded = browser.execute_script("return performance.getEntriesByType('resource').map(e => e.name)")
    assert loaded and [n for n in loaded if not n.startswith(served.url)] == []
    assert browser.find_element("id", "slide-title").text == "1. Opening"
    assert "Notes of slide 1." in browser.find_element("id", "slide-notes").text
    assert re.fullmatch(r"00:00-\d\d:\d\d · .*", browser.find_element("id", "slide-window").text)
    # slide 6's text is set below its floor: said beside it and marked in the strip; the talk's
    # own warning (far shorter than its slot) stands below the notes
    browser.find_element("id", "thumb-6").click()
    assert "below the 18 pt floor" in browser.find_element("id", "slide-warnings").text
    assert browser.execute_script("return [...document.querySelectorAll('.thumb.warned')].map(b => b.id)") == ["thumb-6"]
    assert "very short" in browser.find_element("id", "deck-warnings").text
    browser.find_element("id", "thumb-8").click()
    assert "From the included file." in browser.find_element("id", "slide-notes").text
    size = browser.execute_script("const i = document.getElementById('current'); return [i.naturalWidth, i.naturalHeight]")
    assert size[0] == 800 and 400 < size[1] < 500  # a 16:9 slide as LibreOffice drew it


def _problems_of(outline: Path) -> str:
    from deckgen.errors import OutlineError

    with pytest.raises(OutlineError) as error:
        b.load(outline)
    return "\n".join(map(str, error.value.problems))


def _png(served, src: str) -> bytes:
    with urllib.request.urlopen(served.url + src, timeout=30) as answer:
        return answer.read()


@needs_office
@needs_browser
def test_an_edit_to_slide_5_redraws_slide_5_and_no_other_in_place(served, browser):
    browser.get(served.url)
    before = wait(browser, lambda d: all_drawn(d, 8), "all slides drawn")
    # in place: the page is not reloaded, the strip keeps its scroll and the selection stays
    browser.set_window_size(700, 900)
    browser.execute_script("window.notReloaded = true; const s = document.getElementById('strip'); s.scrollLeft = 300;")
    browser.find_element("id", "thumb-3").click()
    scroll = browser.execute_script("return document.getElementById('strip').scrollLeft")
    assert scroll > 0
    served.write(outline_text(five="An edited fifth point"))
    after = wait(browser, lambda d: (s := all_drawn(d, 8)) and s[4] != before[4] and s, "slide 5 redrawn")
    assert [i + 1 for i, (x, y) in enumerate(zip(before, after)) if x != y] == [5]
    assert _png(served, after[4]) != _png(served, before[4])
    assert browser.execute_script("return window.notReloaded === true")
    assert browser.execute_script("return document.getElementById('strip').scrollLeft") == scroll
    assert browser.find_element("id", "slide-title").text == "3. The problem"
    # an included file is an input too: its slide, and only it, is drawn again
    (served.folder / "outro.yaml").write_text(OUTRO.replace("closing quote", "closing words"))
    again = wait(browser, lambda d: (s := all_drawn(d, 8)) and s[7] != after[7] and s, "the included slide redrawn")
    assert again[:7] == after[:7]
    # so is the --vars file, in a folder of its own: the speaker's name is on the first slide
    served.variables.write_text("speaker_name: Ada Lovelace\n")
    third = wait(browser, lambda d: (s := all_drawn(d, 8)) and s[0] != again[0] and s, "the first slide redrawn")
    assert third[1:] == again[1:]
    browser.set_window_size(1400, 900)


@needs_office
@needs_browser
def test_a_broken_save_shows_its_located_error_over_the_last_slides_and_a_fix_clears_it(served, browser):
    browser.get(served.url)
    good = wait(browser, lambda d: all_drawn(d, 8), "all slides drawn")
    last_good = served.outline.read_text()
    served.write(outline_text(broken="  speakr: [unclosed"))
    text = wait(browser, problems, "the YAML error shown")
    assert re.search(r"talk\.yaml:\d+:\d+: YAML syntax error", text), text
    assert _problems_of(served.outline) in text  # as `deckgen check` says it
    assert thumbs(browser) == good  # the last good slides stay
    # a schema error is located too, at its field
    served.write(outline_text().replace("    title: A first idea\n", "    title: A first idea\n    bulets: [oops]\n"))
    text = wait(browser, lambda d: (t := problems(d)) and "bulets" in t and t, "the field error shown")
    line = outline_text().splitlines().index("    title: A first idea") + 2
    assert re.search(rf"talk\.yaml:{line}:\d+: slides\[3\]", text), text
    served.write(last_good)
    wait(browser, lambda d: problems(d) == "", "the problems cleared")
    assert wait(browser, lambda d: all_drawn(d, 8), "slides shown") == good
    assert served.process.poll() is None


@needs_office
@needs_browser
def test_a_deleted_outline_is_said_and_its_return_is_shown(served, browser):
    browser.get(served.url)
    wait(browser, lambda d: all_drawn(d, 8), "all slides drawn")
    served.outline.rename(served.folder / "away.yaml.bak")
    text = wait(browser, problems, "the missing outline shown")
    assert "talk.yaml" in text and "no such" in text
    (served.folder / "away.yaml.bak").rename(served.outline)
    wait(browser, lambda d: problems(d) == "", "the problems cleared")
    assert served.process.poll() is None


@needs_office
@needs_browser
def test_libreoffice_killed_is_started_again_and_said(served, browser):
    browser.get(served.url)
    before = wait(browser, lambda d: all_drawn(d, 8), "all slides drawn")
    office = [pid for pid in served.descendants() if _name(pid).startswith("soffice")]
    assert office, "no LibreOffice below deckgen serve"
    for pid in office:
        os.kill(pid, signal.SIGKILL)
    served.write(outline_text(five="Drawn after a crash"))
    wait(browser, lambda d: (s := all_drawn(d, 8)) and s[4] != before[4], "slide 5 redrawn by a new LibreOffice")
    assert "LibreOffice stopped and was started again" in browser.find_element("id", "notice").text
    assert not set(office) & set(served.descendants())


@needs_office
@needs_browser
def test_requests_without_the_token_or_from_another_host_get_403(served, browser):
    for address in (served.base + "/", served.base + "/state", served.base + "/nottoken/state", served.url.rstrip("/") + "x/state"):
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(address, timeout=30)
        assert refused.value.code == 403, address
    rebinding = urllib.request.Request(served.url + "state", headers={"Host": "attacker.example:80"})
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(rebinding, timeout=30)
    assert refused.value.code == 403
    # nothing but the rendered pages and the page's own files: no outline, no path out of them
    for path in ("talk.yaml", "static/../session.py", "slide/..%2F..%2Fetc%2Fpasswd.png", "static/%2e%2e/office.py"):
        with pytest.raises(urllib.error.HTTPError) as missing:
            urllib.request.urlopen(served.url + path, timeout=30)
        assert missing.value.code == 404, path
    # a request's work is bounded: a rehearsal's times beyond 256 KiB are refused, unread
    for body, code in ((b"[" * (300 * 1024), 413), (b"not json", 400), (b'{"slides": [{"seconds": -5}]}', 400)):
        post = urllib.request.Request(served.url + "times", data=body, method="POST", headers={"content-type": "application/json"})
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(post, timeout=30)
        assert refused.value.code == code
    browser.get(served.base + "/")
    assert "forbidden" in browser.find_element("tag name", "body").text
    with urllib.request.urlopen(served.url, timeout=30) as answer:
        policy = answer.headers["content-security-policy"]
    assert "default-src 'none'" in policy and "script-src 'self'" in policy


@needs_office
@needs_browser
def test_the_rehearsal_view_follows_the_keys_and_writes_the_times(served, browser):
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys

    browser.get(served.url + "rehearse")
    wait(browser, lambda d: d.execute_script("const i = document.getElementById('current'); return i.complete && i.naturalWidth > 0"), "the first slide shown")
    assert "press → or Space" in browser.find_element("id", "plan").text
    ActionChains(browser).send_keys(Keys.ARROW_RIGHT).perform()
    wait(browser, lambda d: d.find_element("tag name", "body").get_attribute("data-current") == "2", "slide 2 current")
    assert browser.find_element("id", "next-title").text == "next: 3. The problem"
    assert "Notes of slide 2." in browser.find_element("id", "r-notes").text
    assert "the plan says: slide" in browser.find_element("id", "plan").text
    ActionChains(browser).send_keys(Keys.SPACE).perform()
    ActionChains(browser).send_keys(Keys.ARROW_LEFT).perform()
    wait(browser, lambda d: d.find_element("tag name", "body").get_attribute("data-current") == "2", "back on slide 2")
    ActionChains(browser).send_keys("t").perform()
    wait(browser, lambda d: "times saved to" in d.find_element("id", "saved").text, "the times saved")
    written = yaml.safe_load(served.times.read_text())
    assert written["outline"] == "talk.yaml"
    assert [s["slide"] for s in written["slides"]] == list(range(1, 9))
    assert written["slides"][0]["title"] == "Opening" and all(s["minutes"] >= 0 for s in written["slides"])
    assert served.times.read_text().startswith("# A rehearsal of talk.yaml")


@needs_office
def test_serve_killed_leaves_no_libreoffice_behind(served):
    children = served.descendants()
    assert any(_name(pid).startswith("soffice") for pid in children)
    served.process.kill()  # SIGKILL: no handler runs; the children must go by themselves
    served.process.wait()
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and any(map(_alive, children)):
        time.sleep(0.1)
    left = [pid for pid in children if _alive(pid)]
    assert left == [], [(_name(pid), pid) for pid in left]
    # its work folders (pictures, LibreOffice's profile) are removed by the next serve
    from deckgen.serve.server import clean_stale_work

    work = list(Path(tempfile.gettempdir()).glob(f"deckgen-serve-{served.process.pid}-*"))
    assert len(work) == 2
    clean_stale_work()
    assert not any(p.exists() for p in work)
