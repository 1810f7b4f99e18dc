package dev.referent.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A {@link BenchWorker} in a child JVM: sends it commands and parses its one-line answers. */
final class WorkerProcess implements AutoCloseable {

    private final String system;
    private final Path log;
    private final Process process;
    private final Writer commands;
    private final BufferedReader answers;

    WorkerProcess(String system, int threads, String heap, Path dataDir, Path log) throws IOException {
        this.system = system;
        this.log = log;
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx" + heap);
        command.add("-Dreferent.data=" + dataDir);
        command.add("-cp");
        command.add(classpath());
        command.add(BenchWorker.class.getName());
        command.add(system);
        command.add(Integer.toString(threads));
        this.process = new ProcessBuilder(command).redirectError(log.toFile()).start();
        this.commands = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        this.answers = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    /**
     * The classpath the workers need: this JVM's own, or, under {@code mvn exec:java} (which loads the module in a
     * class loader of its own inside Maven's JVM), that loader's jars and folders.
     */
    static String classpath() {
        ClassLoader loader = WorkerProcess.class.getClassLoader();
        if (loader instanceof java.net.URLClassLoader urls && urls.getURLs().length > 0) {
            List<String> entries = new ArrayList<>();
            for (java.net.URL url : urls.getURLs()) {
                try {
                    entries.add(Path.of(url.toURI()).toString());
                } catch (java.net.URISyntaxException | IllegalArgumentException e) {
                    throw new IllegalStateException("classpath entry " + url + " is not a local file", e);
                }
            }
            return String.join(java.io.File.pathSeparator, entries);
        }
        return System.getProperty("java.class.path");
    }

    String system() {
        return system;
    }

    /** Sends one command and waits for its answer's values. */
    Map<String, Double> call(String command) throws IOException {
        commands.write(command + "\n");
        commands.flush();
        String answer = answers.readLine();
        if (answer == null) {
            throw new IOException(system + ": the worker ended during '" + command + "' (see " + log + ")");
        }
        if (!answer.startsWith("ok")) {
            throw new IOException(system + ": '" + command + "' failed: " + answer + " (see " + log + ")");
        }
        Map<String, Double> values = new LinkedHashMap<>();
        for (String pair : answer.substring(2).strip().split(" ")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                values.put(pair.substring(0, eq), Double.parseDouble(pair.substring(eq + 1)));
            }
        }
        return values;
    }

    @Override
    public void close() throws IOException {
        try {
            commands.write("quit\n");
            commands.flush();
        } catch (IOException ignored) {
            // the worker is gone already
        }
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
