package org.camelshop.web;

import static org.camelshop.local.RunningShop.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.camel.ProducerTemplate;
import org.awaitility.Awaitility;
import org.camelshop.local.LocalStack;
import org.camelshop.local.LocalStackExtension;
import org.camelshop.local.RunningShop;
import org.camelshop.marketing.Campaigns;
import org.camelshop.payment.Checkout;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * Journeys of the people who use the shop, each from its first page to its end state, asserting what the person sees:
 * a logged-in shopper who checks out twice (the second time from the saved address), pays by card, cancels the
 * unpaid order and reorders, at desktop and at phone width; a mail reader who opens the order mail's link on another
 * device and unsubscribes (link and one-click); an admin who refunds part of a paid order and then the rest, and puts
 * a drafted product back in the shop. Screenshots: target/screenshots/journey-*.png.
 */
@ExtendWith({LocalStackExtension.class, BrowserExtension.class})
class JourneysBrowserIT {

    private static final int[][] WIDTHS = {{1366, 900}, {390, 844}};
    private final RunningShop shop;
    private final LocalStack stack;
    private final Browser browser;
    private String adminToken;

    JourneysBrowserIT(RunningShop shop, LocalStack stack, Browser browser) {
        this.shop = shop;
        this.stack = stack;
        this.browser = browser;
    }

    @Test
    void aLoggedInShopperChecksOutFromASavedAddressPaysCancelsAndReorders() {
        for (int[] size : WIDTHS) {
            String name = size[0] < 600 ? "phone" : "desktop";
            browser.width(size[0], size[1]);
            try {
                registerAndLogIn();
                String paidOrder = checkout(true, name);
                payByCard("4242 4242 4242 4242");
                WebElement paidRow = confirmedOnOrdersPage(paidOrder);
                assertTrue(paidRow.getText().contains("Paid"), paidRow.getText());

                String unpaidOrder = checkout(false, name);
                browser.open("/orders.html");
                awaitRowStatus(unpaidOrder, "Awaiting payment");
                row(unpaidOrder).findElement(By.cssSelector("button.cancel")).click();
                browser.driver().switchTo().alert().accept();
                browser.waitForText("#status", "Order cancelled");
                awaitRowStatus(unpaidOrder, "Cancelled");
                browser.screenshot("journey-" + name + "-orders");
                assertNoSidewaysScroll("orders.html at " + name + " width");

                row(paidOrder).findElement(By.cssSelector("button.reorder")).click();
                browser.waitForPage("/cart.html");
                assertEquals(1, browser.all("#cart-lines tr[data-product-id]").size(), "the paid order's item is back in the cart");
                assertNoSidewaysScroll("cart.html at " + name + " width");
                browser.screenshot("journey-" + name + "-reordered");
            } finally {
                browser.desktop();
            }
        }
    }

