package org.camelshop.mail;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * E-mail templates from {@code templates/<name>.html} and {@code .txt} on the class path, with {@code {{key}}}
 * placeholders. Values are HTML-escaped in the HTML part (keys ending in {@code _html} are trusted markup the
 * renderer built itself); a placeholder without a value is an error, not a blank.
 */
public final class MailTemplates {

    /** The two parts of one rendered mail. */
    public record Rendered(String html, String text) {
    }

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([a-z_]+)}}");
    private final Map<String, String> sources = new ConcurrentHashMap<>();

    public Rendered render(String template, Map<String, String> values) {
        return new Rendered(fill(source(template + ".html"), values, true), fill(source(template + ".txt"), values, false));
    }

    private static String fill(String source, Map<String, String> values, boolean html) {
        Matcher matcher = PLACEHOLDER.matcher(source);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String key = matcher.group(1);
            String value = values.get(key);
            if (value == null) {
                throw new IllegalArgumentException("template value missing: " + key);
            }
            String safe = html && !key.endsWith("_html") ? escape(value) : value;
            matcher.appendReplacement(out, Matcher.quoteReplacement(safe));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    public static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&#39;");
    }

    private String source(String name) {
        return sources.computeIfAbsent(name, file -> {
            try (InputStream in = MailTemplates.class.getResourceAsStream("/templates/" + file)) {
                if (in == null) {
                    throw new IllegalArgumentException("no e-mail template " + file);
                }
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
