package org.camelshop.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Prometheus alert rules in docker/prometheus: every rule has a synthetic breach that makes it fire in
 * alerts-test.yml, and promtool runs those tests (and checks the config). promtool comes from Debian's prometheus
 * package, installed by local-stack/install-promtool.sh when missing; where it cannot be installed the promtool
 * tests are skipped, saying so.
 */
class AlertRulesTest {

    private static final Path DIR = Path.of("docker/prometheus");
    private static boolean promtool;

    @BeforeAll
    static void installPromtool() throws Exception {
        Process install = new ProcessBuilder("bash", "local-stack/install-promtool.sh").redirectErrorStream(true)
                .redirectOutput(Path.of("target/install-promtool.log").toFile()).start();
        promtool = install.waitFor(5, TimeUnit.MINUTES) && install.exitValue() == 0;
    }

    @Test
    void everyAlertHasAFiringTest() throws IOException {
        String rules = Files.readString(DIR.resolve("alerts.yml"));
        String tests = Files.readString(DIR.resolve("alerts-test.yml"));
        Matcher alert = Pattern.compile("(?m)^\\s*- alert: (\\S+)").matcher(rules);
        int count = 0;
        while (alert.find()) {
            count++;
            String name = alert.group(1);
            assertTrue(Pattern.compile("alertname: " + name + "\\s+eval_time: \\S+\\s+exp_alerts:").matcher(tests).find(),
                    name + " has no test in alerts-test.yml where it fires");
        }
        assertTrue(count >= 10, "the seed's 8 alarms and more: " + count);
    }

    @Test
    void promtoolUnitTestsPass() throws Exception {
        assumeTrue(promtool, "promtool could not be installed (see target/install-promtool.log): alert rule tests skipped");
        assertEquals("", run("promtool", "test", "rules", DIR.resolve("alerts-test.yml").toString()));
    }

    @Test
    void prometheusConfigIsValid() throws Exception {
        assumeTrue(promtool, "promtool could not be installed (see target/install-promtool.log): config check skipped");
        assertEquals("", run("promtool", "check", "config", DIR.resolve("prometheus.yml").toString()));
    }

    /** Runs the command; "" when it succeeded, else its output. */
    private static String run(String... command) throws Exception {
        Process process = new ProcessBuilder(List.of(command)).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(2, TimeUnit.MINUTES), "promtool did not finish");
        return process.exitValue() == 0 ? "" : output;
    }
}
