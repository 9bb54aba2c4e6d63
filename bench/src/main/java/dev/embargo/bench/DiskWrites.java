package dev.embargo.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The machine's page cache and disk during a phase, sampled from /proc every 100 ms: how much written data waited in
 * the kernel (Dirty), how much was on its way to the disk (Writeback), and what the disks wrote. A commit's WAL flush
 * queues behind whatever the kernel is writing back at that moment, so a second in which a lot was written back is a
 * second in which commits may stall.
 */
final class DiskWrites implements AutoCloseable {

    /** One sample: ms into the phase, Dirty and Writeback (kB), sectors written by all disks so far. */
    private record Sample(long atMs, long dirtyKb, long writebackKb, long sectorsWritten) {
    }

    private final List<Sample> samples = new ArrayList<>();
    private final long start = System.nanoTime();
    private final Thread sampler;
    private volatile boolean running = true;

    private DiskWrites() {
        sampler = Thread.ofPlatform().daemon().name("disk-sampler").start(() -> {
            while (running) {
                Sample s = sample();
                if (s != null) {
                    synchronized (samples) {
                        samples.add(s);
                    }
                }
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
    }

    /** Starts sampling now; the phase's time 0 is this call. */
    static DiskWrites start() {
        return new DiskWrites();
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        sampler.interrupt();
        sampler.join();
    }

    /**
     * Dirty page cache at the start and at most, MB written to disk in all, and the three seconds that wrote most;
     * "n/a" off Linux.
     */
    String summary() {
        List<Sample> all;
        synchronized (samples) {
            all = List.copyOf(samples);
        }
        if (all.size() < 2) {
            return "page cache n/a";
        }
        long maxDirty = all.stream().mapToLong(Sample::dirtyKb).max().orElse(0);
        long maxWriteback = all.stream().mapToLong(Sample::writebackKb).max().orElse(0);
        double mb = (all.get(all.size() - 1).sectorsWritten() - all.get(0).sectorsWritten()) * 512 / 1e6;
        var seconds = new ArrayList<double[]>();
        for (int second = 0; second <= all.get(all.size() - 1).atMs() / 1000; second++) {
            seconds.add(new double[] { second, writtenIn(all, second) });
        }
        seconds.sort((a, b) -> Double.compare(b[1], a[1]));
        var busiest = new StringBuilder();
        for (double[] second : seconds.subList(0, Math.min(3, seconds.size()))) {
            busiest.append(busiest.isEmpty() ? "" : ", ")
                    .append(String.format("second %d %.0f MB", (int) second[0], second[1]));
        }
        return String.format(
                "dirty page cache %.0f MB at the start, %.0f MB at most, writeback %.0f MB at most;"
                        + " disks wrote %.0f MB, most in %s",
                all.get(0).dirtyKb() / 1e3, maxDirty / 1e3, maxWriteback / 1e3, mb, busiest);
    }

    private static double writtenIn(List<Sample> all, int second) {
        Sample first = null;
        Sample last = null;
        for (Sample s : all) {
            if (s.atMs() / 1000 == second) {
                first = first == null ? s : first;
                last = s;
            }
        }
        return first == null ? 0 : (last.sectorsWritten() - first.sectorsWritten()) * 512 / 1e6;
    }

    private Sample sample() {
        try {
            long dirty = 0;
            long writeback = 0;
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("Dirty:")) {
                    dirty = kb(line);
                } else if (line.startsWith("Writeback:")) {
                    writeback = kb(line);
                }
            }
            long sectors = 0;
            for (String line : Files.readAllLines(Path.of("/proc/diskstats"))) {
                String[] f = line.trim().split("\\s+");
                // Whole disks only (vda, sda, nvme0n1), not their partitions, so nothing counts twice.
                if (f.length > 9 && f[2].matches("(vd|sd|xvd)[a-z]+|nvme\\d+n\\d+")) {
                    sectors += Long.parseLong(f[9]);
                }
            }
            return new Sample((System.nanoTime() - start) / 1_000_000, dirty, writeback, sectors);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static long kb(String line) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
    }
}
