package org.camelshop;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.regex.Pattern;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import io.vertx.ext.web.Router;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.Registry;
import org.camelshop.account.AccountBootstrap;
import org.camelshop.admin.DeadLetterAdmin;
import org.camelshop.admin.ProductBulk;
import org.camelshop.admin.SalesAnalytics;
import org.camelshop.download.DownloadCounts;
import org.camelshop.download.DownloadSettings;
import org.camelshop.download.Downloads;
import org.camelshop.files.FileSettings;
import org.camelshop.files.FileSweep;
import org.camelshop.files.GoodsLinks;
import org.camelshop.files.ProductFiles;
import org.camelshop.files.SampleFiles;
import org.camelshop.account.AccountRepository;
import org.camelshop.account.Accounts;
import org.camelshop.cart.CartRepository;
import org.camelshop.cart.CartSettings;
import org.camelshop.cart.Carts;
import org.camelshop.catalog.Catalog;
import org.camelshop.catalog.Categories;
import org.camelshop.catalog.CategoryAdmin;
import org.camelshop.catalog.CategoryRepository;
import org.camelshop.catalog.Product;
import org.camelshop.catalog.ProductAdmin;
import org.camelshop.catalog.ProductArt;
import org.camelshop.catalog.ProductItems;
import org.camelshop.catalog.ProductRepository;
import org.camelshop.catalog.ProductThumbnails;
import org.camelshop.catalog.SampleCatalogLoader;
import org.camelshop.inventory.Inventory;
import org.camelshop.inventory.InventorySettings;
import org.camelshop.inventory.StockEvents;
import org.camelshop.inventory.StockFlags;
import org.camelshop.mail.BrandLogo;
import org.camelshop.mail.MailSettings;
import org.camelshop.mail.Mailer;
import org.camelshop.marketing.Campaigns;
import org.camelshop.marketing.Conversions;
import org.camelshop.marketing.Engagement;
import org.camelshop.marketing.MarketingAnalytics;
import org.camelshop.marketing.MarketingMails;
import org.camelshop.marketing.MarketingRecords;
import org.camelshop.marketing.PersonalData;
import org.camelshop.marketing.Preferences;
import org.camelshop.marketing.PreferencesRepository;
import org.camelshop.marketing.UnsubscribeTokens;
import org.camelshop.ops.FeatureFlags;
import org.camelshop.ops.HttpMetrics;
import org.camelshop.ops.InProcessQueues;
import org.camelshop.ops.PaymentSwitch;
import org.camelshop.ops.QueueDepths;
import org.camelshop.order.CancellationWatch;
import org.camelshop.order.Cancellations;
import org.camelshop.order.Invoices;
import org.camelshop.order.OrderExport;
import org.camelshop.order.OrderAdmin;
import org.camelshop.order.OrderProcessor;
import org.camelshop.order.OrderLists;
import org.camelshop.order.OrderRepository;
import org.camelshop.order.OrderSettings;
import org.camelshop.order.OrderAccessTokens;
import org.camelshop.order.OrderMails;
import org.camelshop.order.Orders;
import org.camelshop.order.PurchaseHistory;
import org.camelshop.order.UnqueuedOrders;
import org.camelshop.payment.PaymentWiring;
import org.camelshop.platform.ApiErrors;
import org.camelshop.platform.AwsClients;
import org.camelshop.platform.CatchAllLast;
import org.camelshop.platform.DeadLetters;
import org.camelshop.platform.EdgeFilter;
import org.camelshop.platform.HealthProbes;
import org.camelshop.platform.HttpResponses;
import org.camelshop.platform.IdempotencyKeys;
import org.camelshop.platform.Identity;
import org.camelshop.platform.NotFoundPage;
import org.camelshop.platform.QueueHeaderFilter;
import org.camelshop.platform.QueueDeletes;
import org.camelshop.platform.QueuePolling;
import org.camelshop.platform.RateLimiter;
import org.camelshop.platform.RedisConnection;
import org.camelshop.platform.RequestBody;
import org.camelshop.platform.RequestChecks;
import org.camelshop.platform.S3Objects;
import org.camelshop.platform.ResponseCache;
import org.camelshop.platform.ResponseHeaderFilter;
import org.camelshop.platform.ScheduledFailures;
import org.camelshop.platform.ScheduledRuns;
import org.camelshop.platform.Sessions;
import org.camelshop.platform.ShopMetrics;
import org.camelshop.platform.ShopSettings;
import org.camelshop.platform.provision.BucketProvisioner;
import org.camelshop.platform.provision.Provisioner;
import org.camelshop.platform.provision.ResourcePlan;
import org.camelshop.pricing.DiscountCodeRepository;
import org.camelshop.pricing.DiscountCodes;
import org.camelshop.pricing.Pricing;
import org.camelshop.review.ReviewRepository;
import org.camelshop.review.Reviews;
import org.camelshop.tracking.BrowsingHistory;
import org.camelshop.tracking.ProductViews;
import org.camelshop.tracking.ViewCounters;
import org.camelshop.tracking.Recommendations;
import org.camelshop.tracking.Tracking;
import org.camelshop.tracking.TrackingRecorder;
import org.camelshop.tracking.Watchlist;
import org.slf4j.LoggerFactory;

