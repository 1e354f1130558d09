package io.msgflow.benchmarks.transport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/** Forks a {@link HeapProbe} with a fixed maximum heap and reads what it measured. */
public final class HeapMeasurement {
    /** What one probe found: heap used after a full collection before and after queueing, or that it ran out. */
    public record Result(String mode, int count, String maxHeapFlag, boolean outOfMemory, long before, long after, long max) {

        public double bytesPerMessage() {
            return (double) (after - before) / count;
        }
    }

    private HeapMeasurement() {
    }

    public static Result probe(String mode, int count, String maxHeapFlag) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = List.of(java, maxHeapFlag, "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-cp",
                System.getProperty("java.class.path"), HeapProbe.class.getName(), mode, String.valueOf(count));
        try {
            Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            int exit = process.waitFor();
            return parse(mode, count, maxHeapFlag, output, exit);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot fork " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the heap probe ran", e);
        }
    }

    private static Result parse(String mode, int count, String maxHeapFlag, String output, int exit) {
        String last = output.isEmpty() ? "" : output.substring(output.lastIndexOf('\n') + 1);
        String[] words = last.split(" ");
        if (exit == 0 && words.length == 4 && words[0].equals("RESULT")) {
            return new Result(mode, count, maxHeapFlag, false, Long.parseLong(words[1]), Long.parseLong(words[2]), Long.parseLong(words[3]));
        }
        if (words[0].equals("OOM")) {
            return new Result(mode, Integer.parseInt(words[1]), maxHeapFlag, true, 0, 0, 0);
        }
        throw new IllegalStateException("the heap probe (" + mode + ", " + count + ") exited with " + exit + " and printed: " + output);
    }
}