    /**
     * A guest on a phone searches, opens a product, applies a discount code in the cart and checks out three times: a
     * declined card and then a good one, a card that asks for 3-D Secure, and PayPal; each order ends up confirmed.
     */
    @Test
    void aGuestOnAPhoneSearchesUsesACodeAndPaysByCardAfterADeclineWith3DSecureAndWithPayPal() {
        String code = "PHONE" + UUID.randomUUID().toString().substring(0, 5).toUpperCase();
        assertEquals(201, shop.call("POST", "/api/admin/discount-codes", "{\"code\":\"" + code + "\",\"type\":\"percent\",\"value\":10,"
                + "\"single_use_per_user\":false}", admin()).statusCode());
        browser.width(390, 844);
        try {
            browser.resetStorage();
            browser.open("/shop.html");
            if (!Boolean.TRUE.equals(browser.js("return document.getElementById('filter-panel').open"))) {
                browser.click("#filter-panel summary"); // on a phone the filters start folded
            }
            browser.type("#q", "Commentary");
            browser.click("#apply-filters");
            browser.waitUntil(d -> d.getCurrentUrl().contains("q=Commentary"));
            WebElement first = browser.waitUntil(d -> d.findElements(By.cssSelector("#products li.card")).stream()
                    .filter(c -> c.getText().contains("Commentary") && c.getText().contains("In stock")).findFirst().orElse(null));
            first.findElement(By.cssSelector("h2 a")).click();
            browser.waitLoaded();
            browser.click("#add-to-cart");
            browser.waitForText("#status", "added to your cart");
            // on a phone the drawer takes the whole width, the toast fits beside it, and Esc closes the drawer
            browser.waitForText("#mini-cart #mc-lines li", "Qty 1");
            browser.find("#toast");
            assertEquals(390L, browser.js("return Math.round(document.getElementById('mini-cart').getBoundingClientRect().right)"));
            assertTrue((Long) browser.js("return Math.round(document.getElementById('toast').getBoundingClientRect().right)") <= 390L);
            assertTrue(browser.find("#mc-checkout").isDisplayed());
            browser.screenshot("journey-guest-phone-drawer");
            browser.find("#mini-cart").sendKeys(Keys.ESCAPE);
            browser.waitUntil(d -> !(Boolean) browser.js("return document.getElementById('mini-cart').open"));

            browser.open("/cart.html");
            browser.type("#discount-code", "NOPE-" + code);
            browser.click("#apply-estimate");
            browser.waitUntil(d -> "error".equals(d.findElement(By.id("status")).getAttribute("data-kind")));
            browser.type("#discount-code", code);
            browser.click("#apply-estimate");
            browser.waitForText("#status", "Discount code " + code + " applied");
            browser.find("#discount");
            assertNoSidewaysScroll("cart.html at phone width");
            browser.screenshot("journey-guest-phone-cart");

            browser.click("#checkout");
            browser.waitLoaded();
            String declinedFirst = guestCheckout("stripe");
            payByCard("4000 0000 0000 0002");
            browser.waitForText("#status", "Try another card");
            assertTrue(browser.driver().getCurrentUrl().contains("/checkout.html"), "a decline keeps the shopper on the payment step");
            browser.screenshot("journey-guest-phone-declined");
            payByCard("4242 4242 4242 4242");
            confirmedOnOrdersPage(declinedFirst);

            String threeDs = addBookAndCheckOut("stripe");
            payByCard("4000 0027 6000 3184");
            browser.click("#three-ds-ok");
            confirmedOnOrdersPage(threeDs);

            String paypal = addBookAndCheckOut("paypal");
            browser.click("#pay-paypal-sandbox");
            confirmedOnOrdersPage(paypal);
            browser.screenshot("journey-guest-phone-orders");
        } finally {
            browser.desktop();
        }
    }