/**
 * Wires the beans the YAML routes call by name. Runs before the routes start, which is also where local mode
 * provisions its queues and tables and loads the sample catalog, so no route ever sees a missing resource.
 */
public class ShopConfiguration implements CamelConfiguration {

    // created once per start, in the order configure() calls the sections; later sections use earlier beans
    private CamelContext context;
    private ShopSettings settings;
    private Registry registry;
    private final Clock clock = Clock.systemUTC();
    private ShopMetrics metrics;
    private AwsClients aws;
    private RedisConnection redis;
    private Sessions sessions;
    private ResponseCache cache;
    private String shopUrl;
    private ProductItems productItems;
    private ProductRepository products;
    private ProductAdmin productAdmin;
    private CategoryRepository categoryRepository;
    private StockEvents stockEvents;
    private StockFlags stockFlags;
    private AccountRepository accountRepository;
    private Accounts accounts;
    private ReviewRepository reviewRepository;
    private DiscountCodeRepository discountCodeRepository;
    private DiscountCodes discountCodes;
    private Pricing pricing;
    private CartRepository cartRepository;
    private Carts carts;
    private OrderRepository orderRepository;
    private Inventory inventory;
    private Orders orders;
    private OrderAccessTokens orderAccessTokens;
    private OrderSettings orderSettings;
    private MarketingRecords marketingRecords;
    private Conversions conversions;
    private Preferences preferences;
    private PreferencesRepository preferenceRows;
    private ProductViews productViews;
    private Watchlist watchlist;
    private FileSettings fileSettings;

    @Override
    public void configure(CamelContext context) throws Exception {
        this.context = context;
        settings = ShopSettings.of(context);
        registry = context.getRegistry();
        platform();
        catalog();
        accountsAndReviews();
        cartAndPricing();
        orders();
        mail();
        marketingAndTracking();
        PaymentWiring.bind(registry, settings, metrics, redis, aws.dynamoDb(), orderRepository, orders, inventory, productItems, cache,
                clock);
        adminAndOperations();
        bindProductFiles();
        edge();
        setUpLocalResources();
        // after the administrator check, so a bare aws start names the most important missing setting first
        downloads();
    }

