package dev.embargo.testing.browser;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/** What the kit needs to know about the machine it runs on: free ports, root, executables, build directories. */
final class Host {

    private static final Set<Integer> TAKEN = new HashSet<>();

    private Host() {
    }

    /**
     * A free loopback port in 20000-27999, never handed out twice by this JVM. Below the kernel's ephemeral range
     * (32768-60999): an ephemeral port found free can be taken by any outgoing connection before the child process
     * binds it. Above the platform's and below the CI check's ports.
     */
    static synchronized int freePort() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int attempt = 0; attempt < 500; attempt++) {
            int port = random.nextInt(20_000, 28_000);
            if (TAKEN.contains(port)) {
                continue;
            }
            try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                TAKEN.add(port);
                return port;
            } catch (IOException inUse) {
                // try another
            }
        }
        throw new IllegalStateException("no free loopback port in 20000-27999 after 500 attempts");
    }

    /** True if the port accepts connections on the loopback address. */
    static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** True if this process runs as root (uid 0), read from /proc so it needs no extra JDK module. */
    static boolean isRoot() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Uid:")) {
                    return line.substring(4).trim().split("\\s+")[0].equals("0");
                }
            }
        } catch (IOException e) {
            // not Linux, or no /proc: assume not root
        }
        return false;
    }

    /** An executable of that name on the PATH, if any. */
    static Optional<Path> onPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /**
     * The build directory of the module whose tests run: {@code target/} of the working directory (surefire runs each
     * module's tests in the module's directory).
     */
    static Path buildDirectory() {
        return Path.of(System.getProperty("user.dir")).toAbsolutePath().resolve("target");
    }

    /** The last {@code n} lines of a log file, indented, for an exception message. */
    static String tail(Path log, int n) {
        if (!Files.exists(log)) {
            return "  | (no log at " + log + ")";
        }
        try {
            List<String> lines = new ArrayList<>(Files.readAllLines(log, StandardCharsets.UTF_8));
            List<String> last = lines.subList(Math.max(0, lines.size() - n), lines.size());
            StringBuilder out = new StringBuilder();
            for (String line : last) {
                out.append("  | ").append(line).append('\n');
            }
            return out.toString();
        } catch (IOException | UncheckedIOException e) {
            return "  | (could not read " + log + ": " + e.getMessage() + ")";
        }
    }

    /** Runs a short command, its output appended to the log, and returns its exit status (-1 on time-out). */
    static int run(List<String> command, Path log, long timeoutSeconds) {
        try {
            Files.createDirectories(log.getParent());
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            process.getOutputStream().close();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                return -1;
            }
            return process.exitValue();
        } catch (IOException e) {
            throw new UncheckedIOException("could not run " + String.join(" ", command), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + String.join(" ", command), e);
        }
    }

    /** Prints a progress line of the kit to the test's output, where a person watching the build sees it. */
    static void say(String component, String message) {
        System.out.println(component + ": " + message);
        System.out.flush();
    }

    /** Work done while this JVM holds an exclusive lock on a file, against other JVMs sharing the directory. */
    interface Locked<T> {
        T run() throws IOException;
    }

    /**
     * Runs the work holding an OS lock on the file (created if missing), so two test JVMs never unpack, install or
     * start into the same directory at once. Callers serialize threads of one JVM themselves (a second lock from the
     * same JVM would throw).
     */
    static <T> T withFileLock(Path lockFile, Locked<T> work) {
        try {
            Files.createDirectories(lockFile.getParent());
            try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                    FileLock lock = channel.lock()) {
                return work.run();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("failed while holding " + lockFile, e);
        }
    }
}
