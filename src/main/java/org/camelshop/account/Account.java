package org.camelshop.account;

import org.camelshop.platform.SessionUser;

/** A row of the Users table. The password hash never leaves the server. */
public record Account(String userId, String email, String name, String role, String passwordHash, String createdAt) {

    public SessionUser sessionUser() {
        return new SessionUser(userId, email, name, role);
    }

    public UserView view() {
        return new UserView(userId, email, name, role, createdAt);
    }
}
