package org.camelshop.download;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.camelshop.order.InvoicesTest;
import org.camelshop.order.Order;
import org.camelshop.platform.ApiException;
import org.camelshop.pricing.Quote.PricedLine;
import org.junit.jupiter.api.Test;

class DownloadsTest {

    private static final Instant NOW = Instant.parse("2026-11-25T04:00:00Z");
    private final Downloads downloads = new Downloads(new DownloadSettings("a-test-secret-of-enough-length", Duration.ofMinutes(15), Duration.ofMinutes(5)), Clock.fixed(NOW, ZoneOffset.UTC),
            null, null, null, null);

    @Test
    void aPaidOrderGetsOneSignedLinkPerDigitalProduct() {
        Order order = InvoicesTest.order(List.of(new PricedLine("ebook-1", "E-book", 999, 1, 999, true)));
        Order paid = withDownloads(order, List.of("ebook-1"));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> links = (List<Map<String, Object>>) downloads.links(paid, Map.of("ebook-1", 2L)).get("downloads");
        assertEquals(1, links.size());
        String url = (String) links.get(0).get("url");
        long expires = NOW.plus(Duration.ofMinutes(15)).getEpochSecond();
        assertTrue(url.startsWith("/api/downloads/o-1/ebook-1?expires=" + expires + "&signature="), url);
        assertEquals("E-book", links.get(0).get("name"));
        assertEquals(2L, links.get(0).get("download_count"));
    }

    @Test
    void forgedAndExpiredLinksAreRefused() {
        long valid = NOW.plusSeconds(60).getEpochSecond();
        String signature = downloads.sign("o-1", "ebook-1", valid);
        ApiException forged = assertThrows(ApiException.class, () -> downloads.redirect("o-1", "ebook-2", Long.toString(valid), signature));
        assertEquals("invalid_link", forged.code());
        ApiException stretched = assertThrows(ApiException.class, () -> downloads.redirect("o-1", "ebook-1", Long.toString(valid + 3600), signature));
        assertEquals(403, stretched.status());
        long past = NOW.minusSeconds(1).getEpochSecond();
        ApiException expired = assertThrows(ApiException.class, () -> downloads.redirect("o-1", "ebook-1", Long.toString(past),
                downloads.sign("o-1", "ebook-1", past)));
        assertEquals("link_expired", expired.code());
    }

    @Test
    void anUnpaidOrderHasNoLinks() {
        Order order = InvoicesTest.order(List.of(new PricedLine("ebook-1", "E-book", 999, 1, 999, true)));
        Order unpaid = new Order(order.orderId(), order.userId(), order.orderNumber(), order.userEmail(), order.items(), order.subtotal(),
                order.discount(), order.tax(), order.shipping(), order.total(), order.currency(), null, "stripe", null, "pending",
                order.shippingAddress(), order.billingAddress(), "awaiting_payment", null, null, null, null, order.orderDate(), null, null,
                null, List.of("ebook-1"), null, null, null, 1);
        assertEquals(List.of(), downloads.links(unpaid, Map.of()).get("downloads"));
    }

    private static Order withDownloads(Order o, List<String> ids) {
        return new Order(o.orderId(), o.userId(), o.orderNumber(), o.userEmail(), o.items(), o.subtotal(), o.discount(), o.tax(),
                o.shipping(), o.total(), o.currency(), o.discountCode(), o.paymentMethod(), o.paymentId(), "paid", o.shippingAddress(),
                o.billingAddress(), o.orderStatus(), null, null, null, null, o.orderDate(), null, null, null, ids, null, null, null, 1);
    }
}
