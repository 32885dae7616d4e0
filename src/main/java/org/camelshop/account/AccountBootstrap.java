package org.camelshop.account;

import org.camelshop.platform.SessionUser;
import org.camelshop.platform.ShopSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the configured admin (always required on AWS) and, locally, the demo shopper, unless their e-mail
 * addresses already have accounts. Passwords of existing accounts are never reset.
 */
public final class AccountBootstrap {

    private static final Logger LOG = LoggerFactory.getLogger(AccountBootstrap.class);
    private final Accounts accounts;

    public AccountBootstrap(Accounts accounts) {
        this.accounts = accounts;
    }

    public void ensureConfiguredAccounts(ShopSettings settings) {
        String adminEmail = settings.find("shop.admin.email").orElseThrow(() ->
                new IllegalStateException("SHOP_ADMIN_EMAIL and SHOP_ADMIN_PASSWORD must be set: the shop needs an administrator"));
        String adminPassword = settings.find("shop.admin.password").orElseThrow(() ->
                new IllegalStateException("SHOP_ADMIN_PASSWORD must be set: the shop needs an administrator"));
        ensure(adminEmail, adminPassword, "Shop Admin", SessionUser.ADMIN);
        var demoEmail = settings.find("shop.demo.email");
        var demoPassword = settings.find("shop.demo.password");
        if (demoEmail.isPresent() && demoPassword.isPresent()) {
            ensure(demoEmail.get(), demoPassword.get(), "Demo Shopper", SessionUser.CUSTOMER);
        }
    }

    private void ensure(String email, String password, String name, String role) {
        if (accounts.create(email, password, name, role).isPresent()) {
            LOG.info("Created {} account {}", role, email);
        }
    }
}