    /** Clients, Redis, sessions, caches, rate limits, error answers: what every flow relies on. */
    private void platform() throws Exception {
        metrics = new ShopMetrics(context);
        context.getManagementStrategy().addEventNotifier(new HttpMetrics(metrics));
        context.getManagementStrategy().addEventNotifier(new CatchAllLast(context, "api-not-found"));
        if (!settings.getBoolean("shop.queues.enabled")) {
            context.getCamelContextExtension().registerEndpointCallback(new InProcessQueues(context));
        }

        aws = new AwsClients(settings);
        context.addService(aws, true, true);
        registry.bind("sqsClient", aws.sqs());
        registry.bind("sqsPollingClient", aws.sqsPolling());
        // on the producers' client: a delete fails fast when SQS hangs, like a send, instead of holding the poller
        QueueDeletes queueDeletes = new QueueDeletes(aws.sqs());
        context.addService(queueDeletes, true, true);
        registry.bind("queueDeletes", queueDeletes);
        aws.callCounter().ifPresent(counter -> registry.bind("awsCallCounter", counter));
        // a stop must not wait out the consumers' long polls (up to 20 s): closing their client ends them at once
        AwsClients clients = aws;
        context.getManagementStrategy().addEventNotifier(new org.apache.camel.support.SimpleEventNotifierSupport() {
            {
                // only the context's own events: a notifier open to exchange events makes Camel emit them for every step
                setIgnoreExchangeEvents(true);
                setIgnoreStepEvents(true);
                setIgnoreRouteEvents(true);
                setIgnoreServiceEvents(true);
            }

            @Override
            public void notify(org.apache.camel.spi.CamelEvent event) {
                if (event instanceof org.apache.camel.spi.CamelEvent.CamelContextStoppingEvent) {
                    clients.sqsPolling().close();
                }
            }
        });
        registry.bind("dynamoDbClient", aws.dynamoDb());
        registry.bind("sesClient", aws.ses());
        registry.bind("s3Client", aws.s3());

        redis = new RedisConnection(settings.get("shop.redis.url"), Duration.ofMillis(settings.getInt("shop.redis.timeout-ms")),
                aws.callCounter().orElse(null));
        context.addService(redis, true, true);

        sessions = new Sessions(redis, Duration.ofHours(settings.getInt("shop.sessions.ttl-hours")));
        cache = new ResponseCache(redis, ResponseCache.Settings.from(settings), metrics);
        registry.bind("apiErrors", new ApiErrors(settings.getInt("shop.errors.retry-after-seconds"), metrics));
        registry.bind("requestChecks", new RequestChecks());
        registry.bind("requestBody", new RequestBody());
        registry.bind("queuePolling", new QueuePolling(settings.getInt("shop.queue.poll-backoff-base-ms"),
                settings.getInt("shop.queue.poll-backoff-max-ms"), clock, metrics));
        registry.bind("scheduledFailures", new ScheduledFailures(metrics));
        registry.bind("http", new HttpResponses());
        registry.bind("s3Objects", new S3Objects());
        registry.bind("identity", new Identity(sessions));
        // its background sync stops with the context: the service is stopped, then Camel shuts the executor down
        RateLimiter rateLimiter = new RateLimiter(redis, RateLimiter.Settings.from(settings), metrics, clock,
                context.getExecutorServiceManager().newSingleThreadScheduledExecutor(this, "rate-limit-sync"));
        context.addService(rateLimiter, true, true);
        registry.bind("rateLimiter", rateLimiter);
        registry.bind("responseCache", cache);
        registry.bind("scheduledRuns", new ScheduledRuns(aws.dynamoDb(), ResourcePlan.SCHEDULED_RUNS,
                java.lang.management.ManagementFactory.getRuntimeMXBean().getName(), metrics, clock));
        registry.bind("responseHeaderFilter", new ResponseHeaderFilter());
        QueueHeaderFilter.applyToEveryQueueEndpoint(context);
        IdempotencyKeys idempotencyKeys = new IdempotencyKeys(redis, Duration.ofHours(settings.getInt("shop.idempotency.ttl-hours")),
                Duration.ofSeconds(settings.getInt("shop.idempotency.lease-seconds")),
                Duration.ofMillis(settings.getInt("shop.idempotency.wait-ms")));
        registry.bind("idempotencyKeys", idempotencyKeys);
        registry.bind("deadLetters", new DeadLetters(aws.sqs(), ResourcePlan.MAX_RECEIVES_BEFORE_DLQ,
                settings.getInt("shop.queue.retry-base-seconds"), settings.getInt("shop.breaker.open-seconds"), metrics));
        // links in mail: SHOP_PUBLIC_URL, else the address this shop listens on
        shopUrl = settings.find("shop.public-url").map(u -> u.replaceAll("/+$", ""))
                .orElse("http://localhost:" + settings.get("camel.server.port"));
    }

    private void catalog() {
        productItems = new ProductItems();
        products = new ProductRepository(aws.dynamoDb(), ResourcePlan.PRODUCTS, productItems);
        registry.bind("productItems", productItems);
        registry.bind("productRepository", products);
        categoryRepository = new CategoryRepository(aws.dynamoDb(), ResourcePlan.CATEGORIES);
        Categories categories = new Categories(() -> categoryRepository.allOrSeed(Categories.defaultList()),
                Duration.ofSeconds(settings.getInt("shop.catalog.categories-cache-seconds")), clock);
        registry.bind("catalog", new Catalog(products, categories));
        registry.bind("productArt", new ProductArt());
        registry.bind("productThumbnails", new ProductThumbnails());
        stockEvents = new StockEvents(context.createProducerTemplate(), clock, metrics);
        productAdmin = new ProductAdmin(products, cache, clock, stockEvents, categories);
        registry.bind("productAdmin", productAdmin);
        registry.bind("categoryAdmin", new CategoryAdmin(categoryRepository, categories, products, productAdmin, cache));
        registry.bind("productBulk", new ProductBulk(productAdmin, products));
        stockFlags = new StockFlags(aws.dynamoDb(), ResourcePlan.PRODUCTS, productItems);
        registry.bind("stockFlags", stockFlags);
    }

