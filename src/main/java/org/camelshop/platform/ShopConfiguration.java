package org.camelshop.platform;

import java.time.Duration;

import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.Registry;
import org.camelshop.catalog.ProductItems;
import org.camelshop.catalog.ProductRepository;
import org.camelshop.catalog.SampleCatalogLoader;
import org.camelshop.platform.provision.Provisioner;
import org.camelshop.platform.provision.ResourcePlan;

/**
 * Wires the beans the YAML routes call by name. Runs before the routes start, which is also where local mode
 * provisions its queues and tables and loads the sample catalog, so no route ever sees a missing resource.
 */
public class ShopConfiguration implements CamelConfiguration {

    @BindToRegistry("apiErrors")
    public ApiErrors apiErrors() {
        return new ApiErrors();
    }

    @Override
    public void configure(CamelContext context) throws Exception {
        ShopSettings settings = ShopSettings.of(context);
        Registry registry = context.getRegistry();

        AwsClients aws = new AwsClients(settings);
        context.addService(aws, true, true);
        registry.bind("sqsClient", aws.sqs());
        registry.bind("dynamoDbClient", aws.dynamoDb());
        registry.bind("sesClient", aws.ses());

        RedisConnection redis = new RedisConnection(settings.get("shop.redis.url"),
                Duration.ofMillis(settings.getInt("shop.redis.timeout-ms", 1000)));
        context.addService(redis, true, true);
        registry.bind("redis", redis);

        ProductItems productItems = new ProductItems();
        ProductRepository products = new ProductRepository(aws.dynamoDb(), ResourcePlan.PRODUCTS, productItems);
        registry.bind("productItems", productItems);
        registry.bind("productRepository", products);

        bindHealthChecks(registry, aws, redis);

        if (settings.getBoolean("shop.provision.on-start", false)) {
            new Provisioner(aws.sqs(), aws.dynamoDb()).apply(ResourcePlan.QUEUES, ResourcePlan.TABLES);
        }
        if (settings.getBoolean("shop.sample-catalog.load", false)) {
            new SampleCatalogLoader(products).loadIfEmpty();
        }
    }

    private static void bindHealthChecks(Registry registry, AwsClients aws, RedisConnection redis) {
        String probeQueue = ResourcePlan.QUEUES.get(0).name();
        registry.bind("sqs-health", new DependencyHealthCheck("sqs",
                () -> aws.sqs().getQueueUrl(r -> r.queueName(probeQueue).overrideConfiguration(HealthProbes.TIMEOUT))));
        registry.bind("dynamodb-health", new DependencyHealthCheck("dynamodb",
                () -> aws.dynamoDb().describeTable(r -> r.tableName(ResourcePlan.PRODUCTS).overrideConfiguration(HealthProbes.TIMEOUT))));
        registry.bind("ses-health", new DependencyHealthCheck("ses",
                () -> aws.sesV2().getAccount(r -> r.overrideConfiguration(HealthProbes.TIMEOUT))));
        registry.bind("redis-health", new DependencyHealthCheck("redis", () -> redis.sync().ping()));
    }
}