    /**
     * A guest picks a size and colour of a T-shirt (price, stock and SKU follow the choice), finds that variant in the
     * cart and on the order, and only that variant's stock goes down.
     */
    @Test
    void aGuestPicksASizeAndColourAndOnlyThatVariantsStockDrops() {
        String sku = "JT-" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        String variants = Stream.of("S", "M").flatMap(size -> Stream.of("Navy", "White").map(colour -> "{\"sku\":\"" + sku + "-" + size + "-" + colour
                + "\",\"options\":{\"Size\":\"" + size + "\",\"Colour\":\"" + colour + "\"},\"stock\":4"
                + (size.equals("M") && colour.equals("Navy") ? ",\"price\":2700" : "") + "}")).collect(Collectors.joining(","));
        HttpResponse<String> created = shop.call("POST", "/api/products", "{\"name\":\"Journey Tee\",\"price\":2500,\"category\":\"Apparel\","
                + "\"sku\":\"" + sku + "\",\"options\":[{\"name\":\"Size\",\"values\":[\"S\",\"M\"]},{\"name\":\"Colour\",\"values\":[\"Navy\",\"White\"]}],"
                + "\"variants\":[" + variants + "]}", admin());
        assertEquals(201, created.statusCode(), created.body());
        String productId = json(created).get("product_id").asText();

        browser.resetStorage();
        browser.open("/product.html?id=" + productId);
        assertEquals(List.of("Size", "Colour"), browser.all("#options legend").stream().map(WebElement::getText).toList(), "one radio group per option");
        browser.click("#add-to-cart");
        browser.waitForText("#status", "Choose the size and colour first");
        browser.click("#options input[value='M']");
        browser.click("#options input[value='Navy']");
        browser.waitForText("#price", "$27.00");
        assertTrue(browser.find("#availability").getText().contains("4 available"));
        assertTrue(browser.find("#category").getText().contains("SKU " + sku + "-M-NAVY"));
        browser.screenshot("journey-variant-chosen");
        browser.click("#add-to-cart");
        browser.waitForText("#status", "Journey Tee — M / Navy added to your cart");

        browser.open("/cart.html");
        assertTrue(browser.find("#cart-lines tr[data-variant-id='m-navy']").getText().contains("M / Navy"));
        browser.open("/checkout.html");
        String orderNumber = guestCheckout("stripe");
        assertTrue(browser.find("#summary-lines").getText().contains("Journey Tee — M / Navy"));

        Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                .until(() -> json(shop.get("/api/products/" + productId)).get("stock_quantity").asInt() == 15);
        JsonNode product = json(shop.get("/api/products/" + productId));
        product.get("variants").forEach(v -> assertEquals("m-navy".equals(v.get("variant_id").asText()) ? 3 : 4, v.get("stock").asInt(),
                v.get("variant_id").asText() + " after order " + orderNumber));
    }

    /** Another book in this guest's cart (through the API: adding from the product page was the first order's) and checkout. */
    private String addBookAndCheckOut(String method) {
        String session = (String) browser.js("return localStorage.getItem('shop.session')");
        HttpResponse<String> added = asGuest(session, "/api/cart/add", "{\"product_id\":\"" + physicalBook() + "\",\"quantity\":1}");
        assertEquals(200, added.statusCode(), added.body());
        browser.open("/checkout.html");
        return guestCheckout(method);
    }

    /** The guest's three steps of checkout.html, ending on the payment step of the placed order; returns its number. */
    private String guestCheckout(String method) {
        browser.type("#email", "phone-guest@example.com");
        browser.click("#to-address");
        browser.type("#ship-name", "Pat Phone");
        browser.type("#ship-line1", "4 Pine St");
        browser.type("#ship-city", "Austin");
        browser.type("#ship-state", "TX");
        browser.type("#ship-postal", "78701");
        browser.click("#to-review");
        browser.find("#pay-" + method).click();
        browser.find("#accept-terms").click();
        browser.waitUntil(d -> d.findElement(By.id("summary-total")).getText().startsWith("$"));
        browser.click("#place-order");
        String orderNumber = browser.find("#order-number").getText();
        assertNoSidewaysScroll("checkout.html at phone width");
        return orderNumber;
    }

    /** The sandbox card form of the payment step: a test card number, expiry and CVC, then Pay now. */
    private void payByCard(String number) {
        browser.type("#card-number", number);
        browser.type("#card-expiry", "12/30");
        browser.type("#card-cvc", "123");
        browser.click("#pay-card");
    }

    /**
     * After paying: checkout moves on to the confirmation page, which follows the order until it shows Confirmed; then
     * orders.html lists it as Confirmed too. Returns the order's row there.
     */
    private WebElement confirmedOnOrdersPage(String orderNumber) {
        browser.waitForPage("/confirmation.html");
        assertEquals(orderNumber, browser.find("#order-number").getText());
        browser.waitForText("#order-status", "Confirmed");
        browser.waitForText("#next", "Payment received");
        browser.open("/orders.html");
        return awaitRowStatus(orderNumber, "Confirmed");
    }