    private void accountsAndReviews() {
        accountRepository = new AccountRepository(aws.dynamoDb(), ResourcePlan.USERS);
        accounts = new Accounts(accountRepository, sessions, clock);
        registry.bind("accounts", accounts);
        reviewRepository = new ReviewRepository(aws.dynamoDb(), ResourcePlan.REVIEWS);
        registry.bind("reviews", new Reviews(reviewRepository, products,
                new PurchaseHistory(aws.dynamoDb(), ResourcePlan.ORDERS), cache, clock));
    }

    private void cartAndPricing() {
        discountCodeRepository = new DiscountCodeRepository(aws.dynamoDb(), ResourcePlan.DISCOUNT_CODES);
        discountCodes = new DiscountCodes(discountCodeRepository, clock);
        pricing = new Pricing(pricingRules(settings));
        registry.bind("discountCodes", discountCodes);
        registry.bind("pricing", pricing);
        CartSettings cartSettings = CartSettings.from(settings);
        cartRepository = new CartRepository(aws.dynamoDb(), ResourcePlan.CART, redis, cartSettings.cacheTtl(), metrics);
        carts = new Carts(cartRepository, products, pricing, discountCodes, clock, cartSettings);
        registry.bind("carts", carts);
    }

    private void orders() {
        orderSettings = OrderSettings.from(settings);
        orderRepository = new OrderRepository(aws.dynamoDb(), ResourcePlan.ORDERS, new OrderLists(redis,
                Duration.ofSeconds(settings.getInt("shop.orders.list-cache-seconds")),
                Duration.ofMillis(settings.getInt("shop.orders.list-cache-settle-ms")), metrics, clock), aws.tableWrites());
        inventory = new Inventory(aws.dynamoDb(), ResourcePlan.PRODUCTS, productItems, cache, stockEvents,
                ResourcePlan.STOCK_RESERVATIONS, clock, InventorySettings.from(settings));
        marketingRecords = new MarketingRecords(aws.dynamoDb(), ResourcePlan.MARKETING_QUEUE);
        conversions = new Conversions(marketingRecords, orderRepository, Duration.ofDays(settings.getInt("shop.marketing.attribution-days")));
        CancellationWatch cancelled = cancellationWatch();
        Cancellations cancellations = new Cancellations(orderRepository, inventory, cancelled, clock);
        registry.bind("inventory", inventory);
        registry.bind("cancellations", cancellations);
        registry.bind("orderAdmin", new OrderAdmin(orderRepository, inventory, cancelled, clock));
        // a guest's order token is derived from the order id, so the order mail can carry it too
        orderAccessTokens = new OrderAccessTokens(settings.get("shop.downloads.secret", ""));
        orders = new Orders(orderRepository, carts, pricing, discountCodes,
                discountCodeRepository, cancellations, orderAccessTokens, clock);
        registry.bind("orders", orders);
        registry.bind("orderProcessor", new OrderProcessor(orderRepository, inventory, cancelled, clock, orderSettings.reservation()));
        registry.bind("unqueuedOrders", new UnqueuedOrders(orderRepository, clock, orderSettings.requeueGrace()));
    }

    /** A cancelled order gives back its discount code's use and the conversion it counted as (pricing and marketing). */
    private CancellationWatch cancellationWatch() {
        return order -> {
            try {
                if (order.discountCode() != null) {
                    discountCodeRepository.release(order.discountCode(), order.isGuestOrder() ? order.userEmail() : order.userId(), order.orderId());
                }
                conversions.withdraw(order);
            } catch (RuntimeException e) {
                // the cancellation stands either way: what it could not give back is logged, not turned into a failed cancel
                LoggerFactory.getLogger(CancellationWatch.class).warn("Order {} cancelled, but its code or conversion was not given back: {}",
                        order.orderNumber(), e.toString());
            }
        };
    }

