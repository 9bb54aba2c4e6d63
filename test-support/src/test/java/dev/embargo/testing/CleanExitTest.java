package dev.embargo.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;

/**
 * A test JVM that used the in-JVM broker and PostgreSQL exits with status 0, even when the broker's log directory
 * disappears under it: the race that made surefire report "Error occurred in starting fork" after every test had passed
 * (Kafka's own exit hook deleted the directory while the broker was still shutting down, and the broker's log-dir
 * failure handler halted the JVM with status 1). Runs the scenario in a child JVM, as surefire's fork is.
 */
class CleanExitTest {

    @Test
    void aTestJvmExitsWithStatusZeroEvenWhenTheBrokersLogDirectoryVanishes() throws Exception {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Path out = Files.createTempFile("clean-exit", ".log");
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-Djava.util.logging.manager=org.jboss.logmanager.LogManager", "-cp", classPath,
                Probe.class.getName()).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        boolean ended = child.waitFor(180, TimeUnit.SECONDS);
        String output = Files.readString(out);
        if (!ended) {
            child.destroyForcibly();
        }
        assertTrue(ended, "the child JVM did not exit within 180 s:\n" + tail(output));
        assertTrue(output.contains("probe: log directory deleted"), "the scenario did not run:\n" + tail(output));
        assertEquals(0, child.exitValue(), "the child JVM's exit status:\n" + tail(output));
        assertTrue(output.contains("in-JVM Kafka asked to halt the test JVM"),
                "the broker never asked to halt, so the scenario proved nothing:\n" + tail(output));
        String pgData = output.lines().filter(l -> l.startsWith("probe: postgres data ")).findFirst().orElseThrow()
                .substring("probe: postgres data ".length());
        assertFalse(Files.exists(Path.of(pgData)), "PostgreSQL's data directory was left behind: " + pgData);
        Files.deleteIfExists(out);
    }

    private static String tail(String output) {
        List<String> lines = output.lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    }

    /** The child: uses both components, deletes the broker's log directory, makes the broker touch it, exits. */
    public static final class Probe {
        public static void main(String[] args) throws Exception {
            TestDatabase.account("probe");
            String dataDirectory;
            try (var connection = TestDatabase.superuser().getConnection();
                    var rows = connection.createStatement().executeQuery("SHOW data_directory")) {
                rows.next();
                dataDirectory = rows.getString(1);
            }
            System.out.println("probe: postgres data " + dataDirectory);
            String bootstrap = TestKafka.bootstrapServers();
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
                admin.createTopics(List.of(new NewTopic("before", 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
                deleteRecursively(TestKafka.baseDirectory());
                System.out.println("probe: log directory deleted");
                // A new partition needs a directory in the vanished log dir: the broker's log-dir failure handler runs.
                try {
                    admin.createTopics(List.of(new NewTopic("after", 1, (short) 1))).all().get(10, TimeUnit.SECONDS);
                } catch (Exception expected) {
                    System.out.println("probe: topic after the deletion: " + expected);
                }
            }
            Thread.sleep(3_000);
            System.exit(0);
        }

        private static void deleteRecursively(Path root) throws IOException {
            try (var files = Files.walk(root)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }
}
