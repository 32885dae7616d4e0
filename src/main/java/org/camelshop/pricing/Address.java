package org.camelshop.pricing;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import org.camelshop.platform.ApiException.FieldProblem;

/** A postal address as orders and quotes take it; {@code country} is an ISO 3166 alpha-2 code. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Address(String name, String line1, String line2, String city, String state, String postalCode, String country) {

    private static final Pattern COUNTRY = Pattern.compile("[A-Za-z]{2}");
    private static final Pattern POSTAL = Pattern.compile("[A-Za-z0-9 -]{2,12}");

    /** The problems with this address, each named {@code <prefix>.<field>}; empty when it is usable. */
    public List<FieldProblem> problems(String prefix) {
        List<FieldProblem> problems = new ArrayList<>();
        text(problems, prefix + ".name", name, 1, 100);
        text(problems, prefix + ".line1", line1, 1, 200);
        if (line2 != null && line2.length() > 200) {
            problems.add(new FieldProblem(prefix + ".line2", "must be at most 200 characters"));
        }
        text(problems, prefix + ".city", city, 1, 100);
        if (state != null && state.length() > 50) {
            problems.add(new FieldProblem(prefix + ".state", "must be at most 50 characters"));
        }
        if (postalCode == null || !POSTAL.matcher(postalCode).matches()) {
            problems.add(new FieldProblem(prefix + ".postal_code", "must be 2 to 12 letters, digits, spaces or '-'"));
        }
        if (country == null || !COUNTRY.matcher(country).matches()) {
            problems.add(new FieldProblem(prefix + ".country", "must be a two-letter country code"));
        }
        return problems;
    }

    /** Country and state as the tax table keys them: {@code US-CA}. */
    public String region() {
        String c = country == null ? "" : country.toUpperCase(Locale.ROOT);
        return state == null || state.isBlank() ? c : c + "-" + state.trim().toUpperCase(Locale.ROOT);
    }

    public String countryCode() {
        return country == null ? "" : country.toUpperCase(Locale.ROOT);
    }

    private static void text(List<FieldProblem> problems, String field, String value, int min, int max) {
        if (value == null || value.isBlank() || value.length() < min || value.length() > max) {
            problems.add(new FieldProblem(field, "must be " + min + " to " + max + " characters"));
        }
    }
}