    private void mail() {
        // the SES calls the breaker times (email.yaml): a thread per email consumer, reused, instead of one per mail
        registry.bind("sesSendExecutor", context.getExecutorServiceManager().newFixedThreadPool(this, "ses-send",
                settings.getInt("shop.queue.email-consumers")));
        preferenceRows = new PreferencesRepository(aws.dynamoDb(), ResourcePlan.EMAIL_PREFERENCES);
        preferences = new Preferences(preferenceRows, accountRepository,
                new UnsubscribeTokens(settings.get("shop.marketing.link-secret")), shopUrl, clock);
        // a mail's pictures come from products kept a few minutes: a bestseller's mails would otherwise read its whole item once each
        LoadingCache<String, Optional<Product>> mailProducts = Caffeine.newBuilder().maximumSize(1_000).expireAfterWrite(Duration.ofMinutes(5))
                .build(products::find);
        BiFunction<String, String, Optional<String>> mailImages = (productId, variantId) -> mailProducts.get(productId)
                .map(product -> product.mailImage(variantId));
        MailSettings mailSettings = MailSettings.from(settings, shopUrl, sellerAddress());
        registry.bind("brandLogo", new BrandLogo(mailSettings.brand()));
        registry.bind("mailer", new Mailer(
                new OrderMails(orderRepository, orderAccessTokens, mailImages, shopUrl, orderSettings.reservation(), clock),
                new MarketingMails(marketingRecords, preferences, products, shopUrl, clock), mailSettings.brand(), mailSettings.from()));
    }

    private List<String> sellerAddress() {
        return Arrays.stream(settings.get("shop.seller.address").split("\\|")).map(String::trim).filter(line -> !line.isEmpty()).toList();
    }

    private void marketingAndTracking() {
        productViews = new ProductViews(aws.dynamoDb(), ResourcePlan.PRODUCT_VIEWS);
        ViewCounters viewCounters = new ViewCounters(aws.dynamoDb(), ResourcePlan.PRODUCT_VIEW_COUNTERS);
        watchlist = new Watchlist(aws.dynamoDb(), ResourcePlan.WATCH_LIST, products, clock);
        Recommendations recommendations = new Recommendations(productViews, products, redis,
                Duration.ofMinutes(settings.getInt("shop.recommendations.cache-minutes")), clock);
        registry.bind("tracking", new Tracking(clock, metrics));
        registry.bind("trackingRecorder", new TrackingRecorder(productViews, viewCounters, products, orderRepository, accountRepository));
        registry.bind("watchlist", watchlist);
        registry.bind("recommendations", recommendations);
        registry.bind("preferences", preferences);
        registry.bind("campaigns", new Campaigns(cartRepository, orderRepository, products, productViews, viewCounters, watchlist, stockFlags,
                recommendations, preferences, marketingRecords, discountCodeRepository, settings.getInt("shop.marketing.scan-threads"), clock));
        registry.bind("conversions", conversions);
        registry.bind("marketingAnalytics", new MarketingAnalytics(marketingRecords, cartRepository, clock));
        registry.bind("engagement", new Engagement(marketingRecords, shopUrl));
        // the domains' personal records, in the order the user's export shows them
        registry.bind("personalData", new PersonalData(accountRepository, sessions, List.of(cartRepository, orderRepository, reviewRepository,
                watchlist, new BrowsingHistory(productViews, viewCounters)), preferences, preferenceRows, marketingRecords, clock));
    }

    private void adminAndOperations() {
        registry.bind("invoices", new Invoices(new Invoices.Seller(settings.get("shop.seller.name"), sellerAddress(), settings.get("shop.seller.tax-id", ""),
                ZoneId.of(settings.get("shop.seller.time-zone"))), pricing::taxRate));
        registry.bind("orderExport", new OrderExport(orderRepository));
        registry.bind("salesAnalytics", new SalesAnalytics(orderRepository, products, clock));
        registry.bind("deadLetterAdmin", new DeadLetterAdmin(aws.sqs(), ResourcePlan.QUEUES));
        registry.bind("queueDepths", new QueueDepths(aws.sqs(), ResourcePlan.QUEUES, metrics));
        registry.bind("featureFlags", new FeatureFlags(featurePercentages(settings)));
        registry.bind("paymentSwitch", new PaymentSwitch(settings.getBoolean("shop.payments.enabled"),
                settings.getInt("shop.payments.disabled-retry-after-seconds")));
        HealthProbes.bind(registry, aws, redis, metrics, ResourcePlan.QUEUES.get(0).name(), ResourcePlan.PRODUCTS);
    }

