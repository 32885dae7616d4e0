package org.camelshop.platform.provision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import java.util.UUID;

import org.camelshop.local.LocalStack;
import org.camelshop.local.LocalStackExtension;
import org.camelshop.platform.AwsClients;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Bucket provisioning on the local S3: creates what is missing, and a second run changes nothing. */
@ExtendWith(LocalStackExtension.class)
class BucketProvisionerIT {

    @Test
    void createsTheBucketsOnceAndSaysWhatTheEndpointCannotDo(LocalStack stack) throws Exception {
        String images = "it-images-" + UUID.randomUUID();
        String goods = "it-goods-" + UUID.randomUUID();
        try (AwsClients aws = stack.awsClients()) {
            BucketProvisioner provisioner = new BucketProvisioner(aws.s3());

            ProvisioningReport first = provisioner.apply(List.of(images, goods));
            assertEquals(List.of("created bucket " + images, "created bucket " + goods),
                    first.changes().stream().filter(c -> c.startsWith("created")).toList(), first.summary());
            aws.s3().headBucket(r -> r.bucket(images));
            aws.s3().headBucket(r -> r.bucket(goods));

            ProvisioningReport second = provisioner.apply(List.of(images, goods));
            assertFalse(second.changedAnything(), second.summary());
            assertEquals(first.notes(), second.notes(), "the same limits of the emulator, noted both times");
        }
    }
}
