package org.camelshop.platform.provision;

import java.util.List;

import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.camelshop.platform.AwsClients;
import org.camelshop.platform.ShopProfile;
import org.camelshop.platform.ShopSettings;

/**
 * Provisions queues and tables on their own, e.g. against real AWS before the first deployment:
 * {@code SHOP_PROFILE=aws java -cp camel-shop-all.jar org.camelshop.platform.provision.ProvisionCommand}.
 * Prints what it changed; a second run prints that nothing needed changing. Then checks that SES may send from
 * {@code shop.mail.from}. Exits 1 on failure, 2 when everything is provisioned but SES cannot send yet.
 */
public final class ProvisionCommand {

    private ProvisionCommand() {
    }

    public static void main(String[] args) {
        ShopProfile profile = ShopProfile.current();
        try (CamelContext context = new DefaultCamelContext()) {
            context.getPropertiesComponent().setLocation(profile.propertyLocations());
            try (AwsClients aws = AwsClients.forSetup(ShopSettings.of(context))) {
                aws.start();
                ProvisioningReport report = new Provisioner(aws.sqs(), aws.dynamoDb()).apply(ResourcePlan.QUEUES, ResourcePlan.TABLES);
                System.out.println(report.summary());
                ShopSettings settings = ShopSettings.of(context);
                System.out.println(new BucketProvisioner(aws.s3()).apply(List.of(settings.get("shop.s3.images-bucket"),
                        settings.get("shop.s3.goods-bucket"))).summary());
                SesIdentityCheck.Result ses = new SesIdentityCheck(aws.sesV2()).check(ShopSettings.of(context).get("shop.mail.from"));
                System.out.println(ses.message());
                if (!ses.verified()) {
                    System.exit(2);
                }
            }
        } catch (Exception e) {
            System.err.println("Provisioning failed: " + e.getMessage());
            System.exit(1);
        }
    }
}
