package org.camelshop.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.atLeastOnce;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.apache.camel.ProducerTemplate;
import org.camelshop.platform.Json;
import org.camelshop.platform.ShopMetrics;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

/** Only a crossing of zero is an event, of the product's total or of one variant's own stock. */
class StockEventsTest {

    private final ProducerTemplate producer = mock(ProducerTemplate.class);
    private final StockEvents events = new StockEvents(producer, Clock.fixed(Instant.parse("2026-11-30T08:00:00Z"), ZoneOffset.UTC),
            new ShopMetrics(null));

    private List<StockEvent> published() {
        ArgumentCaptor<Object> bodies = ArgumentCaptor.forClass(Object.class);
        verify(producer, atLeastOnce()).sendBody(eq(StockEvents.ENDPOINT), bodies.capture());
        return bodies.getAllValues().stream().map(b -> Json.read((String) b, StockEvent.class)).toList();
    }

    @Test
    void aVariantSellingOutOrComingBackIsAnEventOfThatVariant() {
        events.variantChanged("tee", "m-navy", 5, 4);
        events.variantChanged("tee", "s-navy", 1, 0);
        events.changed("tee", 6, 5);
        events.variantChanged("tee", "s-navy", 0, 3);
        List<StockEvent> sent = published();
        assertEquals(2, sent.size(), "M going 5 → 4 and the total staying above zero are no events");
        assertEquals(new StockEvent(StockEvent.OUT_OF_STOCK, "tee", 0, "2026-11-30T08:00:00Z", "s-navy"), sent.get(0));
        assertEquals(new StockEvent(StockEvent.BACK_IN_STOCK, "tee", 3, "2026-11-30T08:00:00Z", "s-navy"), sent.get(1));
    }

    @Test
    void aProductWithoutOptionsIsAnEventOfTheProductAsToday() {
        events.changed("lamp", 0, 2);
        List<StockEvent> sent = published();
        assertEquals(1, sent.size());
        assertEquals(StockEvent.BACK_IN_STOCK, sent.get(0).type());
        assertNull(sent.get(0).variantId());
    }

    @Test
    void aVariantCreatedWithoutStockIsOutOfStockFromTheStart() {
        events.variantCreated("tee", "l-navy", 4);
        events.variantCreated("tee", "xl-navy", 0);
        List<StockEvent> sent = published();
        assertEquals(List.of(new StockEvent(StockEvent.OUT_OF_STOCK, "tee", 0, "2026-11-30T08:00:00Z", "xl-navy")), sent,
                "only the one without stock, so its first stock is a restock");
    }
}
