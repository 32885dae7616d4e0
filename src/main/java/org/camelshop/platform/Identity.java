package org.camelshop.platform;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.lettuce.core.RedisException;
import org.apache.camel.Exchange;

/**
 * Who is calling. {@link #resolve} runs before every API route (routes/platform.yaml) and remembers the user of
 * a valid {@code Authorization: Bearer} token as {@code shopUser}, the token itself as {@code shopToken}; routes that
 * need a user call {@link #requireUser}; admin operations say so in their REST DSL security, checked by {@link #requireDeclaredRole}.
 */
public final class Identity {

    public static final String USER_PROPERTY = "shopUser";
    private static final String TOKEN_PROPERTY = "shopToken";
    private static final String SESSIONS_DOWN_PROPERTY = "shopSessionsDown";
    private final Sessions sessions;
    private final DeclaredSecurity declaredSecurity = new DeclaredSecurity();

    public Identity(Sessions sessions) {
        this.sessions = sessions;
    }

    public void resolve(Exchange exchange) {
        String authorization = exchange.getMessage().getHeader("Authorization", String.class);
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return;
        }
        String token = authorization.substring(7).trim();
        exchange.setProperty(TOKEN_PROPERTY, token);
        try {
            sessions.find(token).ifPresent(user -> exchange.setProperty(USER_PROPERTY, user));
        } catch (RedisException e) {
            // public reads go on without a user; routes that need one answer 503 (see requireUser)
            exchange.setProperty(SESSIONS_DOWN_PROPERTY, true);
        }
    }

    public static Optional<SessionUser> current(Exchange exchange) {
        return Optional.ofNullable(exchange.getProperty(USER_PROPERTY, SessionUser.class));
    }

    /**
     * The caller's user, for routes that serve guests too (the cart): a 503 when the caller sent a token that cannot be
     * checked because sessions are unavailable, rather than treating a logged-in user as a guest.
     */
    public static Optional<SessionUser> currentOrUnavailable(Exchange exchange) {
        if (exchange.getProperty(SESSIONS_DOWN_PROPERTY, false, Boolean.class)) {
            throw sessionsUnavailable();
        }
        return current(exchange);
    }

    public static Optional<String> token(Exchange exchange) {
        return Optional.ofNullable(exchange.getProperty(TOKEN_PROPERTY, String.class));
    }

    /**
     * For operations that serve guests too (the cart): a 503 when the caller sent a token that cannot be checked because
     * sessions are unavailable, rather than treating a logged-in user as a guest. Then the user, if any, is
     * {@code ${exchangeProperty.shopUser}}.
     */
    public void checkToken(Exchange exchange) {
        currentOrUnavailable(exchange);
    }

    /** A 401 unless the caller is logged in; the user is then {@code ${exchangeProperty.shopUser}}. */
    public void requireUser(Exchange exchange) {
        user(exchange);
    }

    /**
     * The guard every API request passes (routes/platform.yaml): an operation whose REST DSL declares the {@code admin}
     * scope (on the operation, or for its whole rest group) is for administrators only. So the published contract and
     * the check cannot disagree, and no route repeats it.
     */
    public void requireDeclaredRole(Exchange exchange) {
        if (declaredSecurity.of(exchange).stream().anyMatch(DeclaredSecurity::isAdmin)) {
            requireAdmin(exchange);
        }
    }

    /** A 401 unless logged in, a 403 unless an admin. */
    public void requireAdmin(Exchange exchange) {
        if (!user(exchange).isAdmin()) {
            throw ApiException.forbidden("Only an administrator can do this");
        }
    }

    public static ApiException sessionsUnavailable() {
        return new ApiException(503, "sessions_unavailable", "Sign-in is temporarily unavailable", List.of(), Map.of("Retry-After", "5"));
    }

    private SessionUser user(Exchange exchange) {
        if (exchange.getProperty(SESSIONS_DOWN_PROPERTY, false, Boolean.class)) {
            throw sessionsUnavailable();
        }
        return current(exchange).orElseThrow(() -> ApiException.unauthorized(token(exchange).isPresent()
                ? "Your session has expired or is not valid; please log in again"
                : "Log in to do this"));
    }
}
