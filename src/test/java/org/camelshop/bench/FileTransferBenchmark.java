package org.camelshop.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;

import org.camelshop.local.LocalStack;
import org.camelshop.local.RunningShop;
import org.camelshop.local.StackPorts;
import org.camelshop.payment.Checkout;
import org.camelshop.platform.AwsClients;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.CompletedPart;

/**
 * Upload and download throughput of one product file through the shop vs. straight to the S3 emulator, one transfer at
 * a time: upload = {@code POST /api/admin/products/{id}/file} (the shop checks it and writes it with aws2-s3, in 8 MB
 * parts unless told otherwise) vs. the SDK's PUT (single and multipart); download = the buyer's signed link (shop:
 * checks, counts, 302) plus the presigned GET vs. the SDK's GET and the presigned GET alone.
 * {@code bench/main.sh FileTransferBenchmark [MB] [rounds] [shop part bytes]}.
 */
public final class FileTransferBenchmark {

    private static final String GOODS = "camel-shop-goods";
    private static final int PART = 8 * 1024 * 1024;

    private FileTransferBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int megabytes = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        String partBytes = args.length > 2 ? args[2] : Integer.toString(PART);
        byte[] file = new byte[megabytes * 1024 * 1024];
        new Random(15).nextBytes(file);
        file[0] = 'P';
        file[1] = 'K';
        file[2] = 3;
        file[3] = 4;
        HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        try (LocalStack stack = LocalStack.start(StackPorts.free());
             RunningShop shop = BenchShop.start(stack, Map.of("shop.files.part-bytes", partBytes));
             AwsClients aws = stack.awsClients()) {
            String admin = shop.loginAdmin();
            Checkout checkout = new Checkout(shop);
            String productId = checkout.product(999, 1_000_000, true);
            HttpRequest upload = HttpRequest.newBuilder(URI.create(shop.baseUrl() + "/api/admin/products/" + productId + "/file?filename=bench.zip"))
                    .header("Authorization", "Bearer " + admin).header("Content-Type", "application/zip")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(file)).build();
            check(http.send(upload, HttpResponse.BodyHandlers.ofString()).statusCode() == 201, "upload");
            String orderId = checkout.orderAwaitingPayment("stripe", 1, productId);
            checkout.payByCard(orderId);
            String link = RunningShop.json(shop.call("GET", "/api/orders/" + orderId + "/downloads", null, checkout.shopper))
                    .get("downloads").get(0).get("url").asText();
            String presigned = http.send(HttpRequest.newBuilder(URI.create(shop.baseUrl() + link)).build(), HttpResponse.BodyHandlers.discarding())
                    .headers().firstValue("Location").orElseThrow();

            System.out.printf("%d MB file, %d rounds each after 2 warm-up rounds, one transfer at a time (median, best); shop part size %s bytes%n",
                    megabytes, rounds, partBytes);
            report("upload through the shop (POST, aws2-s3)", megabytes, rounds, () ->
                    http.send(upload, HttpResponse.BodyHandlers.ofString()).statusCode() == 201);
            report("upload straight to S3 (SDK PutObject)", megabytes, rounds, () -> {
                aws.s3().putObject(r -> r.bucket(GOODS).key("bench/direct.zip").contentType("application/zip"), RequestBody.fromBytes(file));
                return true;
            });
            report("upload straight to S3 (SDK multipart, 8 MB parts)", megabytes, rounds, () -> multipart(aws, file));
            report("download through the shop (signed link, 302, presigned GET)", megabytes, rounds, () -> {
                String location = http.send(HttpRequest.newBuilder(URI.create(shop.baseUrl() + link)).build(), HttpResponse.BodyHandlers.discarding())
                        .headers().firstValue("Location").orElseThrow();
                return Arrays.equals(file, http.send(HttpRequest.newBuilder(URI.create(location)).build(), HttpResponse.BodyHandlers.ofByteArray()).body());
            });
            report("of which the shop's part (signed link checked, counted, 302)", megabytes, rounds, () ->
                    http.send(HttpRequest.newBuilder(URI.create(shop.baseUrl() + link)).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 302);
            report("download straight from S3 (presigned GET alone)", megabytes, rounds, () ->
                    http.send(HttpRequest.newBuilder(URI.create(presigned)).build(), HttpResponse.BodyHandlers.ofByteArray()).body().length == file.length);
            report("download straight from S3 (SDK GetObject)", megabytes, rounds, () ->
                    aws.s3().getObjectAsBytes(r -> r.bucket(GOODS).key("bench/direct.zip")).asByteArray().length == file.length);
        }
        System.exit(0);
    }

    private static boolean multipart(AwsClients aws, byte[] file) {
        String key = "bench/direct-multipart.zip";
        String id = aws.s3().createMultipartUpload(r -> r.bucket(GOODS).key(key).contentType("application/zip")).uploadId();
        List<CompletedPart> parts = new ArrayList<>();
        for (int offset = 0, number = 1; offset < file.length; offset += PART, number++) {
            int partNumber = number;
            byte[] part = Arrays.copyOfRange(file, offset, Math.min(file.length, offset + PART));
            String etag = aws.s3().uploadPart(r -> r.bucket(GOODS).key(key).uploadId(id).partNumber(partNumber), RequestBody.fromBytes(part)).eTag();
            parts.add(CompletedPart.builder().partNumber(partNumber).eTag(etag).build());
        }
        aws.s3().completeMultipartUpload(r -> r.bucket(GOODS).key(key).uploadId(id).multipartUpload(m -> m.parts(parts)));
        return true;
    }

    private static void report(String what, int megabytes, int rounds, Callable<Boolean> transfer) throws Exception {
        long[] millis = new long[rounds];
        for (int i = -2; i < rounds; i++) {
            long start = System.nanoTime();
            check(transfer.call(), what);
            if (i >= 0) {
                millis[i] = (System.nanoTime() - start) / 1_000_000;
            }
        }
        Arrays.sort(millis);
        long median = millis[rounds / 2];
        System.out.printf("%-62s median %5d ms = %6.1f MB/s   best %5d ms = %6.1f MB/s%n", what, median, megabytes * 1000.0 / Math.max(1, median),
                millis[0], megabytes * 1000.0 / Math.max(1, millis[0]));
    }

    private static void check(boolean ok, String what) {
        if (!ok) {
            throw new IllegalStateException(what + " failed");
        }
    }
}
