"""How tall the A–Z page is on a phone at 1,000 services: prints its height, the list's height per service, and
the widest it gets at 320 px (it must not scroll sideways).

A real catalogue (Berlin's 1,062 services with 400-character summaries) made the A–Z list 195,000 px tall on a
phone; the list now shows titles only, and the target is about one line per service: at most 60 px per entry at
390 px width. Measured in Debian's chromium (Playwright), on a synthetic catalogue (synth.py).

    .venv/bin/python benchmarks/a_to_z_height.py [--services 1000]
"""

from __future__ import annotations

import argparse
import functools
import http.server
import statistics
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

from playwright.sync_api import sync_playwright

from synth import scratch, write_project

CHROMIUM = "/usr/bin/chromium"
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True, "device_scale_factor": 1}
TARGET_PX = 60

MEASURE = """() => {
  const entries = [...document.querySelectorAll('.rh-list--titles > li')].map(e => e.getBoundingClientRect().height);
  const lists = [...document.querySelectorAll('.rh-list--titles')];
  const top = lists[0].getBoundingClientRect().top, bottom = lists.at(-1).getBoundingClientRect().bottom;
  return {page: document.documentElement.scrollHeight, list: bottom - top, entries,
          wide: document.documentElement.scrollWidth};
}"""


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--services", type=int, default=1000, help="services in the synthetic catalogue")
    n = parser.parse_args().services
    with tempfile.TemporaryDirectory(dir=scratch(1)) as folder:
        config = write_project(Path(folder) / "project", n)
        site = Path(folder) / "site"
        subprocess.run([sys.executable, "-m", "rathaus.cli", "-f", str(config), "build", "-d", str(site)], check=True)
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        url = f"http://127.0.0.1:{server.server_port}/leistungen/"
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
            figures = {}
            for name, options in (("390 px", PHONE), ("320 px", {"viewport": {"width": 320, "height": 640}})):
                page = browser.new_context(locale="de-DE", **options).new_page()
                page.goto(url)
                figures[name] = page.evaluate(MEASURE)
            browser.close()
        server.shutdown()
    phone = figures["390 px"]
    entries = phone["entries"]
    per_entry = phone["list"] / len(entries)
    print(f"A–Z page, {n} synthetic services, phone 390×844 (Chromium):")
    print(f"  page height            {phone['page']:>9,.0f} px")
    print(f"  list height            {phone['list']:>9,.0f} px for {len(entries)} entries")
    print(f"  per entry (with gaps)  {per_entry:>9.1f} px   (target ≤ {TARGET_PX} px)")
    print(f"  entry height median    {statistics.median(entries):>9.1f} px, max {max(entries):.1f} px")
    one_line = sum(height < 1.5 * min(entries) for height in entries)
    print(f"  entries on one line    {one_line:>9,} of {len(entries)}")
    narrow = figures["320 px"]
    print(f"At 320 px: page height {narrow['page']:,.0f} px, widest {narrow['wide']} px (must be ≤ 320)")
    print("OK" if per_entry <= TARGET_PX and narrow["wide"] <= 320 else "ZIEL VERFEHLT")


if __name__ == "__main__":
    main()
