package org.camelshop;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The package rules of docs/architecture.md, checked on the production classes: wiring at the top, a platform that
 * knows no domain, no package cycles, and Camel's API in domain packages only in the named adapters.
 */
class ArchitectureTest {

    /** The shop's domains: every package under org.camelshop but platform (and the base package, which wires them). */
    private static final String[] DOMAINS = {"org.camelshop.account..", "org.camelshop.admin..", "org.camelshop.cart..",
            "org.camelshop.catalog..", "org.camelshop.download..", "org.camelshop.files..", "org.camelshop.inventory..",
            "org.camelshop.mail..", "org.camelshop.marketing..", "org.camelshop.ops..", "org.camelshop.order..",
            "org.camelshop.payment..", "org.camelshop.pricing..", "org.camelshop.review..", "org.camelshop.tracking.."};

    /**
     * Domain classes that may use Camel's API, each an adapter at the edge of its flow (docs/architecture.md says
     * which kind and why). A new domain class takes and returns values; if it must touch the exchange, it is added
     * here on purpose.
     */
    private static final Set<String> CAMEL_ADAPTERS = Set.of(
            // producers: publish to a route from a bean
            "inventory.StockEvents",
            // Camel extensions: endpoint strategy, event notifier, circuit breakers, health check, bean wiring
            "ops.InProcessQueues", "ops.HttpMetrics", "payment.PaymentBreakers",
            "payment.BreakerHealthCheck", "payment.PaymentWiring");

    /** The production classes only (target/classes), read straight from their folder: no class path scan. */
    private static JavaClasses production;
    private static Path classes;

    @BeforeAll
    static void importProductionClasses() throws Exception {
        classes = Path.of(ShopApplication.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        production = new ClassFileImporter().importPath(classes);
    }

    /** A class is an adapter when it, or the class it is nested in, is named in the list. */
    private static final DescribedPredicate<JavaClass> NAMED_ADAPTER = DescribedPredicate.describe("a named Camel adapter",
            c -> CAMEL_ADAPTERS.contains(c.getName().replaceFirst("^org\\.camelshop\\.", "").replaceFirst("\\$.*", "")));

    @Test
    void platformKnowsNoDomain() {
        noClasses().that().resideInAPackage("org.camelshop.platform..")
                .should().dependOnClassesThat(resideInAPackage("org.camelshop..").and(not(resideInAPackage("org.camelshop.platform.."))))
                .because("platform is what every domain builds on; the base package org.camelshop wires the domains").check(production);
    }

    @Test
    void noCyclesBetweenTopLevelPackages() {
        slices().matching("org.camelshop.(*)..").should().beFreeOfCycles().check(production);
    }

    @Test
    void noCyclesBetweenAnyPackages() {
        slices().matching("org.camelshop.(**)").should().beFreeOfCycles().check(production);
    }

    /** Another domain's contract: an interface, or a value (record, enum) that crosses it. */
    private static final DescribedPredicate<JavaClass> CONTRACT = DescribedPredicate.describe("an interface, record or enum",
            c -> c.isInterface() || c.isRecord() || c.isEnum());

    @Test
    void marketingUsesOnlyOtherDomainsInterfacesAndValues() {
        noClasses().that().resideInAPackage("org.camelshop.marketing..")
                .should().dependOnClassesThat(resideInAPackage("org.camelshop..")
                        .and(not(resideInAnyPackage("org.camelshop.marketing..", "org.camelshop.platform..")))
                        .and(not(CONTRACT)))
                .because("marketing reads and erases other domains' data through the small interfaces they offer (CartLookup,"
                        + " OrderHistory, ViewHistory, RestockedProducts, PersonalRecords, ...) and the records that cross them,"
                        + " so a domain can change its tables and beans without touching marketing")
                .check(production);
    }

    @Test
    void domainBeansTakeValuesNotExchanges() {
        noClasses().that().resideInAnyPackage(DOMAINS)
                .and(not(NAMED_ADAPTER))
                .should().dependOnClassesThat().resideInAPackage("org.apache.camel..")
                .because("a domain bean takes values and returns values; the route passes ${body} and headers").check(production);
    }

    @Test
    void thePaymentSandboxIsNotInTheProductionJar() {
        noClasses().should().resideInAPackage("org.camelshop.payment.sandbox..").check(production);
        assertFalse(Files.exists(classes.resolve("routes/payment-sandbox.yaml")), "the sandbox's routes are a test resource");
    }
}
