"""Screenshots of the back office for the README, at phone (360 px) and desktop width.

Builds a demo shop in a temporary SQLite file with a month of sales and receipts, serves the app
on 127.0.0.1, has a short conversation through the simulator, then photographs the dashboard, a
product chart, that conversation and the simulator with Debian's Chromium (Playwright):

    python scripts/screenshots.py            # writes docs/screenshots/*.png
"""

from __future__ import annotations

import random
import socket
import sys
import tempfile
import threading
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import uvicorn  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402
from sqlmodel import delete, select  # noqa: E402

from bot.app import create_app  # noqa: E402
from bot.clock import utcnow  # noqa: E402
from bot.db.engine import create_db_engine, transaction, upgrade_schema  # noqa: E402
from bot.db.models import MovementKind, MovementSource, OutboundMessage, Product  # noqa: E402
from bot.demo import DEMO_MANAGER_PHONE, create_demo  # noqa: E402
from bot.settings import load_settings  # noqa: E402
from bot.stock import record_movement  # noqa: E402

OUT = ROOT / "docs" / "screenshots"
TOKEN = "screenshot-admin-token-0123456789abcdef"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SIZES = {"phone": {"width": 360, "height": 760}, "desktop": {"width": 1280, "height": 860}}


def history(engine, settings) -> None:  # type: ignore[no-untyped-def]
    """A month of sales and weekly receipts on the demo products."""
    rng = random.Random(3)
    now = utcnow()
    with transaction(engine) as session:
        create_demo(session, settings=settings)
        products = list(session.exec(select(Product)))
        for product in products:
            for day in range(30, 0, -1):
                moment = now - timedelta(days=day, hours=rng.randint(0, 8))
                if day % 7 == 0:
                    record_movement(
                        session,
                        product,
                        product.reorder_quantity + rng.randint(0, 10),
                        MovementKind.RECEIPT,
                        MovementSource.API,
                        settings=settings,
                        note="livraison",
                        now=moment,
                    )
                sold = min(product.quantity, rng.randint(0, 4))
                if sold:
                    record_movement(
                        session,
                        product,
                        -sold,
                        MovementKind.SALE,
                        MovementSource.WHATSAPP,
                        settings=settings,
                        now=moment,
                    )
        # The alert pushes of this backdated history would only show as expired.
        session.exec(delete(OutboundMessage))


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as directory:
        url = f"sqlite:///{directory}/shots.db"
        upgrade_schema(url)
        settings = load_settings(
            _env_file=None, database_url=url, admin_token=TOKEN, outbox_pair_interval_seconds=0
        )
        engine = create_db_engine(url)
        history(engine, settings)
        port = free_port()
        server = uvicorn.Server(
            uvicorn.Config(
                create_app(settings, engine=engine),
                host="127.0.0.1",
                port=port,
                log_level="warning",
            )
        )
        thread = threading.Thread(target=server.run, daemon=True)
        thread.start()
        while not server.started:
            time.sleep(0.05)
        base = f"http://127.0.0.1:{port}"
        phone = DEMO_MANAGER_PHONE.replace("+", "%2B")
        with transaction(engine) as session:
            riz = session.exec(select(Product).where(Product.sku == "RIZ-BRISE-50")).one()
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS
            )
            for size, viewport in SIZES.items():
                page = browser.new_page(viewport=viewport, base_url=base)
                page.goto("/admin/login")
                page.fill("#password", TOKEN)
                page.click("button[type=submit]")
                page.wait_for_url("**/admin")
                if size == "phone":  # one conversation, through the simulator
                    page.goto(f"/admin/simulator?phone={phone}")
                    for typed in ("cb de riz il reste", "vendu 3 riz"):
                        page.get_by_label("Votre message").fill(typed)
                        page.get_by_label("Votre message").press("Enter")
                        page.locator("#sim-thread .bubble.in", has_text=typed).wait_for()
                        page.wait_for_timeout(300)
                    page.get_by_role("button", name="Oui").last.click()
                    page.get_by_text("Vente enregistrée").wait_for()
                shots = {
                    "dashboard": "/admin",
                    "product": f"/admin/products/{riz.id}",
                    "conversation": f"/admin/conversations/{phone}",
                    "simulator": f"/admin/simulator?phone={phone}",
                }
                for name, path in shots.items():
                    page.goto(path)
                    page.wait_for_load_state("networkidle")
                    target = OUT / f"{name}-{size}.png"
                    page.screenshot(path=str(target), full_page=size == "desktop")
                    print(target.relative_to(ROOT))
                page.close()
            browser.close()
        server.should_exit = True
        thread.join(timeout=10)
        engine.dispose()


if __name__ == "__main__":
    main()
