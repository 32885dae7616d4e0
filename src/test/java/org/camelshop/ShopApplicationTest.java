package org.camelshop;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.camel.main.Main;
import org.camelshop.local.StackPorts;
import org.camelshop.platform.ShopProfile;
import org.junit.jupiter.api.Test;

class ShopApplicationTest {

    @Test
    void awsProfileRefusesToStartWithoutAnAdministrator() {
        Main main = ShopApplication.newMain(ShopProfile.AWS);
        main.addOverrideProperty("camel.server.port", Integer.toString(StackPorts.freePort()));
        try {
            Exception failure = assertThrows(Exception.class, main::start);
            Throwable cause = failure;
            while (cause.getCause() != null && !(cause instanceof IllegalStateException)) {
                cause = cause.getCause();
            }
            assertTrue(cause.getMessage().contains("SHOP_ADMIN_EMAIL"), cause.getMessage());
        } finally {
            main.stop();
        }
    }

    @Test
    void profileFileComesFirstSoItsValuesWin() {
        assertTrue(ShopProfile.LOCAL.propertyLocations().startsWith("classpath:application-local.properties,"));
    }
}
