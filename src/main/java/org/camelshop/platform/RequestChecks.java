package org.camelshop.platform;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.platform.http.PlatformHttpEndpoint;
import org.apache.camel.component.rest.RestEndpoint;

/**
 * Checks every API request makes before its route runs (routes/platform.yaml): path parameters must look like ids, and a
 * JSON body must be valid UTF-8. Without the first, {@code /api/orders/null} reaches a bean as a Java null (Camel's bean
 * binding reads the text {@code null} as the literal); without the second, invalid bytes would be stored as U+FFFD.
 */
public final class RequestChecks {

    private static final Pattern PARAMETER = Pattern.compile("\\{([^}]+)}");
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}");
    /** Literals Camel's bean binding would turn into something other than the text. */
    private static final Set<String> LITERALS = Set.of("null", "true", "false");

    // each endpoint's path parameter names, read from its template once rather than on every request
    private final Map<Endpoint, List<String>> parameterNames = new ConcurrentHashMap<>();

    public void check(Exchange exchange) {
        Message message = exchange.getMessage();
        Endpoint endpoint = exchange.getFromEndpoint();
        if (endpoint != null) {
            checkPathParameters(message, parameterNames.computeIfAbsent(endpoint, RequestChecks::parameterNames));
        }
        checkUtf8(message);
    }

    private static List<String> parameterNames(Endpoint endpoint) {
        // the REST verb's route starts from platform-http (inlined) or rest: (not inlined); both know the path template
        String template;
        if (endpoint instanceof PlatformHttpEndpoint http) {
            template = http.getPath();
        } else if (endpoint instanceof RestEndpoint rest) {
            template = rest.getPath() + "/" + (rest.getUriTemplate() == null ? "" : rest.getUriTemplate());
        } else {
            return List.of();
        }
        List<String> names = new ArrayList<>();
        Matcher parameters = PARAMETER.matcher(template);
        while (parameters.find()) {
            names.add(parameters.group(1));
        }
        return List.copyOf(names);
    }

    private static void checkPathParameters(Message message, List<String> names) {
        for (String name : names) {
            String value = message.getHeader(name, String.class);
            if (value == null) {
                continue;
            }
            if (!ID.matcher(value).matches()) {
                throw ApiException.invalidField(name, "must be an id: letters, digits, '.', '_', ':' or '-', at most 128");
            }
            if (LITERALS.contains(value.toLowerCase(Locale.ROOT))) {
                throw ApiException.notFound("'" + value + "'");
            }
        }
    }

    private static void checkUtf8(Message message) {
        String contentType = message.getHeader(Exchange.CONTENT_TYPE, "", String.class).toLowerCase(Locale.ROOT);
        if (!contentType.startsWith(Json.CONTENT_TYPE) || message.getBody() == null) {
            return;
        }
        byte[] bytes = message.getBody(byte[].class);
        if (bytes == null) {
            return;
        }
        try {
            String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
            message.setBody(text);
        } catch (CharacterCodingException e) {
            throw new ApiException(400, "invalid_input", "The request body is not valid UTF-8", List.of(
                    new ApiException.FieldProblem("body", "must be UTF-8 encoded JSON")));
        }
    }
}
