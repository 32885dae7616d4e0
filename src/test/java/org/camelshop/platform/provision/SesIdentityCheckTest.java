package org.camelshop.platform.provision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.model.GetEmailIdentityRequest;
import software.amazon.awssdk.services.sesv2.model.GetEmailIdentityResponse;
import software.amazon.awssdk.services.sesv2.model.NotFoundException;

/** The SES sender check of the provisioning command, against an SES that knows the given identities. */
class SesIdentityCheckTest {

    /** SES with these identities (name → verified for sending); any other is unknown; null: SES unreachable. */
    private static SesV2Client ses(Map<String, Boolean> identities) {
        return new SesV2Client() {
            @Override
            public GetEmailIdentityResponse getEmailIdentity(Consumer<GetEmailIdentityRequest.Builder> request) {
                if (identities == null) {
                    throw SdkClientException.create("Unable to execute HTTP request: Connection refused");
                }
                String identity = GetEmailIdentityRequest.builder().applyMutation(request).build().emailIdentity();
                if (!identities.containsKey(identity)) {
                    throw NotFoundException.builder().message("Email identity " + identity + " does not exist").build();
                }
                return GetEmailIdentityResponse.builder().verifiedForSendingStatus(identities.get(identity)).build();
            }

            @Override
            public String serviceName() {
                return "ses";
            }

            @Override
            public void close() {
            }
        };
    }

    @Test
    void aVerifiedAddressOrDomainCanSend() {
        assertTrue(new SesIdentityCheck(ses(Map.of("shop@example.com", true))).check("shop@example.com").verified());
        SesIdentityCheck.Result domain = new SesIdentityCheck(ses(Map.of("example.com", true))).check("shop@example.com");
        assertTrue(domain.verified());
        assertEquals("SES: shop@example.com can send (identity example.com is verified)", domain.message());
    }

    @Test
    void anUnverifiedOrUnknownSenderIsExplained() {
        SesIdentityCheck.Result pending = new SesIdentityCheck(ses(Map.of("shop@example.com", false))).check("shop@example.com");
        assertFalse(pending.verified());
        assertTrue(pending.message().contains("aws sesv2 create-email-identity --email-identity shop@example.com"), pending.message());
        assertFalse(new SesIdentityCheck(ses(Map.of())).check("shop@example.com").verified());
    }

    @Test
    void anUnreachableSesIsReportedNotThrown() {
        SesIdentityCheck.Result result = new SesIdentityCheck(ses(null)).check("shop@example.com");
        assertFalse(result.verified());
        assertTrue(result.message().startsWith("SES: identity of shop@example.com could not be checked"), result.message());
    }
}
