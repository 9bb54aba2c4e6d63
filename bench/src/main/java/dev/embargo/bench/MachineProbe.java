package dev.embargo.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The machine's page cache and disk during a phase, sampled from /proc every 100 ms: how much written data waited in
 * the kernel (Dirty), how much was on its way to the disk (Writeback), and what the disks wrote. A commit's WAL flush
 * queues behind whatever the kernel is writing back at that moment, so a second in which a lot was written back is a
 * second in which commits may stall. A probe beside it writes and syncs 8 KB every 50 ms in a file next to PostgreSQL's
 * data (what a commit's WAL flush does), so the seconds in which the disk itself was slow to sync show; and a thread
 * that asks to sleep 5 ms at a time notes when it woke much later, so the seconds in which this process got no CPU (the
 * machine busy or held, or this JVM at a safepoint) show too.
 */
final class MachineProbe implements AutoCloseable {

    /** One sample: ms into the phase, Dirty and Writeback (kB), sectors written by all disks so far. */
    private record Sample(long atMs, long dirtyKb, long writebackKb, long sectorsWritten) {
    }

    private final List<Sample> samples = new CopyOnWriteArrayList<>();
    /** ms into the phase and how long the probe's sync took (ms). */
    private final List<double[]> syncs = new CopyOnWriteArrayList<>();
    private final long start = System.nanoTime();
    private final Thread sampler;
    private final Thread prober;
    private final Thread sleeper;
    /** ms into the phase and how much later than asked the sleeper woke (ms), when that was over 20 ms. */
    private final List<double[]> lateWakeUps = new CopyOnWriteArrayList<>();
    private volatile boolean running = true;

    private MachineProbe(Path besideTheDatabase) {
        prober = Thread.ofPlatform().daemon().name("fsync-probe").start(() -> probe(besideTheDatabase));
        sleeper = Thread.ofPlatform().daemon().name("wake-up-probe").start(this::sleepAndWake);
        sampler = Thread.ofPlatform().daemon().name("disk-sampler").start(() -> {
            while (running) {
                Sample s = sample();
                if (s != null) {
                    samples.add(s);
                }
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
    }

    /** Starts sampling now, the sync probe in {@code besideTheDatabase}; the phase's time 0 is this call. */
    static MachineProbe start(Path besideTheDatabase) {
        return new MachineProbe(besideTheDatabase);
    }

    private static final String PROBE_FILE = "bench-fsync-probe";
    private static final int PROBE_FILE_BYTES = 16 << 20;

    /**
     * Writes the probe's file in full and syncs it, once, before any phase, as PostgreSQL fills a WAL segment before
     * using it: each probe sync then rewrites allocated blocks, as a commit's WAL flush does, instead of allocating
     * (which also commits the file system's journal). The file is removed when the bench ends.
     */
    static void prepare(Path besideTheDatabase) throws IOException {
        Path file = besideTheDatabase.resolve(PROBE_FILE);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            ByteBuffer zeros = ByteBuffer.allocate(1 << 20);
            for (long position = 0; position < PROBE_FILE_BYTES; position += zeros.capacity()) {
                zeros.clear();
                channel.write(zeros, position);
            }
            channel.force(true);
        }
        file.toFile().deleteOnExit();
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        sampler.interrupt();
        prober.interrupt();
        sleeper.interrupt();
        sampler.join();
        prober.join();
        sleeper.join();
    }

    private void sleepAndWake() {
        while (running) {
            long t0 = System.nanoTime();
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                return;
            }
            double late = (System.nanoTime() - t0) / 1e6 - 5;
            if (late > 20) {
                lateWakeUps.add(new double[] { (t0 - start) / 1e6, late });
            }
        }
    }

    /** The sleeper's late wake-ups: how many, the latest, and the seconds they fell in. */
    private String wakeUpSummary() {
        List<double[]> all = List.copyOf(lateWakeUps);
        if (all.isEmpty()) {
            return "a 5 ms sleep never woke over 20 ms late";
        }
        return String.format("a 5 ms sleep woke over 20 ms late %d times, in %s", all.size(), seconds(all, 0));
    }

    private void probe(Path dir) {
        Path file = dir.resolve(PROBE_FILE);
        ByteBuffer block = ByteBuffer.allocate(8192);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            long position = 0;
            while (running) {
                long t0 = System.nanoTime();
                block.clear();
                channel.write(block, position);
                channel.force(false);
                double ms = (System.nanoTime() - t0) / 1e6;
                syncs.add(new double[] { (t0 - start) / 1e6, ms });
                // A WAL segment's size, written in full by prepare: wraps at 16 MB.
                position = (position + 8192) % PROBE_FILE_BYTES;
                Thread.sleep(50);
            }
        } catch (IOException | InterruptedException e) {
            // the phase is over, or the directory is not writable: no probe figures
        }
    }

    /** The probe's syncs: median and longest, and the seconds in which one took over 50 ms. */
    private String syncSummary() {
        List<double[]> all = List.copyOf(syncs);
        if (all.isEmpty()) {
            return "sync probe n/a";
        }
        double[] ms = all.stream().mapToDouble(s -> s[1]).sorted().toArray();
        String slow = seconds(all, 50);
        return String.format(
                "8 KB write+sync beside the database (%d): median %.1f ms, longest %.0f ms; over 50 ms in %s",
                ms.length, ms[ms.length / 2], ms[ms.length - 1], slow.isEmpty() ? "no second" : slow);
    }

    /**
     * Dirty page cache at the start and at most, MB written to disk in all, and the three seconds that wrote most;
     * "n/a" off Linux.
     */
    String summary() {
        List<Sample> all = List.copyOf(samples);
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
                        + " disks wrote %.0f MB, most in %s; %s; %s",
                all.get(0).dirtyKb() / 1e3, maxDirty / 1e3, maxWriteback / 1e3, mb, busiest, syncSummary(),
                wakeUpSummary());
    }

    /** The seconds in which a timed value ({ms into the phase, ms}) went over {@code over}, each with its largest. */
    private static String seconds(List<double[]> timed, double over) {
        var bySecond = new TreeMap<Integer, Double>();
        timed.stream().filter(t -> t[1] > over).forEach(t -> bySecond.merge((int) (t[0] / 1000), t[1], Math::max));
        var out = new StringBuilder();
        bySecond.forEach((second, max) -> out.append(out.isEmpty() ? "" : ", ")
                .append(String.format("second %d (%.0f ms)", second, max)));
        return out.toString();
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
