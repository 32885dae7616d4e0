package org.camelshop.platform;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

import org.apache.camel.support.service.ServiceSupport;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.ses.SesClient;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * One SDK client per AWS service, shared by the Camel components (aws2-sqs, aws2-ddb, aws2-ses, aws2-s3 autowire them)
 * and the repositories. The only difference between local and AWS is here: an endpoint override and static
 * credentials for the emulators, or the default endpoint and credential chain for real AWS.
 */
public final class AwsClients extends ServiceSupport {

    private final SqsClient sqs;
    private final SqsClient sqsPolling;
    private final DynamoDbClient dynamoDb;
    private final SesClient ses;
    private final SesV2Client sesV2;
    private final S3Client s3;
    private final S3Presigner s3Presigner;
    private final Optional<AwsCallCounter> callCounter;
    private final TableWrites tableWrites = new TableWrites();

    public AwsClients(ShopSettings settings) {
        this(settings, settings.getInt("shop.aws.api-call-timeout-ms", 3_000), settings.getInt("shop.aws.api-attempt-timeout-ms", 3_000));
    }

    /**
     * Clients for setting up at start (provisioning queues and tables): an emulator or a region's control plane answering
     * its first call slowly must not fail the start, so they wait {@code shop.aws.setup-call-timeout-ms}. Started: close them after use.
     */
    public static AwsClients forSetup(ShopSettings settings) {
        int millis = settings.getInt("shop.aws.setup-call-timeout-ms", 30_000);
        AwsClients clients = new AwsClients(settings, millis, millis);
        clients.start();
        return clients;
    }

    private AwsClients(ShopSettings settings, int callMillis, int attemptMillis) {
        Region region = Region.of(settings.get("shop.aws.region", "us-east-1"));
        AwsCredentialsProvider credentials = credentials(settings);
        this.callCounter = settings.getBoolean("shop.aws.count-calls", false) ? Optional.of(new AwsCallCounter()) : Optional.empty();
        ClientOverrideConfiguration timeouts = timeouts(callMillis, attemptMillis);
        // SQS consumers long-poll for up to 20 s, so their receives may legitimately take that long: a client of their own,
        // so that sending a message (from an API request) still fails fast when SQS hangs
        ClientOverrideConfiguration pollTimeouts = timeouts(settings.getInt("shop.aws.sqs-poll-call-timeout-ms", 30_000),
                settings.getInt("shop.aws.sqs-poll-attempt-timeout-ms", 25_000));
        this.sqs = configure(SqsClient.builder(), region, credentials, timeouts, settings.find("shop.aws.sqs-endpoint")).build();
        this.sqsPolling = configure(SqsClient.builder(), region, credentials, pollTimeouts, settings.find("shop.aws.sqs-endpoint")).build();
        this.dynamoDb = configure(DynamoDbClient.builder(), region, credentials, timeouts.toBuilder().addExecutionInterceptor(tableWrites).build(),
                settings.find("shop.aws.dynamodb-endpoint")).build();
        this.ses = configure(SesClient.builder(), region, credentials, timeouts, settings.find("shop.aws.ses-endpoint")).build();
        this.sesV2 = configure(SesV2Client.builder(), region, credentials, timeouts, settings.find("shop.aws.ses-endpoint")).build();
        // large product files take longer than an API call: their own timeouts
        ClientOverrideConfiguration s3Timeouts = timeouts(settings.getInt("shop.aws.s3-api-call-timeout-ms", 300_000),
                settings.getInt("shop.aws.s3-api-attempt-timeout-ms", 120_000));
        Optional<String> s3Endpoint = settings.find("shop.aws.s3-endpoint");
        S3Configuration s3Options = S3Configuration.builder()
                .pathStyleAccessEnabled(s3Endpoint.isPresent())
                // an emulator stores aws-chunked framing as the object's bytes: send plain bodies there
                .chunkedEncodingEnabled(s3Endpoint.isEmpty())
                .build();
        var s3Builder = configure(S3Client.builder(), region, credentials, s3Timeouts, s3Endpoint).serviceConfiguration(s3Options);
        if (s3Endpoint.isPresent()) {
            s3Builder.requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                    .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        }
        this.s3 = s3Builder.build();
        // links go to the browser, which may reach S3 under another name than the shop does (shop.aws.s3-public-endpoint)
        S3Presigner.Builder presigner = S3Presigner.builder().region(region).credentialsProvider(credentials).serviceConfiguration(s3Options);
        settings.find("shop.aws.s3-public-endpoint").or(() -> s3Endpoint).map(URI::create).ifPresent(presigner::endpointOverride);
        this.s3Presigner = presigner.build();
    }

    private ClientOverrideConfiguration timeouts(int callMillis, int attemptMillis) {
        ClientOverrideConfiguration.Builder configuration = ClientOverrideConfiguration.builder()
                .apiCallTimeout(Duration.ofMillis(callMillis))
                .apiCallAttemptTimeout(Duration.ofMillis(attemptMillis));
        callCounter.ifPresent(configuration::addExecutionInterceptor);
        return configuration.build();
    }

    private static AwsCredentialsProvider credentials(ShopSettings settings) {
        Optional<String> accessKey = settings.find("shop.aws.access-key");
        Optional<String> secretKey = settings.find("shop.aws.secret-key");
        if (accessKey.isPresent() && secretKey.isPresent()) {
            return StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey.get(), secretKey.get()));
        }
        return DefaultCredentialsProvider.builder().build();
    }

    private static <B extends AwsClientBuilder<B, ?>> B configure(B builder, Region region, AwsCredentialsProvider credentials,
            ClientOverrideConfiguration timeouts, Optional<String> endpoint) {
        builder.region(region).credentialsProvider(credentials).overrideConfiguration(timeouts);
        endpoint.map(URI::create).ifPresent(builder::endpointOverride);
        return builder;
    }

    /** The round-trip counter of every client, when {@code shop.aws.count-calls} is on (benchmarks). */
    public Optional<AwsCallCounter> callCounter() {
        return callCounter;
    }

    /** Every write to a DynamoDB table, for the caches of what it holds. */
    public TableWrites tableWrites() {
        return tableWrites;
    }

    public SqsClient sqs() {
        return sqs;
    }

    /** For queue consumers (long polls): {@code amazonSQSClient=#sqsPollingClient} on their endpoints. */
    public SqsClient sqsPolling() {
        return sqsPolling;
    }

    public DynamoDbClient dynamoDb() {
        return dynamoDb;
    }

    public SesClient ses() {
        return ses;
    }

    public SesV2Client sesV2() {
        return sesV2;
    }

    public S3Client s3() {
        return s3;
    }

    public S3Presigner s3Presigner() {
        return s3Presigner;
    }

    @Override
    protected void doStop() {
        sqs.close();
        sqsPolling.close();
        dynamoDb.close();
        ses.close();
        sesV2.close();
        s3.close();
        s3Presigner.close();
    }
}
