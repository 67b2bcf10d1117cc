package io.xmppgateway.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import java.util.stream.Stream;

/**
 * What the end-to-end benchmarks share besides the packaged gateway ({@code GatewayProcess}): a process's CPU time
 * and system calls from {@code /proc}, percentiles and {@code --name value} options.
 */
final class Bench {

    private static final long CLOCK_TICKS_PER_SECOND = 100;

    private Bench() {
    }

    /**
     * Each process's CPU ticks, those of its JIT compiler threads (a JVM's; 0 for others) and its
     * {@code read}/{@code write} system calls, by name, at one moment or over a span.
     */
    record Usage(Map<String, Long> pids, Map<String, Long> ticks, Map<String, Long> jitTicks,
                 Map<String, long[]> calls) {

        /** The processes' figures now. */
        static Usage of(Map<String, Long> pids) throws IOException {
            Map<String, Long> ticks = new LinkedHashMap<>();
            Map<String, Long> jitTicks = new LinkedHashMap<>();
            Map<String, long[]> calls = new LinkedHashMap<>();
            for (Map.Entry<String, Long> pid : pids.entrySet()) {
                ticks.put(pid.getKey(), cpuTicks(pid.getValue()));
                jitTicks.put(pid.getKey(), compilerTicks(pid.getValue()));
                calls.put(pid.getKey(), syscalls(pid.getValue()));
            }
            return new Usage(pids, ticks, jitTicks, calls);
        }

        /** What each process spent since this snapshot. */
        Usage since() throws IOException {
            Usage now = of(pids);
            Map<String, Long> ticks = new LinkedHashMap<>();
            Map<String, Long> jitTicks = new LinkedHashMap<>();
            Map<String, long[]> calls = new LinkedHashMap<>();
            for (String process : pids.keySet()) {
                ticks.put(process, now.ticks.get(process) - this.ticks.get(process));
                jitTicks.put(process, Math.max(0, now.jitTicks.get(process) - this.jitTicks.get(process)));
                long[] after = now.calls.get(process);
                long[] before = this.calls.get(process);
                calls.put(process, new long[] {after[0] - before[0], after[1] - before[1]});
            }
            return new Usage(pids, ticks, jitTicks, calls);
        }
    }

    /** utime + stime of a process, in clock ticks (Linux {@code /proc/<pid>/stat}). */
    static long cpuTicks(long pid) throws IOException {
        return ticksOf(Files.readString(Path.of("/proc/" + pid + "/stat")));
    }

    /** utime + stime from a {@code stat} file of {@code /proc}. */
    private static long ticksOf(String stat) {
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    /**
     * utime + stime of the JIT compiler threads ({@code C1 CompilerThre…}, {@code C2 CompilerThre…}) of a process
     * that live now. HotSpot stops idle compiler threads, and what a stopped one spent is no longer counted: over a
     * span this can only fall short.
     */
    static long compilerTicks(long pid) throws IOException {
        long ticks = 0;
        try (Stream<Path> threads = Files.list(Path.of("/proc/" + pid + "/task"))) {
            for (Path thread : (Iterable<Path>) threads::iterator) {
                try {
                    String name = Files.readString(thread.resolve("comm"));
                    if (name.startsWith("C1 CompilerThre") || name.startsWith("C2 CompilerThre")) {
                        ticks += ticksOf(Files.readString(thread.resolve("stat")));
                    }
                } catch (NoSuchFileException gone) {
                    // The thread ended meanwhile.
                }
            }
        }
        return ticks;
    }

    static double ticksToMicros(long ticks) {
        return ticks * 1e6 / CLOCK_TICKS_PER_SECOND;
    }

    /** {@code syscr} and {@code syscw} of a process: its read and write system calls (Linux {@code /proc/<pid>/io}). */
    static long[] syscalls(long pid) throws IOException {
        long[] calls = new long[2];
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/io"))) {
            if (line.startsWith("syscr:")) {
                calls[0] = Long.parseLong(line.substring(6).strip());
            } else if (line.startsWith("syscw:")) {
                calls[1] = Long.parseLong(line.substring(6).strip());
            }
        }
        return calls;
    }

    /** The {@code p} quantile (0–1) of sorted values, NaN when there are none. */
    static double percentile(long[] sorted, double p) {
        return sorted.length == 0 ? Double.NaN : sorted[Math.min(sorted.length - 1, (int) (p * sorted.length))];
    }

    /** The median of {@code figure} over {@code runs}: the middle one, or the mean of the two in the middle. */
    static <T> double median(List<T> runs, ToDoubleFunction<T> figure) {
        double[] values = runs.stream().mapToDouble(figure).sorted().toArray();
        return values.length % 2 == 1 ? values[values.length / 2]
                : (values[values.length / 2 - 1] + values[values.length / 2]) / 2;
    }

    /** {@code --name value} pairs. */
    static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        return options;
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
