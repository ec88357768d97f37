"""Take the README's pictures of `deckgen serve`: the page, the page with a broken save, the rehearsal view.

Usage: python docs/serve_screenshots.py   (needs what `deckgen serve` needs, and Debian's chromium)
Serves a copy of the default talk from a temporary folder and photographs it in headless Chromium.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

from deckgen.pipeline import default_outline

DOCS = Path(__file__).resolve().parent


def main() -> None:
    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1440,900", "--hide-scrollbars"):
        options.add_argument(arg)
    driver = webdriver.Chrome(service=Service(shutil.which("chromedriver") or "/usr/bin/chromedriver"), options=options)
    with tempfile.TemporaryDirectory(prefix="deckgen-shots-") as work:
        outline = Path(work, "four-layers.yaml")
        shutil.copy(default_outline(), outline)
        proc = subprocess.Popen([sys.executable, "-m", "deckgen", "serve", str(outline), "--rehearsal", str(Path(work, "times.yaml"))], stdout=subprocess.PIPE, text=True)
        try:
            url = re.search(r"at (http://\S+/)", proc.stdout.readline()).group(1)
            driver.get(url)
            drawn = "return [...document.querySelectorAll('#strip img')].filter(i => i.complete && i.naturalWidth).length"
            WebDriverWait(driver, 180).until(lambda d: d.execute_script(drawn) == 16)
            driver.find_element("id", "thumb-6").click()
            time.sleep(0.5)
            driver.save_screenshot(str(DOCS / "serve.png"))
            text = outline.read_text()
            outline.write_text(text.replace("    title: First principles\n", "    title: First principles\n    quote: [unclosed\n", 1))
            WebDriverWait(driver, 60).until(lambda d: not d.find_element("id", "problems").get_attribute("hidden"))
            time.sleep(0.3)
            driver.save_screenshot(str(DOCS / "serve-error.png"))
            outline.write_text(text)
            driver.get(url + "rehearse")
            WebDriverWait(driver, 60).until(lambda d: d.execute_script("return document.getElementById('current').naturalWidth") > 0)
            for _ in range(4):
                ActionChains(driver).send_keys(Keys.ARROW_RIGHT).perform()
                time.sleep(1.2)
            time.sleep(1.0)
            driver.save_screenshot(str(DOCS / "serve-rehearsal.png"))
        finally:
            proc.terminate()
            proc.wait(30)
            driver.quit()
    for name in ("serve.png", "serve-error.png", "serve-rehearsal.png"):
        print(DOCS / name)


if __name__ == "__main__":
    main()
