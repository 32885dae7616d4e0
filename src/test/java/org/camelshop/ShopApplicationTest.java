package org.camelshop;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.camel.main.Main;
import org.camelshop.local.StackPorts;
import org.camelshop.platform.ShopProfile;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ShopApplicationTest {

    @Test
    void awsProfileRefusesToStartWithoutAnAdministrator() {
        assertTrue(startFailure(Map.of("shop.marketing.link-secret", "a-secret-for-this-test")).contains("SHOP_ADMIN_EMAIL"));
    }

    @Test
    void awsProfileRefusesToStartWithoutTheSecretThatSignsUnsubscribeLinks() {
        assertTrue(startFailure(Map.of()).contains("shop.marketing.link-secret"));
    }

    private static String startFailure(Map<String, String> overrides) {
        Main main = ShopApplication.newMain(ShopProfile.AWS);
        main.addOverrideProperty("camel.server.port", Integer.toString(StackPorts.freePort()));
        overrides.forEach(main::addOverrideProperty);
        try {
            Exception failure = assertThrows(Exception.class, main::start);
            Throwable cause = failure;
            while (cause.getCause() != null && !(cause instanceof IllegalStateException)) {
                cause = cause.getCause();
            }
            return String.valueOf(cause.getMessage());
        } finally {
            main.stop();
        }
    }

    @Test
    void profileFileComesFirstSoItsValuesWin() {
        assertTrue(ShopProfile.LOCAL.propertyLocations().startsWith("classpath:application-local.properties,"));
    }
}
