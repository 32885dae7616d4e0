package org.camelshop.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.apache.camel.EndpointInject;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.AdviceWithRouteBuilder;
import org.apache.camel.component.aws2.ddb.Ddb2Constants;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.test.main.junit5.AdviceRouteMapping;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.camelshop.ShopConfiguration;
import org.camelshop.platform.Json;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Example route test for testers (see docs/testing.md): the real {@code get-product} route from catalog.yaml, with
 * its DynamoDB call woven out and replaced by a mock endpoint and the cache switched off. No emulator needed.
 */
@CamelMainTest(
        configurationClasses = ShopConfiguration.class,
        propertyPlaceholderLocations = {"classpath:application-local.properties", "classpath:application.properties"},
        properties = {
                "camel.main.routesIncludePattern=classpath:routes/platform.yaml,classpath:routes/catalog.yaml", // just this flow
                "camel.rest.inlineRoutes=false",      // send straight to direct:get-product
                "camel.server.port=0",                // any free port: this test never uses HTTP
                "camel.main.routesReloadEnabled=false",
                "shop.provision.on-start=false",
                "shop.sample-catalog.load=false",
                "shop.accounts.bootstrap=false",
                "shop.cache.enabled=false"},          // no Redis either: every read goes to the (mock) table
        advices = @AdviceRouteMapping(route = "get-product", advice = GetProductRouteTest.DynamoDbAsMock.class))
class GetProductRouteTest {

    /** Swaps the aws2-ddb GetItem call of the route for {@code mock:dynamodb}. */
    public static final class DynamoDbAsMock extends AdviceWithRouteBuilder {
        @Override
        public void configure() {
            weaveByToUri("aws2-ddb:*").replace().to("mock:dynamodb");
        }
    }

    @EndpointInject("mock:dynamodb")
    MockEndpoint dynamoDb;

    @EndpointInject("direct:get-product")
    ProducerTemplate getProduct;

    private final ProductItems items = new ProductItems();
    private final Product sample = SampleCatalog.products().get(0);

    @BeforeEach
    void reset() {
        dynamoDb.reset();
    }

    @Test
    void asksDynamoDbForTheKeyAndReturnsTheProduct() throws Exception {
        dynamoDb.expectedMessageCount(1);
        dynamoDb.expectedHeaderReceived(Ddb2Constants.KEY, items.keyOf(sample.productId()));
        dynamoDb.whenAnyExchangeReceived(exchange -> exchange.getMessage().setHeader(Ddb2Constants.ATTRIBUTES, items.toItem(sample)));

        Exchange result = getProduct.request("direct:get-product", e -> e.getMessage().setHeader("id", sample.productId()));

        dynamoDb.assertIsSatisfied();
        assertEquals(200, result.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE));
        assertEquals(Json.write(sample), result.getMessage().getBody(String.class));
        assertEquals("public, max-age=600", result.getMessage().getHeader("Cache-Control"));
    }

    @Test
    void unknownProductBecomesA404JsonError() throws Exception {
        dynamoDb.whenAnyExchangeReceived(exchange -> exchange.getMessage().setHeader(Ddb2Constants.ATTRIBUTES, Map.of()));

        Exchange result = getProduct.request("direct:get-product", e -> e.getMessage().setHeader("id", "prod-9999"));

        assertEquals(404, result.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE));
        assertTrue(result.getMessage().getBody(String.class).contains("\"error\":\"not_found\""));
    }

    @Test
    void malformedIdNeverReachesDynamoDb() throws Exception {
        dynamoDb.expectedMessageCount(0);

        Exchange result = getProduct.request("direct:get-product", e -> e.getMessage().setHeader("id", "../etc/passwd"));

        dynamoDb.assertIsSatisfied();
        assertEquals(400, result.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE));
    }
}
