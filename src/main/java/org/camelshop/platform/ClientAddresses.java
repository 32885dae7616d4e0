package org.camelshop.platform;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import io.vertx.core.net.SocketAddress;
import org.apache.camel.Exchange;

/**
 * Who is calling: the address of the shopper's machine, for per-client rate limits. Behind a load balancer every
 * connection comes from the balancer, so the shop believes {@code Forwarded: for=…} or {@code X-Forwarded-For} — but
 * only from a peer in the configured trusted proxies ({@code shop.http.trusted-proxies}, CIDRs). The chain is read from
 * the right, skipping trusted hops; the first address no trusted proxy vouches for is the client. From any other peer
 * the headers are ignored: a client cannot choose its own address.
 */
public final class ClientAddresses {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9a-f:.]+");
    private static final Pattern FORWARDED_FOR = Pattern.compile("(?i)for=\"?\\[?([^\\]\";,]+)\\]?(?::\\d+)?\"?");

    /** A block of addresses, {@code 10.0.0.0/8} or {@code ::1/128}. */
    public record Cidr(byte[] network, int prefix) {

        public static Cidr parse(String text) {
            String[] parts = text.trim().split("/", 2);
            byte[] address = literal(parts[0]);
            if (address == null) {
                throw new IllegalArgumentException("not an IP address: " + text);
            }
            int prefix = parts.length == 2 ? Integer.parseInt(parts[1]) : address.length * 8;
            if (prefix < 0 || prefix > address.length * 8) {
                throw new IllegalArgumentException("bad prefix length: " + text);
            }
            return new Cidr(address, prefix);
        }

        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            for (int bit = 0; bit < prefix; bit++) {
                int mask = 0x80 >> (bit % 8);
                if ((address[bit / 8] & mask) != (network[bit / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }

    private final List<Cidr> trusted;

    public ClientAddresses(List<Cidr> trusted) {
        this.trusted = List.copyOf(trusted);
    }

    /** From a comma-separated list of CIDRs; empty trusts no proxy. */
    public static ClientAddresses trusting(String cidrs) {
        return new ClientAddresses(Arrays.stream(cidrs.split(",")).map(String::trim).filter(c -> !c.isEmpty()).map(Cidr::parse).toList());
    }

    /** The calling client's address, as text. */
    public String of(Exchange exchange) {
        String peer = peer(exchange);
        if (!isTrusted(peer)) {
            return peer;
        }
        List<String> chain = forwardedChain(exchange);
        String client = peer;
        for (int i = chain.size() - 1; i >= 0; i--) {
            byte[] hop = literal(chain.get(i));
            if (hop == null) {
                return client; // garbage added by whoever the last trusted hop spoke to: that hop's peer is all we know
            }
            client = canonical(hop);
            if (!isTrusted(client)) {
                return client;
            }
        }
        return client;
    }

    private boolean isTrusted(String address) {
        byte[] bytes = literal(address);
        return bytes != null && trusted.stream().anyMatch(cidr -> cidr.contains(bytes));
    }

    /** The addresses a request passed through, client first: {@code Forwarded} if present, else {@code X-Forwarded-For}. */
    private static List<String> forwardedChain(Exchange exchange) {
        List<String> chain = new ArrayList<>();
        String forwarded = exchange.getMessage().getHeader("Forwarded", String.class);
        if (forwarded != null) {
            var matcher = FORWARDED_FOR.matcher(forwarded);
            while (matcher.find()) {
                chain.add(matcher.group(1).trim());
            }
            return chain;
        }
        String xff = exchange.getMessage().getHeader("X-Forwarded-For", String.class);
        if (xff != null) {
            for (String hop : xff.split(",")) {
                if (!hop.isBlank()) {
                    chain.add(hop.trim());
                }
            }
        }
        return chain;
    }

    private static String peer(Exchange exchange) {
        Object remote = exchange.getMessage().getHeader("CamelVertxPlatformHttpRemoteAddress");
        if (remote instanceof SocketAddress address) {
            return address.hostAddress();
        }
        if (remote instanceof InetSocketAddress address) {
            return address.getAddress().getHostAddress();
        }
        return "unknown";
    }

    /** One spelling per address, as the socket reports it, so that one client has one counter. */
    private static String canonical(byte[] address) {
        try {
            return InetAddress.getByAddress(address).getHostAddress();
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The bytes of an IPv4 or IPv6 literal, or null for anything else (never a DNS lookup). */
    static byte[] literal(String text) {
        if (text == null) {
            return null;
        }
        String candidate = text.trim().toLowerCase(Locale.ROOT);
        // compiled once: String.matches compiles its pattern on every call, twice per request behind a proxy
        boolean ipv4 = IPV4.matcher(candidate).matches();
        boolean ipv6 = candidate.contains(":") && IPV6.matcher(candidate).matches();
        if (!ipv4 && !ipv6) {
            return null;
        }
        try {
            return InetAddress.getByName(candidate).getAddress();
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
