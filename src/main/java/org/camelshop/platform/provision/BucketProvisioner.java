package org.camelshop.platform.provision;

import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketLifecycleConfiguration;
import software.amazon.awssdk.services.s3.model.ExpirationStatus;
import software.amazon.awssdk.services.s3.model.LifecycleRule;
import software.amazon.awssdk.services.s3.model.PublicAccessBlockConfiguration;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Makes the shop's buckets exist and private: every public access blocked (images reach browsers through the shop or
 * a CDN with origin access, goods only through presigned links), and a lifecycle rule that aborts multipart uploads
 * left unfinished for a day (their parts would otherwise be stored, and billed, for ever). Idempotent; what an S3
 * implementation does not offer (the local emulator has no public access blocks) is noted rather than failed.
 */
public final class BucketProvisioner {

    private static final Logger LOG = LoggerFactory.getLogger(BucketProvisioner.class);
    static final String ABORT_UPLOADS_RULE = "abort-incomplete-multipart-uploads";
    private static final PublicAccessBlockConfiguration PRIVATE = PublicAccessBlockConfiguration.builder()
            .blockPublicAcls(true).ignorePublicAcls(true).blockPublicPolicy(true).restrictPublicBuckets(true).build();

    private final S3Client s3;

    public BucketProvisioner(S3Client s3) {
        this.s3 = s3;
    }

    public ProvisioningReport apply(List<String> buckets) {
        List<String> changes = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (String bucket : buckets) {
            if (!exists(bucket)) {
                Region region = s3.serviceClientConfiguration().region();
                try {
                    s3.createBucket(r -> {
                        r.bucket(bucket);
                        if (!Region.US_EAST_1.equals(region)) {
                            r.createBucketConfiguration(c -> c.locationConstraint(region.id()));
                        }
                    });
                    changes.add("created bucket " + bucket);
                } catch (software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException
                        | software.amazon.awssdk.services.s3.model.BucketAlreadyExistsException e) {
                    // another instance starting at the same moment created it first
                }
            }
            optional(bucket, "public access block", notes, () -> {
                if (!PRIVATE.equals(currentAccessBlock(bucket))) {
                    s3.putPublicAccessBlock(r -> r.bucket(bucket).publicAccessBlockConfiguration(PRIVATE));
                    changes.add("blocked public access to " + bucket);
                }
            });
            optional(bucket, "lifecycle rules", notes, () -> {
                if (!hasAbortRule(bucket)) {
                    s3.putBucketLifecycleConfiguration(r -> r.bucket(bucket).lifecycleConfiguration(BucketLifecycleConfiguration.builder()
                            .rules(LifecycleRule.builder().id(ABORT_UPLOADS_RULE).status(ExpirationStatus.ENABLED).filter(f -> f.prefix(""))
                                    .abortIncompleteMultipartUpload(a -> a.daysAfterInitiation(1)).build()).build()));
                    changes.add("added rule " + ABORT_UPLOADS_RULE + " to " + bucket);
                }
            });
        }
        ProvisioningReport report = new ProvisioningReport(0, 0, changes, notes);
        LOG.info("Buckets {}: {}{}", buckets, changes.isEmpty() ? "nothing to change" : String.join("; ", changes),
                notes.isEmpty() ? "" : ". Notes: " + String.join("; ", notes));
        return report;
    }

    private boolean exists(String bucket) {
        return absentOn404(() -> s3.headBucket(r -> r.bucket(bucket))) != null;
    }

    private PublicAccessBlockConfiguration currentAccessBlock(String bucket) {
        var current = absentOn404(() -> s3.getPublicAccessBlock(r -> r.bucket(bucket)));
        return current == null ? null : current.publicAccessBlockConfiguration();
    }

    private boolean hasAbortRule(String bucket) {
        var current = absentOn404(() -> s3.getBucketLifecycleConfiguration(r -> r.bucket(bucket)));
        return current != null && current.rules().stream().anyMatch(r -> ABORT_UPLOADS_RULE.equals(r.id()));
    }

    /** S3 answers 404 for a missing bucket and for a setting never made: both mean "not there yet". */
    private static <T> T absentOn404(java.util.function.Supplier<T> call) {
        try {
            return call.get();
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return null;
            }
            throw e;
        }
    }

    /** Runs a setting an emulator may not implement: "not implemented" becomes a note. */
    private static void optional(String bucket, String what, List<String> notes, Runnable step) {
        try {
            step.run();
        } catch (S3Exception e) {
            if (e.statusCode() != 501 && e.statusCode() != 405) {
                throw e;
            }
            notes.add(bucket + ": " + what + " not supported by this S3 endpoint");
        }
    }
}