    /** Security headers and the management token, installed on the HTTP server once the context has created it. */
    private void edge() throws Exception {
        EdgeFilter edge = new EdgeFilter(context, EdgeFilter.Headers.from(settings), settings.get("shop.management.token", ""), List.of(
                new EdgeFilter.Upload(Pattern.compile("/api/admin/images"), fileSettings.maxImageBytes()),
                new EdgeFilter.Upload(Pattern.compile("/api/admin/products/[^/]+/file"), fileSettings.maxFileBytes())));
        NotFoundPage notFound = new NotFoundPage(Path.of(settings.get("camel.server.staticSourceDir", "web")));
        // the HTTP server exists once the context starts, before any route accepts a request
        context.addStartupListener((started, alreadyStarted) -> {
            Router router = EdgeFilter.router(context, settings.getInt("camel.server.port"));
            edge.install(router);
            notFound.install(router);
        });
    }

    /** Local mode provisions its queues, tables and buckets and loads the sample catalog before any route starts. */
    private void setUpLocalResources() throws Exception {
        if (settings.getBoolean("shop.provision.on-start", false)) {
            try (AwsClients setup = AwsClients.forSetup(settings)) {
                new Provisioner(setup.sqs(), setup.dynamoDb()).apply(ResourcePlan.QUEUES, ResourcePlan.TABLES);
                provisionBuckets(setup, fileSettings);
            }
            // a new shop's six categories, written with its tables; without provisioning the first read writes them
            categoryRepository.allOrSeed(Categories.defaultList());
        }
        if (settings.getBoolean("shop.sample-catalog.load", false)) {
            new SampleCatalogLoader(products).loadIfEmpty();
        }
        if (settings.getBoolean("shop.accounts.bootstrap", true)) {
            new AccountBootstrap(accounts).ensureConfiguredAccounts(settings);
        }
    }

    /** The shop can browse and sell without S3 (uploads answer 503 meanwhile), so an unreachable S3 does not stop the start. */
    private static void provisionBuckets(AwsClients aws, FileSettings files) {
        try {
            new BucketProvisioner(aws.s3()).apply(List.of(files.imagesBucket(), files.goodsBucket()));
        } catch (software.amazon.awssdk.core.exception.SdkClientException e) {
            LoggerFactory.getLogger(ShopConfiguration.class).warn("S3 unreachable, buckets not provisioned: {}", e.getMessage());
        }
    }

    /** Signed download links for paid digital goods, redirecting to a short-lived S3 address. */
    private void downloads() {
        DownloadSettings downloadSettings = DownloadSettings.from(settings);
        registry.bind("downloads", new Downloads(downloadSettings, clock, products, orderRepository,
                new DownloadCounts(aws.dynamoDb(), ResourcePlan.ORDERS),
                new GoodsLinks(aws.s3Presigner(), fileSettings.goodsBucket(), downloadSettings.presignLifetime())));
    }

    /** Images and digital goods in S3 (routes/product-files.yaml). */
    private void bindProductFiles() {
        fileSettings = FileSettings.from(settings);
        registry.bind("productFiles", new ProductFiles(products, productAdmin, aws.s3(), fileSettings));
        registry.bind("sampleFiles", new SampleFiles(aws.s3(), fileSettings));
        registry.bind("fileSweep", new FileSweep(aws.s3(), products, fileSettings, clock));
    }

    /** {@code shop.features} as {@code name:percent} pairs ({@code recommendations:100,watchlist-alerts:10}). */
    private static Map<String, Integer> featurePercentages(ShopSettings settings) {
        Map<String, Integer> percentages = new LinkedHashMap<>();
        Arrays.stream(settings.get("shop.features", "").split(",")).map(String::trim).filter(f -> f.contains(":")).forEach(flag ->
                percentages.put(flag.substring(0, flag.indexOf(':')).trim(), Integer.parseInt(flag.substring(flag.indexOf(':') + 1).trim())));
        return percentages;
    }

    /** Tax rates as {@code REGION:basis-points} pairs ({@code US-CA:725,US:0}), shipping in cents. */
    private static Pricing.Rules pricingRules(ShopSettings settings) {
        Map<String, Integer> rates = new LinkedHashMap<>();
        Arrays.stream(settings.get("shop.tax.rates", "").split(",")).map(String::trim).filter(r -> r.contains(":")).forEach(rate ->
                rates.put(rate.substring(0, rate.indexOf(':')).trim().toUpperCase(java.util.Locale.ROOT),
                        Integer.parseInt(rate.substring(rate.indexOf(':') + 1).trim())));
        return new Pricing.Rules(rates, settings.getInt("shop.tax.default-basis-points"),
                settings.getInt("shop.shipping.flat-cents"), settings.getInt("shop.shipping.free-from-cents"),
                settings.get("shop.currency"));
    }
}
