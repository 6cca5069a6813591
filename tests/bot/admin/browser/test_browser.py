"""The back office in a real browser, at phone width: signing in and out, CSRF, a stock edit,
a movement, a simulator conversation whose button tap records a sale, no sideways scrolling."""

from __future__ import annotations

from typing import Any

import pytest
from sqlmodel import select

from bot.clock import utcnow
from bot.db.engine import transaction
from bot.db.models import Manager, OutboundStatus, Product, StockMovement
from bot.demo import create_demo
from bot.managers import set_language
from bot.orders import place_order, receive_order
from bot.outbound.outbox import enqueue
from tests.bot.admin.browser.conftest import Live, sign_in
from tests.bot.admin.conftest import MANAGER
from tests.conftest import make_settings

pytestmark = pytest.mark.browser


def _product(live: Live, sku: str) -> Product:
    with transaction(live.engine) as session:
        return session.exec(select(Product).where(Product.sku == sku)).one()


def test_sign_in_and_out(page: Any) -> None:
    page.goto("/admin/stock")
    assert "/admin/login" in page.url
    page.get_by_label("Mot de passe ou jeton").fill("wrong token")
    page.get_by_role("button", name="Se connecter").click()
    page.get_by_role("alert").wait_for()
    assert "incorrect" in page.get_by_role("alert").inner_text()
    sign_in(page)
    assert page.get_by_role("heading", name="Tableau de bord").is_visible()
    page.get_by_role("button", name="Se déconnecter").click()
    page.wait_for_url("**/admin/login")
    page.goto("/admin")
    assert "/admin/login" in page.url


def test_a_change_without_the_csrf_token_is_refused(page: Any, live: Live) -> None:
    sign_in(page)
    riz = _product(live, "RIZ")
    status = page.evaluate(
        """async (path) => {
            const body = new URLSearchParams({threshold: "1", reorder_quantity: "1"});
            const response = await fetch(path, {method: "POST", body});
            return response.status;
        }""",
        f"/admin/products/{riz.id}/levels",
    )
    assert status == 403
    assert _product(live, "RIZ").threshold == 10


def test_search_edit_threshold_and_record_a_sale(page: Any, live: Live) -> None:
    sign_in(page)
    page.goto("/admin/stock")
    page.get_by_label("Rechercher").fill("ceeb")
    page.wait_for_function("!document.body.innerText.includes('Sucre 1kg')")
    page.wait_for_load_state("networkidle")
    item = page.locator("li.stock-item", has_text="Riz brisé 50kg")
    item.get_by_text("Seuil / Qté à commander").click()
    item.get_by_label("Seuil", exact=True).fill("25")
    item.get_by_role("button", name="Enregistrer").first.click()
    page.locator("li.stock-item", has_text="Seuil 25").wait_for()
    assert _product(live, "RIZ").threshold == 25
    item = page.locator("li.stock-item", has_text="Riz brisé 50kg")
    item.get_by_text("Mouvement").click()
    item.get_by_label("Type").select_option("sale")
    item.get_by_label("Quantité").fill("2")
    item.get_by_role("button", name="Enregistrer").last.click()
    page.locator("li.stock-item", has_text="→ 18").wait_for()
    riz = _product(live, "RIZ")
    with transaction(live.engine) as session:
        sale = session.exec(
            select(StockMovement).where(StockMovement.product_id == riz.id, StockMovement.delta < 0)
        ).one()
    assert riz.quantity == 18 and sale.source == "admin:admin"


def test_order_an_alert_and_receive_it(page: Any, live: Live) -> None:
    sign_in(page)
    page.goto("/admin/orders")
    page.get_by_role("button", name="Commander 12 bidons").click()
    page.get_by_role("status").filter(has_text="passée").wait_for()
    page.get_by_role("button", name="Reçue (12)").click()
    page.get_by_role("status").filter(has_text="reçue : 12").wait_for()
    assert _product(live, "HUILE").quantity == 15


