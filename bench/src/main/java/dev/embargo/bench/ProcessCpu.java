package dev.embargo.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * CPU time of each part of the local platform, read from /proc: every process of a component's process group (each
 * `./platform` component runs in its own session), PostgreSQL's processes by name wherever they were started, and the
 * benchmark's own JVM, whose load generation competes with the servers for the same cores. Children that exited count
 * through their parent's reaped-children times, so a phase's difference is the whole of its cost.
 */
final class ProcessCpu {

    /** The components whose CPU the bench prints; {@code infra} is the SMTP sink (and the launcher around it). */
    static final List<String> COMPONENTS = List.of("intake", "triage", "notification", "credits", "portal",
            "postgresql", "kafka", "infra", "keycloak", "bench");

    private final Path pids;
    private final long ticksPerSecond;

    ProcessCpu(Path root) {
        this.pids = root.resolve(".platform/pids");
        this.ticksPerSecond = clockTicks();
    }

    /** CPU milliseconds each component has used so far. */
    Map<String, Double> snapshot() {
        Map<Long, String> groups = new LinkedHashMap<>();
        for (String c : COMPONENTS) {
            try {
                groups.put(Long.parseLong(Files.readString(pids.resolve(c + ".pid")).trim()), c);
            } catch (IOException | NumberFormatException e) {
                // not started: counts nothing
            }
        }
        long self = ProcessHandle.current().pid();
        Map<String, Double> millis = new LinkedHashMap<>();
        COMPONENTS.forEach(c -> millis.put(c, 0.0));
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            procs.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit)).forEach(p -> {
                String stat;
                try {
                    stat = Files.readString(p.resolve("stat"));
                } catch (IOException e) {
                    return; // exited while read
                }
                int close = stat.lastIndexOf(')');
                String comm = stat.substring(stat.indexOf('(') + 1, close);
                String[] f = stat.substring(close + 2).split(" ");
                // after "(comm) ": [0] state, [2] pgrp, [11] utime, [12] stime, [13] cutime, [14] cstime
                long pid = Long.parseLong(p.getFileName().toString());
                String component = comm.equals("postgres") ? "postgresql"
                        : pid == self ? "bench" : groups.get(Long.parseLong(f[2]));
                if (component != null) {
                    long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]) + Long.parseLong(f[13])
                            + Long.parseLong(f[14]);
                    millis.merge(component, ticks * 1000.0 / ticksPerSecond, Double::sum);
                }
            });
        } catch (IOException e) {
            throw new IllegalStateException("cannot read /proc", e);
        }
        return millis;
    }

    /** What each component used between two snapshots, in milliseconds. */
    static Map<String, Double> between(Map<String, Double> before, Map<String, Double> after) {
        Map<String, Double> used = new LinkedHashMap<>();
        after.forEach((c, ms) -> used.put(c, Math.max(0, ms - before.getOrDefault(c, 0.0))));
        return used;
    }

    private static long clockTicks() {
        try {
            Process p = new ProcessBuilder("getconf", "CLK_TCK").start();
            return Long.parseLong(new String(p.getInputStream().readAllBytes()).trim());
        } catch (IOException | NumberFormatException e) {
            return 100;
        }
    }
}
