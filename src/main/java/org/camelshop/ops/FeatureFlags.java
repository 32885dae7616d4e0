package org.camelshop.ops;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.LinkedHashMap;
import java.util.Map;

import org.camelshop.platform.SessionUser;

/**
 * Percentage rollout of new frontend features (seed "deploy frontend with feature flags, enable for 10 % of users,
 * gradually increase to 100 %"). Each flag has a percentage; a visitor is in it when a stable hash of (flag, visitor)
 * falls below it, the visitor being the logged-in user's id, else the guest's {@code X-Session-Id}. So a visitor
 * keeps the same answer on every request and instance, raising the percentage only adds visitors, and each flag
 * draws its own visitors. A visitor with neither id gets only the flags at 100 %.
 */
public final class FeatureFlags {

    public record Answer(Map<String, Boolean> features) {
    }

    private final Map<String, Integer> percentages;

    /** Flag name → percentage of visitors (0..100) it is on for. */
    public FeatureFlags(Map<String, Integer> percentages) {
        percentages.forEach((name, percent) -> {
            if (percent < 0 || percent > 100) {
                throw new IllegalArgumentException("feature " + name + ": percentage must be 0..100, was " + percent);
            }
        });
        this.percentages = Map.copyOf(percentages);
    }

    /** GET /api/features: every flag, on or off for the caller (the user if logged in, else the guest session). */
    public Answer forCaller(SessionUser user, String session) {
        String visitor = user != null ? user.userId() : session;
        Map<String, Boolean> features = new LinkedHashMap<>();
        percentages.keySet().stream().sorted().forEach(name -> features.put(name, isOn(name, visitor)));
        return new Answer(features);
    }

    public boolean isOn(String feature, String visitor) {
        int percent = percentages.getOrDefault(feature, 0);
        if (percent >= 100) {
            return true;
        }
        return visitor != null && !visitor.isBlank() && bucket(feature, visitor) < percent;
    }

    /** 0..99, the same for a (feature, visitor) pair everywhere. */
    static int bucket(String feature, String visitor) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest((feature + ":" + visitor).getBytes(StandardCharsets.UTF_8));
            long value = ((hash[0] & 0xffL) << 24) | ((hash[1] & 0xffL) << 16) | ((hash[2] & 0xffL) << 8) | (hash[3] & 0xffL);
            return (int) (value % 100);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
