package org.camelshop.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.InetSocketAddress;
import java.util.Map;

import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

class ClientAddressesTest {

    private final ClientAddresses behindProxies = ClientAddresses.trusting("10.0.0.0/8, 127.0.0.1/32, fd00::/8");

    private static Exchange request(String peer, Map<String, String> headers) {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.getMessage().setHeader("CamelVertxPlatformHttpRemoteAddress", new InetSocketAddress(peer, 40000));
        headers.forEach(exchange.getMessage()::setHeader);
        return exchange;
    }

    @Test
    void withoutTrustedProxiesTheSocketAddressIsTheClientWhateverTheHeadersSay() {
        ClientAddresses direct = ClientAddresses.trusting("");
        assertEquals("127.0.0.1", direct.of(request("127.0.0.1", Map.of("X-Forwarded-For", "203.0.113.9"))));
    }

    @Test
    void anUntrustedPeerCannotChooseItsAddress() {
        assertEquals("198.51.100.7", behindProxies.of(request("198.51.100.7", Map.of("X-Forwarded-For", "203.0.113.9",
                "Forwarded", "for=203.0.113.10"))));
    }

    @Test
    void behindATrustedProxyTheFirstUntrustedHopFromTheRightIsTheClient() {
        assertEquals("203.0.113.9", behindProxies.of(request("10.1.2.3", Map.of("X-Forwarded-For", "203.0.113.9"))));
        // the client wrote a fake first entry; the proxies only vouch for what they appended
        assertEquals("198.51.100.20", behindProxies.of(request("127.0.0.1", Map.of("X-Forwarded-For", "6.6.6.6, 198.51.100.20, 10.0.0.5"))));
    }

    @Test
    void theStandardForwardedHeaderWinsAndMayQuoteIPv6() {
        assertEquals("2001:db8:0:0:0:0:0:1", behindProxies.of(request("10.1.2.3", Map.of("Forwarded", "for=\"[2001:db8::1]:4711\";proto=https",
                "X-Forwarded-For", "203.0.113.9"))));
        assertEquals("192.0.2.60", behindProxies.of(request("10.1.2.3", Map.of("Forwarded", "for=192.0.2.43, for=192.0.2.60"))));
    }

    @Test
    void garbageInTheChainStopsAtTheLastAddressATrustedHopSaw() {
        assertEquals("10.0.0.5", behindProxies.of(request("127.0.0.1", Map.of("X-Forwarded-For", "not-an-ip, 10.0.0.5"))));
        assertEquals("10.9.9.9", behindProxies.of(request("10.9.9.9", Map.of())), "a trusted peer with no header is itself the client");
    }

    @Test
    void aBadCidrIsAConfigurationError() {
        assertThrows(IllegalArgumentException.class, () -> ClientAddresses.trusting("10.0.0.0/33"));
        assertThrows(IllegalArgumentException.class, () -> ClientAddresses.trusting("proxy.example.com"));
    }
}