    /** A new account, "Jo Journey", signed in (storage cleared first) and on the shop page. */
    private void registerAndLogIn() {
        String email = "journey-" + UUID.randomUUID() + "@example.com";
        assertEquals(201, shop.call("POST", "/api/auth/register",
                "{\"email\":\"" + email + "\",\"password\":\"password-123\",\"name\":\"Jo Journey\"}", null).statusCode());
        browser.login(email, "password-123", "/shop.html");
    }

    /**
     * From a product page to the payment step: adds a book, goes through the cart and the three steps of checkout as
     * the logged-in user (the first time typing the address, the second picking the saved one); returns the order number.
     */
    private String checkout(boolean firstTime, String name) {
        browser.open("/product.html?id=" + physicalBook());
        browser.click("#add-to-cart");
        browser.waitForText("#status", "added to your cart");
        browser.open("/cart.html");
        browser.click("#checkout");
        browser.waitLoaded();
        assertTrue(browser.find("#logged-in").getText().contains("Jo Journey"), "ordering as the logged-in user");
        browser.click("#to-address");
        browser.find("#step-2");
        if (firstTime) {
            assertFalse(browser.find("#step-2").getText().contains("Saved addresses"), "no empty saved-address menu the first time");
            browser.type("#ship-name", "Jo Journey");
            browser.type("#ship-line1", "2 Market St");
            browser.type("#ship-city", "San Francisco");
            browser.type("#ship-state", "CA");
            browser.type("#ship-postal", "94105");
        } else {
            Select saved = new Select(browser.find("#saved-addresses"));
            assertTrue(saved.getFirstSelectedOption().getText().contains("2 Market St"), "the saved address is offered");
            assertEquals("2 Market St", browser.find("#ship-line1").getAttribute("value"));
        }
        browser.screenshot("journey-" + name + "-address" + (firstTime ? "" : "-saved"));
        browser.click("#to-review");
        browser.find("#accept-terms").click();
        browser.waitUntil(d -> d.findElement(By.id("summary-total")).getText().startsWith("$"));
        browser.click("#place-order");
        String orderNumber = browser.find("#order-number").getText();
        browser.find("#sandbox-card");
        assertNoSidewaysScroll("checkout.html at " + name + " width");
        return orderNumber;
    }

    /**
     * A guest orders; the confirmation mail's "view your order" link, opened in a browser that never saw the shop (another
     * device), shows the order; the invoice of that order downloads there too.
     */
    @Test
    void aMailReaderOpensTheOrderFromTheMailOnAnotherDevice() {
        String session = UUID.randomUUID().toString();
        HttpResponse<String> added = asGuest(session, "/api/cart/add", "{\"product_id\":\"" + physicalBook() + "\",\"quantity\":1}");
        assertEquals(200, added.statusCode(), added.body());
        String email = "reader-" + UUID.randomUUID() + "@example.com";
        HttpResponse<String> placed = asGuest(session, "/api/orders/create", "{\"shipping_address\":" + ADDRESS + ",\"billing_address\":" + ADDRESS
                + ",\"payment_method\":\"stripe\",\"accept_terms\":true,\"email\":\"" + email + "\"}");
        assertEquals(202, placed.statusCode(), placed.body());
        String orderNumber = json(placed).get("order_number").asText();

        JsonNode mail = Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> stack.mailsTo(email), m -> !m.isEmpty()).get(0);
        Matcher link = Pattern.compile("(http://\\S*/orders\\.html\\?order=\\S+)").matcher(mail.get("body").get("text").asText());
        assertTrue(link.find(), "the mail links to the order");
        assertTrue(link.group(1).contains("&token="), "a guest's link carries its token");

