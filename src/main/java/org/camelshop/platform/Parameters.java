package org.camelshop.platform;

/** Query parameters that stand alone (a shelf's limit, a review page): parsed, or a 400 naming the parameter. */
public final class Parameters {

    private Parameters() {
    }

    /** {@code value} as a whole number from {@code min} to {@code max}; absent or blank means {@code fallback}. */
    public static int wholeNumber(Object value, String name, int fallback, int min, int max) {
        if (value == null || value.toString().isBlank()) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value.toString().trim());
            if (parsed >= min && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw ApiException.invalidField(name, "must be a whole number from " + min + " to " + max);
    }
}
