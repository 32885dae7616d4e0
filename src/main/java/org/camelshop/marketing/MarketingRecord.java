package org.camelshop.marketing;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * A row of MarketingQueue (seed): one marketing mail for one episode of one trigger. {@code queue_id} is
 * {@code <trigger>:<user>:<subject>:<episode>}, so claiming it is what makes a trigger fire at most once.
 * {@code sent} is the string "true" or absent (a sparse index; DynamoDB cannot index a BOOL). {@code trigger_data}
 * holds what the mail shows (product ids, prices). Money in cents.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MarketingRecord(
        String queueId,
        String userId,
        String userEmail,
        String triggerType,
        Map<String, String> triggerData,
        String discountCode,
        String scheduledSendTime,
        String sent,
        String sentAt,
        boolean opened,
        boolean clicked,
        boolean converted,
        String convertedOrderId,
        long revenue,
        String emailQueueId,
        String suppressed,
        long expiresAt) {

    /** Not a getter (no "is"): Jackson would take it for the {@code sent} property. */
    public boolean wasSent() {
        return "true".equals(sent);
    }
}