        browser.resetStorage();
        browser.driver().get(link.group(1));
        browser.waitLoaded();
        browser.find("#order-dialog #od-title");
        assertTrue(browser.find("#od-title").getText().contains(orderNumber), "the dialog shows the mailed order");
        assertFalse(browser.driver().getCurrentUrl().contains("token="), "the token leaves the address bar");
        browser.screenshot("journey-mail-order");
        browser.click("#od-close");
        assertTrue(row(orderNumber).getText().contains("Awaiting payment") || row(orderNumber).getText().contains("Pending"));
        browser.driver().navigate().refresh();
        browser.waitLoaded();
        row(orderNumber);
    }

    /**
     * A shopper's cart reminder: its unsubscribe link, clicked in the mail (GET), lands on the preferences page saying
     * what stopped; the mail client's one-click POST to the List-Unsubscribe link stops all marketing mail.
     */
    @Test
    void aMailReaderUnsubscribesByLinkAndByOneClick() throws Exception {
        String token = shop.newShopper("Una");
        String email = json(shop.call("GET", "/api/auth/me", null, token)).get("email").asText();
        assertEquals(200, shop.call("POST", "/api/cart/add", "{\"product_id\":\"" + physicalBook() + "\",\"quantity\":1}", token).statusCode());
        Campaigns campaigns = shop.camelContext().getRegistry().lookupByNameAndType("campaigns", Campaigns.class);
        List<String> reminders = campaigns.abandonedCarts(Instant.now().plus(Duration.ofHours(25))).stream()
                .filter(r -> r.contains("\"to\":\"" + email + "\"")).toList();
        assertEquals(1, reminders.size());
        ProducerTemplate producer = shop.camelContext().createProducerTemplate();
        reminders.forEach(r -> producer.sendBody("aws2-sqs:email-notification-queue", r));
        JsonNode mail = Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> stack.mailsTo(email), m -> !m.isEmpty()).get(0);
        Matcher unsubscribe = Pattern.compile("(http://\\S*/api/preferences/unsubscribe\\?\\S+)").matcher(mail.get("body").get("text").asText());
        assertTrue(unsubscribe.find(), "the mail has an unsubscribe link");

        browser.resetStorage();
        browser.driver().get(unsubscribe.group(1));
        browser.waitUntil(d -> URI.create(d.getCurrentUrl()).getPath().equals("/preferences.html"));
        assertTrue(browser.find("#unsubscribed-note").getText().contains("cart reminders"), "the page says what stopped");
        browser.screenshot("journey-mail-unsubscribed");
        assertFalse(json(shop.call("GET", "/api/preferences", null, token)).get("abandoned_cart_emails").asBoolean());

        String allMail = unsubscribe.group(1).replaceAll("&kind=[^&]*", "");
        HttpResponse<String> oneClick = shop.send(HttpRequest.newBuilder(URI.create(shop.baseUrl() + allMail.substring(allMail.indexOf("/api/"))))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString("List-Unsubscribe=One-Click")));
        assertEquals(200, oneClick.statusCode(), oneClick.body());
        assertTrue(json(shop.call("GET", "/api/preferences", null, token)).get("unsubscribed").asBoolean(), "no more marketing mail at all");
    }

    /**
     * An admin ships a paid order with tracking and refunds $1.00 of it, then the rest, from the orders tab (whose status
     * menu offers possible moves only); drafts a product and puts it back; adds, fills, renames and deletes a category;
     * creates a discount code; hides a spam review.
     */
    @Test
    void anAdminRefundsPartThenAllOfAPaidOrder() {
        String orderNumber = paidOrder();
        browser.login("admin@shop.local", "admin-password", "/admin-shop.html");
        browser.click("#tab-orders");
        WebElement row = adminRow(orderNumber);
        List<String> moves = new Select(row.findElement(By.cssSelector("select[name=order_status]"))).getOptions().stream()
                .map(WebElement::getText).toList();
        assertEquals(List.of("processing", "cancelled"), moves, "a confirmed order can go on or be cancelled, nothing else");

        // ship it with tracking: processing, shipped, carrier and number
        for (String next : List.of("processing", "shipped")) {
            WebElement form = adminRow(orderNumber).findElement(By.cssSelector(".status-form"));
            new Select(form.findElement(By.cssSelector("select"))).selectByValue(next);
            form.findElement(By.cssSelector("button")).click();
            browser.waitUntil(d -> adminRow(orderNumber).findElement(By.cssSelector("td:nth-child(5)")).getText().equals(next));
        }
        WebElement tracking = adminRow(orderNumber).findElement(By.cssSelector(".tracking-form"));
        tracking.findElement(By.name("carrier")).sendKeys("UPS");
        tracking.findElement(By.name("tracking_number")).sendKeys("1Z999AA10123456784");
        tracking.findElement(By.cssSelector("button")).click();
        browser.waitUntil(d -> "1Z999AA10123456784".equals(adminRow(orderNumber).findElement(By.name("tracking_number")).getAttribute("value")));
        browser.screenshot("journey-admin-shipped");

        refund(orderNumber, "1.00");
        browser.driver().switchTo().alert().accept();
        browser.waitForText("#status", "Order updated");
        browser.waitUntil(d -> adminRow(orderNumber).getText().contains("partially_refunded"));
        browser.screenshot("journey-admin-part-refund");

        refund(orderNumber, "");
        browser.driver().switchTo().alert().accept();
        browser.waitUntil(d -> adminRow(orderNumber).getText().contains("refunded")
                && !adminRow(orderNumber).getText().contains("partially_refunded"));
        assertTrue(adminRow(orderNumber).findElements(By.cssSelector(".refund-form")).isEmpty(), "nothing left to refund");
        browser.screenshot("journey-admin-refunded");

        // a product set to draft leaves the shop but not the admin's reach, and comes back
        String tag = UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> created = shop.call("POST", "/api/products", "{\"name\":\"Draft lamp " + tag + "\",\"price\":1500,"
                + "\"category\":\"Merchandise\",\"sku\":\"DRF-" + tag + "\",\"stock_quantity\":3}", admin());
        assertEquals(201, created.statusCode(), created.body());
        String productId = json(created).get("product_id").asText();
        browser.click("#tab-products");
        bulkOnSearch(tag, "active", "draft");
        assertEquals(404, shop.get("/api/products/" + productId).statusCode(), "a draft is not in the shop");
        bulkOnSearch(tag, "draft", "activate");
        assertEquals(200, shop.get("/api/products/" + productId).statusCode(), "restored to the shop");
        browser.screenshot("journey-admin-restored");

        manageCategories(tag, productId);

        browser.click("#tab-codes");
        String code = "SPRING" + tag.substring(0, 4).toUpperCase();
        browser.type("#dc-code", code);
        browser.select("#dc-type", "percent");
        browser.type("#dc-value", "15");
        browser.type("#dc-limit", "100");
        browser.click("#dc-save");
        browser.waitForText("#status", "Discount code " + code + " created");
        browser.waitForText("#code-rows", code);
        assertEquals(15, json(shop.call("GET", "/api/admin/discount-codes/" + code, null, admin())).get("value").asInt());
        browser.screenshot("journey-admin-codes");

        String reviewer = shop.newShopper("Rex");
        assertEquals(201, shop.call("POST", "/api/reviews", "{\"product_id\":\"" + productId + "\",\"rating\":1,\"title\":\"Spam " + tag
                + "\",\"review_text\":\"Buy followers at example.com\"}", reviewer).statusCode());
        browser.click("#tab-reviews");
        browser.type("#rv-product", productId);
        browser.click("#review-search button[type=submit]");
        browser.waitForText("#review-rows", "Spam " + tag);
        browser.click("#review-rows button.moderate");
        browser.waitForText("#status", "Review hidden");
        browser.waitForText("#review-rows", "Publish again");
        assertEquals(0, json(shop.get("/api/reviews/" + productId)).get("items").size(), "the hidden review left the product page");
        browser.screenshot("journey-admin-review-hidden");
    }

    /** The order row's Refund with an amount (empty: the rest); a redraw of the list in between: found and done again. */
    private void refund(String orderNumber, String amount) {
        browser.waitUntil(d -> {
            WebElement form = adminRow(orderNumber).findElement(By.cssSelector(".refund-form"));
            WebElement field = form.findElement(By.cssSelector("input[name=amount]"));
            field.clear();
            field.sendKeys(amount);
            form.findElement(By.cssSelector("button")).click();
            return true;
        });
    }

    /**
     * The categories tab: adds a category (desktop), moves the product into it with the tab's Move, is told why the
     * category cannot be deleted while the product is in it; on a phone renames it (the product moves along) and,
     * once the product is back in Merchandise, deletes it.
     */
    private void manageCategories(String tag, String productId) {
        String gifts = "Gifts " + tag;
        browser.click("#tab-categories");
        browser.type("#cat-name", gifts);
        browser.type("#cat-subs", "Cards, Candles");
        browser.click("#cat-create");
        browser.waitForText("#status", "Category " + gifts + " created");
        assertTrue(categoryCard(gifts).getText().contains("0 products"), categoryCard(gifts).getText());
        assertTrue(categoryCard(gifts).getText().contains("Cards, Candles"));
        assertEquals(409, shop.call("POST", "/api/admin/categories", "{\"name\":\"" + gifts.toUpperCase() + "\"}", admin()).statusCode(),
                "one category per name, whatever the case");
        assertEquals(409, shop.call("PUT", "/api/admin/categories?name=Books", "{\"name\":\"" + gifts + "\"}", admin()).statusCode(),
                "no rename onto another category");

        browser.click("#tab-products");
        browser.select("#admin-status", "active");
        browser.type("#admin-q", tag);
        browser.click("#product-search button[type=submit]");
        browser.waitUntil(d -> d.findElements(By.cssSelector("#product-rows tr[data-product-id]")).size() == 1);
        browser.waitUntil(d -> {
            d.findElement(By.cssSelector("#product-rows input.pick")).click();
            return true;
        });
        browser.waitForText("#selected-count", "1 selected");
        browser.click("#tab-categories");
        browser.select("#move-category", gifts);
        browser.click("#move-apply");
        browser.waitForText("#status", "1 product changed");
        assertEquals(gifts, json(shop.get("/api/products/" + productId)).get("category").asText());

        HttpResponse<String> inUse = shop.call("DELETE", "/api/admin/categories?name=" + gifts.replace(" ", "%20"), null, admin());
        assertEquals(409, inUse.statusCode(), inUse.body());
        browser.click("#tab-categories");
        browser.waitUntil(d -> categoryCard(gifts).getText().contains("1 product (1 in the shop)"));
        categoryCard(gifts).findElement(By.cssSelector("button.delete-category")).click();
        browser.driver().switchTo().alert().accept();
        browser.waitUntil(d -> "error".equals(d.findElement(By.id("status")).getAttribute("data-kind")));
        assertTrue(browser.find("#status").getText().contains("1 product is still in " + gifts), browser.find("#status").getText());
        browser.screenshot("journey-admin-category-in-use");

        String presents = "Presents " + tag;
        browser.width(390, 844);
        try {
            WebElement rename = categoryCard(gifts).findElement(By.cssSelector(".rename-form input[name=name]"));
            rename.clear();
            rename.sendKeys(presents);
            categoryCard(gifts).findElement(By.cssSelector(".rename-form button")).click();
            browser.waitForText("#status", "Category " + gifts + " renamed to " + presents + "; 1 product moved");
            assertEquals(presents, json(shop.get("/api/products/" + productId)).get("category").asText(), "the product moved along");
            categoryCard(presents);
            assertNoSidewaysScroll("the categories tab at phone width");
            browser.screenshot("journey-admin-categories-phone");

            assertEquals(200, shop.call("PUT", "/api/products/" + productId, "{\"category\":\"Merchandise\"}", admin()).statusCode());
            browser.click("#tab-categories");
            browser.waitUntil(d -> categoryCard(presents).getText().contains("0 products"));
            categoryCard(presents).findElement(By.cssSelector("button.delete-category")).click();
            browser.driver().switchTo().alert().accept();
            browser.waitForText("#status", "Category " + presents + " deleted");
            browser.waitUntil(d -> d.findElements(By.cssSelector("#category-list li[data-category='" + presents + "']")).isEmpty());
        } finally {
            browser.desktop();
        }
    }

    private WebElement categoryCard(String name) {
        return browser.waitUntil(d -> d.findElements(By.cssSelector("#category-list li[data-category]")).stream()
                .filter(li -> name.equals(li.getAttribute("data-category"))).findFirst().orElse(null));
    }

    /** On the products tab: search the tag among products of a status, pick the one found, apply the bulk action. */
    private void bulkOnSearch(String tag, String status, String action) {
        browser.select("#admin-status", status);
        browser.type("#admin-q", tag);
        browser.click("#product-search button[type=submit]");
        browser.waitUntil(d -> d.findElements(By.cssSelector("#product-rows tr[data-product-id]")).size() == 1
                && d.findElement(By.id("product-rows")).getText().contains(tag));
        browser.waitUntil(d -> {
            d.findElement(By.cssSelector("#product-rows input.pick")).click(); // a redraw in between: found and clicked again
            return true;
        });
        browser.waitForText("#selected-count", "1 selected");
        browser.select("#bulk-action", action);
        browser.click("#bulk-apply");
        browser.waitForText("#status", "1 product changed");
        // the same words as the previous bulk action's: done once the product has left the list of its old status
        browser.waitUntil(d -> d.findElement(By.id("product-rows")).getText().contains("No products"));
    }

    /** A shopper's order paid by card through the API (the shopper's journey in the browser is the first test's); its number. */
    private String paidOrder() {
        Checkout checkout = new Checkout(shop);
        return checkout.payByCard(checkout.orderAwaitingPayment("stripe", 1, physicalBook())).order().get("order_number").asText();
    }

    /** The admin's orders tab row of the order, once it shows. */
    private WebElement adminRow(String orderNumber) {
        return browser.findWithText("#order-rows tr[data-order-id]", orderNumber);
    }

    /** The admin's token, one login per test (each login hashes the password on the server). */
    private String admin() {
        if (adminToken == null) {
            adminToken = shop.loginAdmin();
        }
        return adminToken;
    }

    private WebElement row(String orderNumber) {
        return browser.findWithText("#orders tr[data-order-id]", orderNumber);
    }

    /** Reloads orders.html until the order's row shows the status (payment and reservation are asynchronous). */
    private WebElement awaitRowStatus(String orderNumber, String status) {
        return browser.waitUntil(d -> {
            WebElement found = d.findElements(By.cssSelector("#orders tr[data-order-id]")).stream()
                    .filter(r -> r.getText().contains(orderNumber) && r.findElement(By.cssSelector("td.order-status")).getText().contains(status))
                    .findFirst().orElse(null);
            if (found == null) {
                d.navigate().refresh();
                browser.waitLoaded();
            }
            return found;
        });
    }

    private void assertNoSidewaysScroll(String what) {
        long overflow = (Long) browser.js("return document.documentElement.scrollWidth - document.documentElement.clientWidth");
        assertTrue(overflow <= 0, what + " scrolls sideways by " + overflow + " px");
    }

    private HttpResponse<String> asGuest(String session, String path, String body) {
        return shop.send(HttpRequest.newBuilder(URI.create(shop.baseUrl() + path)).header("X-Session-Id", session)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private static final String ADDRESS = "{\"name\":\"Mo Reader\",\"line1\":\"3 Elm St\",\"city\":\"Austin\",\"state\":\"TX\",\"postal_code\":\"78701\","
            + "\"country\":\"US\"}";

    private String physicalBook() {
        return StorefrontBrowserIT.physicalBook(shop);
    }
}
