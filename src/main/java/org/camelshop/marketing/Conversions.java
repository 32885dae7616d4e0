package org.camelshop.marketing;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Set;
import java.util.stream.Collectors;

import org.camelshop.order.Order;
import org.camelshop.order.OrderHistory;
import org.camelshop.order.OrderStatus;
import org.camelshop.pricing.Quote.PricedLine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Conversion attribution: an order placed within N days after a marketing mail counts for that mail when it used the
 * mail's discount code or contains a product the mail showed. The most recent such mail gets the order (one order,
 * one conversion); its revenue is the order total. A cancelled order is taken back. The order attributed may be the
 * one a purchase event carried from checkout, so once a mail got it the order is read again: a cancellation that came
 * in between (and found no conversion to withdraw) takes it back here.
 */
public final class Conversions {

    private static final Logger LOG = LoggerFactory.getLogger(Conversions.class);
    private final MarketingRecords records;
    private final OrderHistory orders;
    private final Duration window;

    public Conversions(MarketingRecords records, OrderHistory orders, Duration window) {
        this.records = records;
        this.orders = orders;
        this.window = window;
    }

    public void attribute(Order order) {
        if (order.userEmail() == null || OrderStatus.CANCELLED.equals(order.orderStatus())) {
            return;
        }
        Instant placed = Instant.parse(order.orderDate());
        Set<String> bought = order.items().stream().map(PricedLine::productId).collect(Collectors.toSet());
        records.forEmail(order.userEmail()).stream()
                .filter(r -> r.wasSent() && !r.converted())
                .filter(r -> {
                    Instant sent = Instant.parse(r.sentAt());
                    return !sent.isAfter(placed) && sent.plus(window).isAfter(placed);
                })
                .filter(r -> r.discountCode() != null && r.discountCode().equalsIgnoreCase(String.valueOf(order.discountCode()))
                        || Arrays.stream(r.triggerData().getOrDefault("product_ids", "").split(",")).anyMatch(bought::contains))
                .max(Comparator.comparing(MarketingRecord::sentAt))
                .filter(r -> records.markConverted(r.queueId(), order.orderId(), order.total()))
                .ifPresent(r -> {
                    LOG.info("Order {} attributed to {} mail {}", order.orderNumber(), r.triggerType(), r.queueId());
                    if (orders.find(order.orderId()).map(now -> OrderStatus.CANCELLED.equals(now.orderStatus())).orElse(true)) {
                        withdraw(order);
                    }
                });
    }

    /** A cancelled order no longer counts: the mail it was attributed to is unconverted, its revenue removed. */
    public void withdraw(Order order) {
        if (order.userEmail() == null) {
            return;
        }
        records.forEmail(order.userEmail()).stream()
                .filter(r -> r.converted() && order.orderId().equals(r.convertedOrderId()))
                .filter(r -> records.unconvert(r.queueId(), order.orderId()))
                .forEach(r -> LOG.info("Order {} cancelled: no longer a conversion of mail {}", order.orderNumber(), r.queueId()));
    }
}
