package org.camelshop;

import org.apache.camel.main.Main;
import org.camelshop.platform.ShopProfile;

/** Entry point: Camel Main with the YAML routes, configured for the profile in {@code SHOP_PROFILE}. */
public final class ShopApplication {

    private ShopApplication() {
    }

    public static void main(String[] args) throws Exception {
        newMain(ShopProfile.current()).run(args);
    }

    /** A Camel Main for the given profile; the local launcher and the tests build the app the same way. */
    public static Main newMain(ShopProfile profile) {
        profile.selectLogFormat();
        // no package scanning: beans come from ShopConfiguration only, created once
        Main main = new Main();
        main.setPropertyPlaceholderLocations(profile.propertyLocations());
        main.configure().withConfigurations(ShopConfiguration.class);
        ShopProfile.externalRoutesDirectory().ifPresent(dir ->
                main.addOverrideProperty("camel.main.routesIncludePattern", "file:" + dir + "/*.yaml"));
        return main;
    }
}
