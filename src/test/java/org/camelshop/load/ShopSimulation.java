package org.camelshop.load;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.constantConcurrentUsers;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.exitHereIfFailed;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.percent;
import static io.gatling.javaapi.core.CoreDsl.randomSwitch;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;

/**
 * The seed's load test: shoppers on the 1,020-product sample catalog, in the mix browse 50 %, search 20 %, cart
 * 20 %, checkout 10 % (a guest fills a cart, places the order and reads it until the order processor reserved it).
 * A closed model: {@code load.users} shoppers at all times (seed: 100) for {@code load.seconds}, each shopper a new
 * guest session. Settings are system properties ({@link LoadTest} sets them); it fails when any request failed.
 */
public class ShopSimulation extends Simulation {

    static final String BASE_URL = "load.baseUrl";
    static final String USERS = "load.users";
    static final String SECONDS = "load.seconds";

    private static final String ADDRESS = "{\"name\":\"Load Tester\",\"line1\":\"1 Main St\",\"city\":\"Austin\",\"state\":\"TX\",\"postal_code\":\"73301\",\"country\":\"US\"}";
    private static final List<String> CATEGORIES = List.of("Books", "Apparel", "Resources", "Merchandise");
    private static final List<String> WORDS = List.of("bible", "study", "hoodie", "mug", "sticker", "guide", "sermon", "poster");

    private final String baseUrl = System.getProperty(BASE_URL, "http://127.0.0.1:8080");
    private final List<String> inStock = inStockProducts(baseUrl);

    private Iterator<Map<String, Object>> shoppers() {
        return Stream.generate(() -> Map.<String, Object>of(
                "session", UUID.randomUUID().toString(),
                "client", "198.18." + ThreadLocalRandom.current().nextInt(1, 3) + "." + ThreadLocalRandom.current().nextInt(1, 101),
                "product", inStock.get(ThreadLocalRandom.current().nextInt(inStock.size())),
                "other", inStock.get(ThreadLocalRandom.current().nextInt(inStock.size())),
                "category", CATEGORIES.get(ThreadLocalRandom.current().nextInt(CATEGORIES.size())),
                "word", WORDS.get(ThreadLocalRandom.current().nextInt(WORDS.size())),
                "page", 1 + ThreadLocalRandom.current().nextInt(5))).iterator();
    }

    private final ChainBuilder browse = exec(
            http("list products").get("/api/products?category=#{category}&page=#{page}").check(status().is(200)),
            http("get product").get("/api/products/#{product}").check(status().is(200)),
            http("get product").get("/api/products/#{other}").check(status().is(200)),
            http("reviews").get("/api/reviews/#{product}").check(status().is(200)),
            http("categories").get("/api/categories").check(status().is(200)));

    private final ChainBuilder search = exec(
            http("search").get("/api/products?q=#{word}&sort=price_asc").check(status().is(200)),
            http("featured").get("/api/featured").check(status().is(200)),
            http("bestsellers").get("/api/bestsellers").check(status().is(200)));

    private final ChainBuilder cart = exec(
            http("cart add").post("/api/cart/add").body(StringBody("{\"product_id\":\"#{product}\",\"quantity\":1}")).check(status().is(200)),
            http("cart add").post("/api/cart/add").body(StringBody("{\"product_id\":\"#{other}\",\"quantity\":1}")).check(status().is(200)),
            http("cart").get("/api/cart").check(status().is(200)),
            http("cart quote").post("/api/cart/quote").body(StringBody("{\"shipping_address\":" + ADDRESS + "}")).check(status().is(200)));

    private final ChainBuilder checkout = exec(
            http("cart add").post("/api/cart/add").body(StringBody("{\"product_id\":\"#{product}\",\"quantity\":1}")).check(status().is(200)),
            http("place order").post("/api/orders/create")
                    .body(StringBody("{\"shipping_address\":" + ADDRESS + ",\"billing_address\":" + ADDRESS
                            + ",\"payment_method\":\"stripe\",\"accept_terms\":true,\"email\":\"load-#{session}@example.com\"}"))
                    .check(status().is(202), jsonPath("$.order_id").saveAs("order"), jsonPath("$.access_token").saveAs("token")),
            exitHereIfFailed(),
            // the order processor reserves the stock off the request path: read the order until it did (30 s at most)
            exec(session -> session.set("orderStatus", "pending"))
                    .asLongAsDuring(session -> "pending".equals(session.getString("orderStatus")), Duration.ofSeconds(30), "poll", true).on(
                            pause(Duration.ofMillis(200)),
                            http("get order").get("/api/orders/#{order}").header("X-Order-Token", "#{token}")
                                    .check(status().is(200), jsonPath("$.order_status").saveAs("orderStatus"))),
            http("order reserved").get("/api/orders/#{order}").header("X-Order-Token", "#{token}")
                    .check(status().is(200), jsonPath("$.order_status").is("awaiting_payment")));

    private static ChainBuilder pause(Duration duration) {
        return io.gatling.javaapi.core.CoreDsl.pause(duration);
    }

    private final ScenarioBuilder shoppers = scenario("shoppers").feed(shoppers()).exec(randomSwitch().on(
            percent(50.0).then(browse),
            percent(20.0).then(search),
            percent(20.0).then(cart),
            percent(10.0).then(checkout)));

    private final HttpProtocolBuilder protocol = http.baseUrl(baseUrl)
            .acceptHeader("application/json").contentTypeHeader("application/json")
            .header("X-Session-Id", "#{session}")
            // each shopper's own address, as a load balancer in front of the shop would pass it on
            .header("X-Forwarded-For", "#{client}")
            .shareConnections();

    {
        setUp(shoppers.injectClosed(constantConcurrentUsers(Integer.getInteger(USERS, 100)).during(Duration.ofSeconds(Integer.getInteger(SECONDS, 60)))))
                .protocols(protocol)
                .assertions(global().failedRequests().count().is(0L));
    }

    /**
     * Product ids with stock, from the API itself (sold-out products would answer cart adds with 409), sold without
     * options (apparel needs a size and colour chosen, which the simulated shoppers do not make).
     */
    static List<String> inStockProducts(String baseUrl) {
        HttpClient client = HttpClient.newHttpClient();
        ObjectMapper mapper = new ObjectMapper();
        List<String> ids = new ArrayList<>();
        try {
            for (int page = 1; ; page++) {
                HttpResponse<String> response = client.send(HttpRequest.newBuilder(
                        URI.create(baseUrl + "/api/products?in_stock=true&page_size=100&page=" + page)).GET().build(), HttpResponse.BodyHandlers.ofString());
                JsonNode items = mapper.readTree(response.body()).get("items");
                items.forEach(item -> {
                    if (item.get("stock_quantity").asInt() >= 50 && !item.has("variants")) {
                        ids.add(item.get("product_id").asText());
                    }
                });
                if (items.size() < 100) {
                    return ids;
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException("could not read the catalog at " + baseUrl, e);
        }
    }
}
