package org.camelshop.platform;

import java.time.Duration;

import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;

/** Health probes answer within a couple of seconds: a hanging dependency counts as down. */
final class HealthProbes {

    static final AwsRequestOverrideConfiguration TIMEOUT = AwsRequestOverrideConfiguration.builder()
            .apiCallTimeout(Duration.ofSeconds(2))
            .build();

    private HealthProbes() {
    }
}
