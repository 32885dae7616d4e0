package org.camelshop.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.camelshop.local.LocalStackExtension;
import org.camelshop.local.RunningShop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The load test's short mode on the shared shop: a few shoppers for a few seconds through the real Gatling
 * simulation. Checks correctness only (every request answered as expected, orders placed and reserved), no timings.
 */
@ExtendWith(LocalStackExtension.class)
class LoadSmokeIT {

    @Test
    void aShortRunHasNoErrorsAndCompletesOrders(RunningShop shop) throws Exception {
        LoadTest.Result result = LoadTest.run(shop.baseUrl(), 8, 6, Path.of("target/gatling-smoke"));
        assertEquals(0, result.failures(), LoadTest.markdown(result, 8, 6));
        assertEquals(0, result.exitCode(), "Gatling's assertion: no failed request");
        assertTrue(result.endpoint("get product").ok() > 0);
        LoadTest.Endpoint reserved = result.endpoint("order reserved");
        assertTrue(reserved.ok() > 0, "orders placed and reserved by the order processor");
        assertEquals(result.endpoint("place order").ok(), reserved.ok(), "every order placed was reserved");
    }
}
