package org.camelshop.local;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import org.camelshop.platform.AwsClients;
import org.camelshop.platform.ShopSettings;
import org.elasticmq.NodeAddress;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.embedded.core.ExecutableProvider;

/**
 * The local stack of SPEC §2: ElasticMQ (SQS) in this JVM, dynalite (DynamoDB), aws-ses-v2-local (SES), s3rver (S3)
 * and redis-server as supervised child processes. A port that already serves is reused rather than fought over, unless
 * it belongs to a stack that is shutting down (a run command stopped a moment ago): then this one waits for the port
 * and starts its own. Each emulator a stack starts is marked as its owner's in target/local-stack/owner-PORT.
 * {@link #close()} stops only what this instance started. Reusable by anyone's integration tests.
 */
public final class LocalStack implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocalStack.class);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    /** What the SES emulator answers to GetAccount (the shop's SES readiness probe): a production account. */
    private static final String SES_ACCOUNT = """
            {"DedicatedIpAutoWarmupEnabled":false,"Details":{"AdditionalContactEmailAddresses":[],"ContactLanguage":"EN",\
            "MailType":"TRANSACTIONAL","ReviewDetails":{"CaseId":"local","Status":"GRANTED"},"UseCaseDescription":"local shop",\
            "WebsiteURL":"http://localhost:8080"},"EnforcementStatus":"HEALTHY","ProductionAccessEnabled":true,"SendingEnabled":true,\
            "SendQuota":{"Max24HourSend":1000000,"MaxSendRate":1000,"SentLast24Hours":0},"SuppressionAttributes":{"SuppressedReasons":[]}}""";

    private final StackPorts ports;
    private final Path projectDir;
    private final List<SupervisedProcess> children = new ArrayList<>();
    private final List<Path> owned = new ArrayList<>();
    private SQSRestServer sqs;

    private LocalStack(StackPorts ports, Path projectDir) {
        this.ports = ports;
        this.projectDir = projectDir;
    }

    /** Starts (or reuses) every emulator and returns once all five accept connections. */
    public static LocalStack start(StackPorts ports) {
        LocalStack stack = new LocalStack(ports, Path.of("").toAbsolutePath());
        try {
            stack.startAll();
            return stack;
        } catch (RuntimeException | IOException e) {
            stack.close();
            throw new IllegalStateException("local stack failed to start: " + e.getMessage(), e);
        }
    }

    private void startAll() throws IOException {
        Path localStackDir = projectDir.resolve("local-stack");
        Path logs = projectDir.resolve("target/local-stack");
        NodePackages.ensureInstalled(localStackDir);

        if (reusable("SQS", ports.sqs())) {
            LOG.info("SQS: reusing the server already on port {}", ports.sqs());
        } else {
            sqs = SQSRestServerBuilder.withInterface("127.0.0.1").withPort(ports.sqs())
                    .withServerAddress(new NodeAddress("http", "127.0.0.1", ports.sqs(), ""))
                    .start();
            sqs.waitUntilStarted();
            own(ports.sqs());
        }
        startChild("dynalite", ports.dynamoDb(), localStackDir, logs, List.of("node", "node_modules/dynalite/cli.js",
                "--host", "127.0.0.1", "--port", Integer.toString(ports.dynamoDb()), "--createTableMs", "0",
                "--deleteTableMs", "0", "--updateTableMs", "0"));
        startChild("aws-ses-v2-local", ports.ses(), localStackDir, logs, List.of("node", "node_modules/aws-ses-v2-local/dist/cli.js",
                "--host", "127.0.0.1", "--port", Integer.toString(ports.ses())), Map.of("AWS_SES_ACCOUNT", SES_ACCOUNT));
        startChild("redis-server", ports.redis(), localStackDir, logs, List.of(redisExecutable(),
                "--bind", "127.0.0.1", "--port", Integer.toString(ports.redis()), "--save", "", "--appendonly", "no"));
        // a fresh bucket folder per port, like the other emulators' in-memory data
        startChild("s3rver", ports.s3(), localStackDir, logs, List.of("node", "s3.js", Integer.toString(ports.s3()),
                projectDir.resolve("target/local-stack/s3-" + ports.s3()).toString()));
        for (int port : List.of(ports.sqs(), ports.dynamoDb(), ports.ses(), ports.redis(), ports.s3())) {
            awaitServing(port);
        }
    }

    private void startChild(String name, int port, Path localStackDir, Path logs, List<String> command) throws IOException {
        startChild(name, port, localStackDir, logs, command, Map.of());
    }

    private void startChild(String name, int port, Path localStackDir, Path logs, List<String> command, Map<String, String> environment)
            throws IOException {
        if (reusable(name, port)) {
            LOG.info("{}: reusing the server already on port {}", name, port);
            return;
        }
        children.add(SupervisedProcess.start(name, port, localStackDir, logs.resolve(name + "-" + port + ".log"), command, environment));
        own(port);
    }

    /**
     * Whether a server on {@code port} can be used: nothing there is not; a server of a live stack that is running is
     * (or of no stack of ours: someone's own emulators); one whose stack is stopping, or died, is waited out.
     */
    private boolean reusable(String name, int port) {
        if (!serving(port)) {
            return false;
        }
        Path marker = marker(port);
        String[] owner;
        try {
            owner = Files.exists(marker) ? Files.readString(marker).trim().split(" ") : null;
        } catch (IOException e) {
            owner = null;
        }
        boolean ownerRunning = owner == null || owner.length == 2 && "running".equals(owner[1])
                && ProcessHandle.of(Long.parseLong(owner[0])).map(ProcessHandle::isAlive).orElse(false);
        if (ownerRunning) {
            return true;
        }
        LOG.info("{}: the server on port {} belongs to a stack that is stopping; waiting for the port", name, port);
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (serving(port)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(name + ": port " + port + " still taken by a stopping stack after " + START_TIMEOUT.toSeconds() + " s");
            }
            pause();
        }
        return false;
    }

    private void own(int port) throws IOException {
        Path marker = marker(port);
        Files.createDirectories(marker.getParent());
        Files.writeString(marker, ProcessHandle.current().pid() + " running");
        owned.add(marker);
    }

    /** From now on, a new stack does not reuse what this one started: it is going away. Called first on a stop. */
    public synchronized void markStopping() {
        for (Path marker : owned) {
            try {
                Files.writeString(marker, ProcessHandle.current().pid() + " stopping");
            } catch (IOException e) {
                LOG.warn("cannot mark {} as stopping: {}", marker, e.getMessage());
            }
        }
    }

    private Path marker(int port) {
        return projectDir.resolve("target/local-stack/owner-" + port);
    }

    private static void pause() {
        try {
            TimeUnit.MILLISECONDS.sleep(50); // polling a port
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a port", e);
        }
    }

    private static String redisExecutable() throws IOException {
        File binary = ExecutableProvider.newJarResourceProvider().get();
        if (!binary.canExecute() && !binary.setExecutable(true)) {
            throw new IOException("cannot make " + binary + " executable");
        }
        return binary.getAbsolutePath();
    }

    private void awaitServing(int port) {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (!serving(port)) {
            children.stream().filter(c -> !c.isAlive()).findFirst().ifPresent(dead -> {
                throw new IllegalStateException(dead.name() + " exited; see target/local-stack/" + dead.name() + "-*.log");
            });
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("nothing answered on port " + port + " within " + START_TIMEOUT.toSeconds() + " s");
            }
            pause(); // polling a port that is coming up
        }
    }

    static boolean serving(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    public StackPorts ports() {
        return ports;
    }

    /** The mails the SES emulator received for an address, in the order sent (its inbox API, GET /store). */
    public List<JsonNode> mailsTo(String email) {
        RunningShop ses = RunningShop.at(ports.ses());
        List<JsonNode> mails = new ArrayList<>();
        RunningShop.json(ses.get("/store")).get("emails").forEach(mail -> {
            if (mail.get("destination").get("to").get(0).asText().equals(email)) {
                mails.add(mail);
            }
        });
        return mails;
    }

    /** SDK clients pointed at this stack, built exactly as the shop builds its own. Close them after use. */
    public AwsClients awsClients() {
        AwsClients clients = new AwsClients(ShopSettings.of(Map.of(
                "shop.aws.sqs-endpoint", "http://127.0.0.1:" + ports.sqs(),
                "shop.aws.dynamodb-endpoint", "http://127.0.0.1:" + ports.dynamoDb(),
                "shop.aws.ses-endpoint", "http://127.0.0.1:" + ports.ses(),
                "shop.aws.s3-endpoint", "http://127.0.0.1:" + ports.s3(),
                "shop.aws.access-key", "local",
                "shop.aws.secret-key", "local",
                // tests read and set up through these: patient, unlike the shop's request-path calls
                "shop.aws.api-call-timeout-ms", "30000",
                "shop.aws.api-attempt-timeout-ms", "30000")));
        clients.start();
        return clients;
    }

    /** Stops one emulator this stack started (for tests of what happens when a dependency goes down). */
    public void stopChild(String name) {
        children.stream().filter(c -> c.name().equals(name)).forEach(c -> {
            marker(c.port()).toFile().delete();
            c.close();
        });
        children.removeIf(c -> c.name().equals(name));
    }

    /** Freezes one emulator this stack started (SIGSTOP): it accepts connections but never answers, like a hung server. */
    public void freezeChild(String name) {
        children.stream().filter(c -> c.name().equals(name)).forEach(c -> c.signal("STOP"));
    }

    /** Lets a frozen emulator run again (SIGCONT), its data intact. */
    public void thawChild(String name) {
        children.stream().filter(c -> c.name().equals(name)).forEach(c -> c.signal("CONT"));
    }

    /** Stops the in-process SQS (ElasticMQ) this stack started; its queues and messages are gone with it. */
    public void stopSqs() {
        if (sqs != null) {
            marker(ports.sqs()).toFile().delete();
            sqs.stopAndWait();
            sqs = null;
        }
    }

    public List<String> urls() {
        return List.of(
                "SQS (ElasticMQ)            http://127.0.0.1:" + ports.sqs(),
                "DynamoDB (dynalite)        http://127.0.0.1:" + ports.dynamoDb(),
                "SES (aws-ses-v2-local)     http://127.0.0.1:" + ports.ses() + "  (inbox of sent mail)",
                "Redis                      redis://127.0.0.1:" + ports.redis(),
                "S3 (s3rver)                http://127.0.0.1:" + ports.s3());
    }

    @Override
    public void close() {
        markStopping();
        // every emulator told first, then waited for: they stop side by side, not one after another
        children.forEach(SupervisedProcess::requestStop);
        if (sqs != null) {
            sqs.stopAndWait();
            sqs = null;
        }
        children.forEach(SupervisedProcess::close);
        children.clear();
        owned.forEach(marker -> marker.toFile().delete());
        owned.clear();
    }

    /** Runs {@code npm ci} in local-stack/ when its packages are missing or older than the lockfile. */
    static final class NodePackages {
        private NodePackages() {
        }

        /** The build installs the packages ahead of the integration tests (pom.xml, install-node-packages). */
        public static void main(String[] args) throws IOException {
            ensureInstalled(Path.of("local-stack"));
        }

        static synchronized void ensureInstalled(Path localStackDir) throws IOException {
            // one install at a time across processes too (test JVMs, a running shop): two npm ci in one folder break
            try (java.nio.channels.FileChannel guard = java.nio.channels.FileChannel.open(localStackDir.resolve(".npm-install.lock"),
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.WRITE);
                 java.nio.channels.FileLock held = guard.lock()) {
                installIfStale(localStackDir);
            }
        }

        private static void installIfStale(Path localStackDir) throws IOException {
            Path marker = localStackDir.resolve("node_modules/.package-lock.json");
            Path lock = localStackDir.resolve("package-lock.json");
            if (Files.exists(marker) && Files.getLastModifiedTime(marker).compareTo(Files.getLastModifiedTime(lock)) >= 0) {
                return;
            }
            LOG.info("Installing the local stack's node packages (npm ci in {})", localStackDir);
            // not inheritIO: node makes an inherited stdin non-blocking, which breaks a test fork's command channel
            // ("std/in stream corrupted")
            Process npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund", "--loglevel=error")
                    .directory(localStackDir.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(ProcessBuilder.Redirect.INHERIT).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            try {
                if (npm.waitFor() != 0) {
                    throw new IOException("npm ci failed in " + localStackDir);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted during npm ci", e);
            }
        }
    }
}
