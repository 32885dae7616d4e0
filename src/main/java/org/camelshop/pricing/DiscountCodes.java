package org.camelshop.pricing;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import org.camelshop.platform.ApiException;
import org.camelshop.platform.ApiException.FieldProblem;

/** Admin management of discount codes, and the check a quote or order makes before applying one. */
public final class DiscountCodes {

    /** What an admin sends; on update, absent fields keep their value. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Input(String code, String type, Long value, String expiresAt, Integer usageLimit, Boolean singleUsePerUser, Boolean active) {
    }

    private static final Pattern CODE = Pattern.compile("[A-Z0-9_-]{3,32}");
    private final DiscountCodeRepository codes;
    private final Clock clock;

    public DiscountCodes(DiscountCodeRepository codes, Clock clock) {
        this.codes = codes;
        this.clock = clock;
    }

    public DiscountCode create(Input input) {
        String code = normalise(input.code());
        DiscountCode created = validated(new DiscountCode(code, input.type(), input.value() == null ? -1 : input.value(), input.expiresAt(),
                input.usageLimit(), 0, input.singleUsePerUser() == null || input.singleUsePerUser(),
                input.active() == null || input.active(), clock.instant().toString()));
        if (!codes.save(created, false)) {
            throw ApiException.conflict("code_taken", "Discount code " + code + " already exists");
        }
        return created;
    }

    public DiscountCode update(Input input, String code) {
        DiscountCode current = existing(code);
        DiscountCode changed = validated(new DiscountCode(current.code(), input.type() != null ? input.type() : current.type(),
                input.value() != null ? input.value() : current.value(), input.expiresAt() != null ? input.expiresAt() : current.expiresAt(),
                input.usageLimit() != null ? input.usageLimit() : current.usageLimit(), current.usedCount(),
                input.singleUsePerUser() != null ? input.singleUsePerUser() : current.singleUsePerUser(),
                input.active() != null ? input.active() : current.active(), current.createdAt()));
        codes.save(changed, true);
        return existing(code);
    }

    /** Codes are deactivated rather than deleted: orders keep naming the code they used. */
    public DiscountCode deactivate(String code) {
        DiscountCode current = existing(code);
        codes.save(new DiscountCode(current.code(), current.type(), current.value(), current.expiresAt(), current.usageLimit(),
                current.usedCount(), current.singleUsePerUser(), false, current.createdAt()), true);
        return existing(code);
    }

    public List<DiscountCode> list() {
        return codes.all();
    }

    public DiscountCode get(String code) {
        return existing(code);
    }

    /** The code, if {@code customer} may use it now; otherwise a 400 naming {@code discount_code} and why. */
    public DiscountCode usable(String code, String customer) {
        DiscountCode found = codes.find(normalise(code)).orElseThrow(() -> ApiException.invalidField("discount_code", "is not a valid code"));
        String reason = found.unusableReason(clock.instant());
        if (reason == null && found.singleUsePerUser() && codes.usedBy(found.code(), customer)) {
            reason = "has already been used by you";
        }
        if (reason != null) {
            throw ApiException.invalidField("discount_code", reason);
        }
        return found;
    }

    private DiscountCode existing(String code) {
        return codes.find(normalise(code)).orElseThrow(() -> ApiException.notFound("Discount code " + code));
    }

    private static String normalise(String code) {
        String value = code == null ? "" : code.trim().toUpperCase(Locale.ROOT);
        if (!CODE.matcher(value).matches()) {
            throw ApiException.invalidField("code", "must be 3 to 32 letters, digits, '-' or '_'");
        }
        return value;
    }

    private static DiscountCode validated(DiscountCode code) {
        List<FieldProblem> problems = new ArrayList<>();
        if (!DiscountCode.PERCENT.equals(code.type()) && !DiscountCode.FIXED.equals(code.type())) {
            problems.add(new FieldProblem("type", "must be percent or fixed"));
        } else if (DiscountCode.PERCENT.equals(code.type()) && (code.value() < 1 || code.value() > 100)) {
            problems.add(new FieldProblem("value", "must be a percentage from 1 to 100"));
        } else if (DiscountCode.FIXED.equals(code.type()) && (code.value() < 1 || code.value() > 10_000_000)) {
            problems.add(new FieldProblem("value", "must be cents from 1 to 10000000"));
        }
        if (code.expiresAt() != null) {
            try {
                Instant.parse(code.expiresAt());
            } catch (DateTimeParseException e) {
                problems.add(new FieldProblem("expires_at", "must be an ISO-8601 instant like 2026-12-31T23:59:59Z"));
            }
        }
        if (code.usageLimit() != null && code.usageLimit() < 1) {
            problems.add(new FieldProblem("usage_limit", "must be at least 1"));
        }
        if (!problems.isEmpty()) {
            throw ApiException.invalidInput(problems);
        }
        return code;
    }
}
