package org.camelshop.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * An emulator run under {@code local-stack/supervise.js}, which stops it as soon as this JVM's pipe to it closes:
 * on a normal stop, Ctrl-C, or kill -9 of the JVM alike.
 */
final class SupervisedProcess implements AutoCloseable {

    private final String name;
    private final int port;
    private final Process process;

    private SupervisedProcess(String name, int port, Process process) {
        this.name = name;
        this.port = port;
        this.process = process;
    }

    static SupervisedProcess start(String name, int port, Path localStackDir, Path logFile, List<String> command, Map<String, String> environment)
            throws IOException {
        List<String> full = new ArrayList<>(List.of("node", localStackDir.resolve("supervise.js").toString()));
        full.addAll(command);
        Files.createDirectories(logFile.getParent());
        ProcessBuilder builder = new ProcessBuilder(full);
        builder.environment().putAll(environment);
        Process process = builder
                .directory(localStackDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(logFile.toFile())
                .start();
        return new SupervisedProcess(name, port, process);
    }

    /** Sends {@code signal} (e.g. {@code STOP}, {@code CONT}) to the emulator itself, below its supervisor. */
    void signal(String signal) {
        process.descendants().forEach(child -> {
            try {
                Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(child.pid())).inheritIO().start();
                if (kill.waitFor() != 0) {
                    throw new IllegalStateException("kill -" + signal + " " + child.pid() + " failed");
                }
            } catch (IOException e) {
                throw new IllegalStateException("cannot signal " + name, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        });
    }

    boolean isAlive() {
        return process.isAlive();
    }

    int port() {
        return port;
    }

    String name() {
        return name;
    }

    /** Tells the supervisor to stop its child (its stdin ends) without waiting; {@link #close()} waits. */
    void requestStop() {
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            process.destroyForcibly();
        }
    }

    @Override
    public void close() {
        try {
            process.getOutputStream().close(); // the supervisor stops its child when stdin ends
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroy(); // SIGTERM: the supervisor still stops its child first
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            }
        } catch (IOException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
