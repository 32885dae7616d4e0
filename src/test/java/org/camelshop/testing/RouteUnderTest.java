package org.camelshop.testing;

import java.util.Map;
import java.util.Properties;

import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.builder.AdviceWithRouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.apache.camel.util.function.ThrowingConsumer;
import org.camelshop.platform.QueueDeletes;

/**
 * One YAML route (and the route files it needs, such as a shared route configuration) in a bare CamelContext: the
 * given properties, the given beans under the names the route calls, and an advice to swap its endpoints for
 * {@code direct:} and {@code mock:}. For route tests that need no emulator and no network (docs/testing.md).
 */
public final class RouteUnderTest implements AutoCloseable {

    private final CamelContext camel;
    private final ProducerTemplate producer;

    private RouteUnderTest(CamelContext camel) {
        this.camel = camel;
        this.producer = camel.createProducerTemplate();
    }

    public static RouteUnderTest start(String routeId, Map<String, String> properties, Map<String, Object> beans,
            ThrowingConsumer<AdviceWithRouteBuilder, Exception> advice, String... routeFiles) throws Exception {
        return start(Map.of(routeId, advice), properties, beans, routeFiles);
    }

    /** As above, with an advice for each of several routes (a route file whose other routes also reach AWS). */
    public static RouteUnderTest start(Map<String, ThrowingConsumer<AdviceWithRouteBuilder, Exception>> advices,
            Map<String, String> properties, Map<String, Object> beans, String... routeFiles) throws Exception {
        CamelContext camel = new DefaultCamelContext();
        Properties initial = new Properties();
        initial.putAll(properties);
        camel.getPropertiesComponent().setInitialProperties(initial);
        // the queue consumers' shared first step: with their queue replaced by direct: it has nothing to delete
        camel.getRegistry().bind("queueDeletes", new QueueDeletes(null));
        beans.forEach(camel.getRegistry()::bind);
        for (String file : routeFiles) {
            PluginHelper.getRoutesLoader(camel).loadRoutes(ResourceHelper.resolveMandatoryResource(camel, "classpath:routes/" + file));
        }
        for (var advice : advices.entrySet()) {
            AdviceWith.adviceWith(camel, advice.getKey(), advice.getValue());
        }
        camel.start();
        return new RouteUnderTest(camel);
    }

    public ProducerTemplate producer() {
        return producer;
    }

    public MockEndpoint mock(String uri) {
        return camel.getEndpoint(uri, MockEndpoint.class);
    }

    @Override
    public void close() {
        camel.stop();
    }
}
