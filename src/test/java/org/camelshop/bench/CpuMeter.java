package org.camelshop.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * CPU time used by this JVM (by thread group) and by every process it started (the emulators), read from /proc, so a
 * benchmark can print CPU per order: a cost that, unlike a rate, does not depend on how busy the shared box is.
 * Threads are grouped by their kernel name without trailing numbers ({@code vert.x-eventloo}, {@code Camel (camel-1)},
 * {@code elasticmq-pekko}); a thread that ended between two snapshots counts in the JVM's total only.
 */
final class CpuMeter {

    /** Linux reports CPU time in clock ticks of 1/100 s (USER_HZ) on every architecture the JDK runs on. */
    private static final double MS_PER_TICK = 10.0;

    private final Map<String, Long> processes;
    private final Map<String, Long> threads;

    private CpuMeter(Map<String, Long> processes, Map<String, Long> threads) {
        this.processes = processes;
        this.threads = threads;
    }

    /** Ticks used so far, by process and by this JVM's live threads. */
    static CpuMeter snapshot() {
        Map<String, Long> processes = new LinkedHashMap<>();
        processes.put("benchmark JVM (shop, ElasticMQ, buyers)", ticks(Path.of("/proc/self/stat")));
        ProcessHandle.current().descendants().forEach(child -> processes.merge(name(child), ticks(Path.of("/proc/" + child.pid() + "/stat")), Long::sum));
        Map<String, Long> threads = new HashMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            tasks.forEach(task -> threads.put(task.getFileName() + " " + read(task.resolve("comm")).strip(), ticks(task.resolve("stat"))));
        } catch (IOException unreadable) {
            // no per-thread figures; the process totals stand
        }
        return new CpuMeter(processes, threads);
    }

    /** Prints the CPU milliseconds per order used since {@code before}, by process and by the JVM's main thread groups. */
    void printSince(CpuMeter before, int orders, double seconds) {
        if (orders == 0) {
            return;
        }
        Map<String, Long> used = new LinkedHashMap<>();
        processes.forEach((name, ticks) -> used.put(name, ticks - before.processes.getOrDefault(name, 0L)));
        long total = used.values().stream().mapToLong(Long::longValue).sum();
        System.out.printf("CPU per order: %.1f ms in all (%.2f cores busy over %.1f s)%n", total * MS_PER_TICK / orders,
                total * MS_PER_TICK / 1000 / seconds, seconds);
        used.forEach((name, ticks) -> System.out.printf("  %-40s %7.1f ms per order%n", name, ticks * MS_PER_TICK / orders));
        Map<String, Long> groups = new HashMap<>();
        threads.forEach((key, ticks) -> groups.merge(group(key), ticks - before.threads.getOrDefault(key, 0L), Long::sum));
        groups.entrySet().stream().filter(group -> group.getValue() * MS_PER_TICK / orders >= 0.1)
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(group -> System.out.printf("    JVM threads %-28s %7.1f ms per order%n", group.getKey(), group.getValue() * MS_PER_TICK / orders));
    }

    /** A thread's group: its kernel name without the task id and trailing numbering. */
    private static String group(String key) {
        return key.substring(key.indexOf(' ') + 1).replaceAll("[-#\\s]*\\d+$", "");
    }

    /** A child process named by what it runs (node's script, or the program itself). */
    private static String name(ProcessHandle child) {
        String[] command = read(Path.of("/proc/" + child.pid() + "/cmdline")).split("\0");
        String program = command.length > 1 && command[0].endsWith("node") ? command[1] : command[0];
        return program.replaceAll(".*node_modules/([^/]+)/.*", "$1").replaceAll(".*/", "");
    }

    /** utime + stime of a /proc stat line (fields 14 and 15, counted after the parenthesised name). */
    private static long ticks(Path stat) {
        String line = read(stat);
        if (line.isEmpty()) {
            return 0;
        }
        String[] fields = line.substring(line.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException gone) {
            return "";
        }
    }
}