def test_simulator_conversation_with_a_button_tap(page: Any, live: Live) -> None:
    sign_in(page)
    page.goto(f"/admin/simulator?phone={MANAGER.replace('+', '%2B')}")
    page.get_by_label("Votre message").fill("vendu 3 riz")
    page.get_by_label("Votre message").press("Enter")
    page.get_by_role("button", name="Oui").last.click()
    page.get_by_text("Vente enregistrée").wait_for()
    assert _product(live, "RIZ").quantity == 17


PAGES = [
    "/admin",
    "/admin/stock",
    "/admin/orders",
    "/admin/movements",
    "/admin/managers",
    "/admin/products/1",
    "/admin/conversations",
    f"/admin/conversations/{MANAGER.replace('+', '%2B')}",
    "/admin/outbox",
    "/admin/import",
    "/admin/simulator",
]


# Every element outside the screen, and every box that scrolls sideways (a table cut off in its
# scroll box, a row of tabs), listed for the assertion message. Inputs scroll their own text.
_SIDEWAYS = """() => {
    const width = document.documentElement.clientWidth;
    const name = (el) => el.tagName.toLowerCase() + (el.className ? "." + el.className : "");
    const found = [];
    for (const el of document.querySelectorAll("body *")) {
        if (el.closest(".visually-hidden, .skip")) continue;
        const box = el.getBoundingClientRect();
        const out = box.width > 0 && box.right > width + 0.5;
        if (out) found.push(name(el) + " ends at " + box.right);
        const scrolls = ["auto", "scroll"].includes(getComputedStyle(el).overflowX);
        const own = ["INPUT", "TEXTAREA", "SELECT"].includes(el.tagName);
        if (scrolls && !own && el.scrollWidth > el.clientWidth) found.push(name(el) + " scrolls");
    }
    return found;
}"""


def _busy_shop(live: Live) -> None:
    """Long product names, SKUs and phone numbers, a received order, a failed message with its
    reason: what a real shop puts in the tables."""
    settings = make_settings(live.engine.url.render_as_string(hide_password=False))
    with transaction(live.engine) as session:
        create_demo(session, settings=settings)
        huile = session.exec(select(Product).where(Product.sku == "HUILE-20L")).one()
        placed = place_order(session, huile, 24, source="admin:admin", now=utcnow())
        assert placed.facts.order.id is not None
        receive_order(
            session, placed.facts.order.id, source="admin:admin", settings=settings, now=utcnow()
        )
        for row in enqueue(session, MANAGER, "Stock bas : Huile d'arachide 20L, il reste 3 bidons"):
            row.status = OutboundStatus.FAILED.value
            row.attempts = 7
            row.last_error_code = "131047"
            row.last_error_text = "Re-engagement message: more than 24 hours have passed"


def test_phone_layout_has_no_sideways_scroll(page: Any, live: Live) -> None:
    """At 360 px every page fits the screen: the page does not scroll sideways, tables reflow
    instead of being cut off in a scroll box, and the menu wraps instead of scrolling."""
    _busy_shop(live)
    sign_in(page)
    for path in PAGES:
        page.goto(path)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 360, f"{path} is {width}px wide at 360px"
        assert page.evaluate(_SIDEWAYS) == [], path
        assert page.locator("html").get_attribute("lang") == "fr"


def test_a_language_chosen_is_undone_on_a_phone(page: Any, live: Live) -> None:
    """The managers page offers « selon ses messages » for a manager whose language was chosen:
    picked, the bot follows the language they write again; the open form fits the screen."""
    with transaction(live.engine) as session:
        manager = session.exec(select(Manager).where(Manager.phone == MANAGER)).one()
        set_language(manager, "en", chosen=True)
        session.add(manager)
    sign_in(page)
    page.goto("/admin/managers")
    item = page.locator("li.stock-item", has_text=MANAGER)
    item.get_by_text("Modifier").click()
    item.get_by_label("Langue").select_option(label="selon ses messages")
    assert page.evaluate(_SIDEWAYS) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    item.get_by_role("button", name="Enregistrer").click()
    page.get_by_text("en (selon ses messages)").first.wait_for()
    with transaction(live.engine) as session:
        manager = session.exec(select(Manager).where(Manager.phone == MANAGER)).one()
        assert (manager.language, manager.language_chosen) == ("en", False)
