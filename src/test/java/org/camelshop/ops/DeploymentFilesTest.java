package org.camelshop.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/**
 * The files in docker/: the compose file mounts only files that exist and (where Docker is installed) validates;
 * the Grafana dashboard is valid JSON whose every query uses a metric documented in docs/operations.md, as do the
 * alert rules.
 */
class DeploymentFilesTest {

    private static final Path DOCKER = Path.of("docker");
    private static final Pattern METRIC = Pattern.compile("\\b((?:shop|camel|jvm|process|system)_[a-z_]+)");

    @Test
    void composeMountsExistingFiles() throws IOException {
        Matcher mount = Pattern.compile("- \\./(\\S+):/").matcher(Files.readString(DOCKER.resolve("compose.yaml")));
        int mounts = 0;
        while (mount.find()) {
            mounts++;
            assertTrue(Files.isRegularFile(DOCKER.resolve(mount.group(1))), mount.group(1));
        }
        assertEquals(6, mounts);
    }

    @Test
    void composeFileValidatesWhereDockerExists() throws Exception {
        assumeTrue(composeAvailable(), "no Docker Compose on this machine: `docker compose config` not run (the mounts are checked above)");
        Process process = new ProcessBuilder("docker", "compose", "-f", "docker/compose.yaml", "config", "-q").redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(2, TimeUnit.MINUTES));
        assertEquals(0, process.exitValue(), output);
    }

    @Test
    void dashboardAndAlertsUseDocumentedMetrics() throws IOException {
        JsonNode dashboard = new ObjectMapper().readTree(DOCKER.resolve("grafana/shopping-overview.json").toFile());
        assertEquals("Shopping-Overview", dashboard.get("title").asText());
        Set<String> used = new TreeSet<>();
        dashboard.get("panels").forEach(panel -> {
            if (panel.has("targets")) {
                panel.get("targets").forEach(target -> used.addAll(metrics(target.get("expr").asText())));
            }
        });
        used.addAll(metrics(Files.readString(DOCKER.resolve("prometheus/alerts.yml"))));
        String documented = Files.readString(Path.of("docs/operations.md"));
        Set<String> missing = new TreeSet<>();
        for (String metric : used) {
            String family = metric.replaceFirst("_(total|count|sum|max|bucket)$", "");
            if (!documented.contains("`" + metric) && !documented.contains("`" + family)) {
                missing.add(metric);
            }
        }
        assertEquals(Set.of(), missing, "metrics used by the dashboard or alerts but not documented in docs/operations.md");
    }

    private static boolean composeAvailable() {
        try {
            Process version = new ProcessBuilder("docker", "compose", "version").redirectErrorStream(true).start();
            version.getInputStream().readAllBytes();
            return version.waitFor(30, TimeUnit.SECONDS) && version.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    private static Set<String> metrics(String text) {
        Set<String> names = new TreeSet<>();
        Matcher matcher = METRIC.matcher(text);
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }
}
