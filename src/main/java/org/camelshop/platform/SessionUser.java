package org.camelshop.platform;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** Who a session belongs to, as kept in Redis for the session's lifetime. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record SessionUser(String userId, String email, String name, String role) {

    public static final String ADMIN = "admin";
    public static final String CUSTOMER = "customer";

    public boolean isAdmin() {
        return ADMIN.equals(role);
    }
}
