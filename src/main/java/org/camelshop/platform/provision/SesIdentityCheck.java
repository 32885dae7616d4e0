package org.camelshop.platform.provision;

import java.util.Optional;

import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.model.NotFoundException;

/**
 * Whether SES will send from the shop's sender address ({@code shop.mail.from}): the address itself or its domain
 * must be a verified identity. Only checks and explains; creating an identity sends a verification mail or needs DNS
 * records, which is the operator's step (README "Deploy to AWS").
 */
public final class SesIdentityCheck {

    public record Result(boolean verified, String message) {
    }

    private final SesV2Client ses;

    public SesIdentityCheck(SesV2Client ses) {
        this.ses = ses;
    }

    public Result check(String from) {
        String domain = from.substring(from.indexOf('@') + 1);
        try {
            for (String identity : new String[] {from, domain}) {
                if (verified(identity).orElse(false)) {
                    return new Result(true, "SES: " + from + " can send (identity " + identity + " is verified)");
                }
            }
            return new Result(false, "SES: " + from + " cannot send yet: verify it with `aws sesv2 create-email-identity --email-identity "
                    + from + "` (click the link in the mail) or verify the domain " + domain + " (DKIM records)");
        } catch (SdkException e) {
            return new Result(false, "SES: identity of " + from + " could not be checked: " + e.getMessage());
        }
    }

    /** Empty when SES does not know the identity. */
    private Optional<Boolean> verified(String identity) {
        try {
            return Optional.of(Boolean.TRUE.equals(ses.getEmailIdentity(r -> r.emailIdentity(identity)).verifiedForSendingStatus()));
        } catch (NotFoundException e) {
            return Optional.empty();
        }
    }
}
