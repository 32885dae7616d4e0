package org.camelshop.platform;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.component.platform.http.PlatformHttpEndpoint;
import org.apache.camel.component.rest.RestEndpoint;
import org.apache.camel.model.Model;
import org.apache.camel.model.rest.RestDefinition;
import org.apache.camel.model.rest.SecurityDefinition;
import org.apache.camel.model.rest.VerbDefinition;

/**
 * The security a REST operation declares in the REST DSL ({@code security} on the verb, else its rest group's
 * {@code securityRequirements}), found from the endpoint the request came in on: its HTTP method and path template.
 * The same declarations make the OpenAPI document's security.
 */
final class DeclaredSecurity {

    static final String ADMIN_SCOPE = "admin";
    private static final Pattern SLASHES = Pattern.compile("/+");

    /** What each endpoint declares, with the rest definitions it was found in: a reloaded route file is looked up again. */
    private record Declared(List<RestDefinition> rests, List<SecurityDefinition> security) {
    }

    // every API request asks, and the search walks every verb of every rest group (a regex per verb): once per endpoint
    private final Map<Endpoint, Declared> declared = new ConcurrentHashMap<>();

    List<SecurityDefinition> of(Exchange exchange) {
        List<RestDefinition> rests = exchange.getContext().getCamelContextExtension().getContextPlugin(Model.class).getRestDefinitions();
        Endpoint endpoint = exchange.getFromEndpoint();
        if (endpoint == null) {
            return List.of();
        }
        Declared known = declared.get(endpoint);
        if (known == null || !known.rests().equals(rests)) {
            known = new Declared(List.copyOf(rests), find(exchange, rests));
            declared.put(endpoint, known);
        }
        return known.security();
    }

    private static List<SecurityDefinition> find(Exchange exchange, List<RestDefinition> rests) {
        String method;
        String path;
        // the REST verb's route starts from platform-http (inlined) or rest: (not inlined); both know the path template
        if (exchange.getFromEndpoint() instanceof PlatformHttpEndpoint http) {
            method = http.getHttpMethodRestrict();
            path = http.getPath();
        } else if (exchange.getFromEndpoint() instanceof RestEndpoint rest) {
            method = rest.getMethod();
            path = join(rest.getPath(), rest.getUriTemplate());
        } else {
            return List.of();
        }
        if (method == null) {
            return List.of();
        }
        List<String> methods = List.of(method.toLowerCase(Locale.ROOT).split(","));
        String template = join(path, null);
        for (RestDefinition rest : rests) {
            for (VerbDefinition verb : rest.getVerbs()) {
                if (methods.contains(verb.asVerb()) && join(rest.getPath(), verb.getPath()).equals(template)) {
                    return verb.getSecurity() != null && !verb.getSecurity().isEmpty() ? verb.getSecurity()
                            : rest.getSecurityRequirements() == null ? List.of() : rest.getSecurityRequirements();
                }
            }
        }
        return List.of();
    }

    static boolean isAdmin(SecurityDefinition requirement) {
        return requirement.getScopes() != null && List.of(requirement.getScopes().split("\\s*,\\s*")).contains(ADMIN_SCOPE);
    }

    private static String join(String base, String path) {
        String joined = (base == null ? "" : base) + "/" + (path == null ? "" : path);
        joined = SLASHES.matcher(joined).replaceAll("/");
        return joined.length() > 1 && joined.endsWith("/") ? joined.substring(0, joined.length() - 1) : joined;
    }
}
