package org.camelshop.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * Guards for route files: every id (route, templated route, REST verb, route configuration, EIP) is unique across all files — a REST
 * verb and a route sharing an id silently replace one another — and every file is listed in routesIncludePattern.
 */
class RouteFilesTest {

    private static final Path ROUTES = Path.of("src/main/resources/routes");
    private static final Pattern ID = Pattern.compile("^\\s*-?\\s*id: (\\S+)\\s*$");
    /** The id of a route made from a template (templatedRoute), written as a block or inline. */
    private static final Pattern TEMPLATED_ID = Pattern.compile("\\brouteId: ([^,}\\s]+)");

    @Test
    void everyIdIsUniqueAcrossTheRouteFiles() throws IOException {
        Map<String, List<String>> places = new HashMap<>();
        try (Stream<Path> files = Files.list(ROUTES)) {
            for (Path file : files.toList()) {
                List<String> lines = Files.readAllLines(file);
                for (int i = 0; i < lines.size(); i++) {
                    Matcher id = ID.matcher(lines.get(i));
                    Matcher templated = TEMPLATED_ID.matcher(lines.get(i));
                    String found = id.matches() ? id.group(1) : templated.find() ? templated.group(1) : null;
                    if (found != null) {
                        places.computeIfAbsent(found, k -> new ArrayList<>()).add(file.getFileName() + ":" + (i + 1));
                    }
                }
            }
        }
        Map<String, List<String>> duplicates = new HashMap<>();
        places.forEach((id, where) -> {
            if (where.size() > 1) {
                duplicates.put(id, where);
            }
        });
        assertEquals(Map.of(), duplicates);
    }

    @Test
    void everyRouteFileIsLoaded() throws IOException {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(Path.of("src/main/resources/application.properties"))) {
            properties.load(in);
        }
        List<String> listed = Stream.of(properties.getProperty("camel.main.routesIncludePattern").split(","))
                .map(entry -> entry.trim().replace("classpath:routes/", "")).sorted().toList();
        try (Stream<Path> files = Files.list(ROUTES)) {
            assertEquals(files.map(f -> f.getFileName().toString()).sorted().toList(), listed);
        }
    }
}
