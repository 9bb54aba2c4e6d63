package dev.embargo.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.IntSupplier;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

import org.junit.jupiter.api.Test;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

/** The local SMTP sink speaks SMTP to a real client, keeps each mail exactly once and lists it as before. */
class MailSinkTest {

    @Test
    void mailsOverOneKeptAliveConnectionAreListedWithRecipientSubjectDateAndBody() throws Exception {
        try (MailSink sink = MailSink.start("127.0.0.1", 0)) {
            Session session = session(sink.port());
            Transport transport = session.getTransport("smtp");
            transport.connect();
            try {
                MimeMessage first = mail(session, "alice@example.org", "[Embargo] pod POD-2026-0001: report received",
                        "Hello\n.a line that starts with a dot\n..and two\nbye");
                transport.sendMessage(first, first.getAllRecipients());
                MimeMessage second = mail(session, "bob@example.org", "Grüße – non-ASCII subject", "second");
                transport.sendMessage(second, second.getAllRecipients());
            } finally {
                transport.close();
            }

            assertEquals(2, sink.count());
            List<Map<String, Object>> alice = LocalInfra.messages(sink, "alice@example.org");
            assertEquals(1, alice.size());
            Map<String, Object> row = alice.get(0);
            assertEquals(List.of("alice@example.org"), row.get("to"));
            assertEquals("[Embargo] pod POD-2026-0001: report received", row.get("subject"));
            assertNotNull(row.get("sentAt"));
            String body = (String) row.get("body");
            assertTrue(body.contains("\r\n.a line that starts with a dot\r\n..and two\r\n"), body);
            assertTrue(body.contains("<p>html</p>"), body);
            assertEquals("Grüße – non-ASCII subject", LocalInfra.messages(sink, "bob@").get(0).get("subject"));
            assertEquals(2, LocalInfra.messages(sink, null).size());
        }
    }

    @Test
    void pipelinedCommandsAreAnsweredInOrderAndRefusedOnesDoNotQueueAMail() throws Exception {
        try (MailSink sink = MailSink.start("127.0.0.1", 0); Socket socket = new Socket("127.0.0.1", sink.port())) {
            socket.setSoTimeout(5_000);
            var in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            OutputStream out = socket.getOutputStream();
            assertTrue(in.readLine().startsWith("220"));
            send(out, "EHLO client\r\n");
            String line;
            boolean pipelining = false;
            while ((line = in.readLine()).startsWith("250-")) {
                pipelining |= line.equals("250-PIPELINING");
            }
            assertTrue(pipelining && line.startsWith("250 "), line);
            // DATA before any recipient is refused; then one pipelined group, then the mail, then another on the
            // same connection after RSET.
            send(out, "DATA\r\nMAIL FROM:<embargo@embargo.localhost>\r\nRCPT TO:<carol@example.org>\r\n"
                    + "RCPT TO:<dave@example.org>\r\nDATA\r\n");
            assertTrue(in.readLine().startsWith("503"));
            assertTrue(in.readLine().startsWith("250"));
            assertTrue(in.readLine().startsWith("250"));
            assertTrue(in.readLine().startsWith("250"));
            assertTrue(in.readLine().startsWith("354"));
            send(out, "To: carol@example.org, dave@example.org\r\nSubject: piped\r\n\r\nbody\r\n..dot\r\n.\r\n");
            assertTrue(in.readLine().startsWith("250"));
            send(out, "RSET\r\nNOOP\r\nQUIT\r\n");
            assertTrue(in.readLine().startsWith("250"));
            assertTrue(in.readLine().startsWith("250"));
            assertTrue(in.readLine().startsWith("221"));

            assertEquals(1, sink.count());
            MailSink.Received received = sink.received().get(0);
            assertEquals(List.of("carol@example.org", "dave@example.org"), received.envelopeTo());
            assertEquals("body\r\n.dot", MailSink.body(received.raw()));
            assertEquals(List.of("carol@example.org", "dave@example.org"),
                    LocalInfra.messages(sink, "dave").get(0).get("to"));
        }
    }

    @Test
    void keepsOnlyTheNewestMailsWithinItsBudgetSoALongRunNeverFillsItsHeap() throws Exception {
        try (MailSink sink = MailSink.start("127.0.0.1", 0, 3 * 1024)) {
            Session session = session(sink.port());
            Transport transport = session.getTransport("smtp");
            transport.connect();
            try {
                for (int i = 0; i < 10; i++) {
                    MimeMessage m = mail(session, "m" + i + "@example.org", "mail " + i, "x".repeat(600));
                    transport.sendMessage(m, m.getAllRecipients());
                }
            } finally {
                transport.close();
            }
            List<MailSink.Received> kept = sink.received();
            long bytes = kept.stream().mapToLong(r -> r.raw().length).sum();
            assertTrue(kept.size() >= 1 && kept.size() < 10 && bytes <= 3 * 1024, kept.size() + " mails, " + bytes);
            assertEquals(kept.size(), sink.count());
            // The newest are the ones kept, in the order they came.
            List<Map<String, Object>> listed = LocalInfra.messages(sink, null);
            assertEquals("mail 9", listed.get(listed.size() - 1).get("subject"));
            assertEquals("mail " + (10 - listed.size()), listed.get(0).get("subject"));
        }
    }

    /** Prints (never asserts) the sink's CPU per mail next to GreenMail's, the server it replaces. */
    @Test
    void cpuPerMailComparedWithGreenMail() throws Exception {
        int mails = Integer.getInteger("embargo.perf.mails", 2_000);
        try (MailSink sink = MailSink.start("127.0.0.1", 0)) {
            measure("MailSink", sink.port(), mails, sink::count);
            measure("MailSink", sink.port(), mails, sink::count);
        }
        GreenMail greenMail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
        greenMail.start();
        try {
            IntSupplier count = () -> greenMail.getReceivedMessages().length;
            measure("GreenMail", greenMail.getSmtp().getPort(), mails, count);
            measure("GreenMail", greenMail.getSmtp().getPort(), mails, count);
        } finally {
            greenMail.stop();
        }
    }

    private static void measure(String server, int port, int mails, IntSupplier received) throws Exception {
        Session session = session(port);
        int before = received.getAsInt();
        var threads = ManagementFactory.getThreadMXBean();
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long process = os.getProcessCpuTime();
        long client = threads.getCurrentThreadCpuTime();
        long serverThreads = serverThreadsCpu();
        long wall = System.nanoTime();
        Transport transport = session.getTransport("smtp");
        transport.connect();
        try {
            for (int i = 0; i < mails; i++) {
                // A distinct recipient each, as the bench's reporters are.
                MimeMessage m = mail(session, "r" + i + "-" + wall + "@example.org", "[Embargo] perf " + i,
                        "text body line\n".repeat(40));
                transport.sendMessage(m, m.getAllRecipients());
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (received.getAsInt() - before < mails && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            // Measured while the connection (and GreenMail's thread for it) is still there.
            double serverMs = ((os.getProcessCpuTime() - process) - (threads.getCurrentThreadCpuTime() - client)) / 1e6;
            double serverThreadsMs = (serverThreadsCpu() - serverThreads) / 1e6;
            System.out.printf(
                    "[sink] %-9s %5d mails in %.2f s; CPU per mail: the server's threads %.3f ms,"
                            + " the process but the client thread (server + GC + JIT) %.3f ms%n",
                    server, mails, (System.nanoTime() - wall) / 1e9, serverThreadsMs / mails, serverMs / mails);
        } finally {
            transport.close();
        }
        assertEquals(mails, received.getAsInt() - before);
    }

    /** GreenMail's connection threads, and the carriers of the sink's virtual threads. */
    private static long serverThreadsCpu() {
        var threads = ManagementFactory.getThreadMXBean();
        long sum = 0;
        for (var info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null
                    && (info.getThreadName().startsWith("smtp") || info.getThreadName().startsWith("ForkJoinPool")
                            || info.getThreadName().startsWith("mail-sink"))) {
                sum += Math.max(0, threads.getThreadCpuTime(info.getThreadId()));
            }
        }
        return sum;
    }

    private static Session session(int port) {
        Properties p = new Properties();
        p.put("mail.smtp.host", "127.0.0.1");
        p.put("mail.smtp.port", String.valueOf(port));
        p.put("mail.smtp.connectiontimeout", "5000");
        p.put("mail.smtp.timeout", "5000");
        return Session.getInstance(p);
    }

    private static MimeMessage mail(Session session, String to, String subject, String text) throws MessagingException {
        MimeMessage m = new MimeMessage(session);
        m.setFrom(new InternetAddress("embargo@embargo.localhost"));
        m.setRecipient(Message.RecipientType.TO, new InternetAddress(to));
        m.setSubject(subject, "UTF-8");
        m.setSentDate(new Date());
        MimeBodyPart plain = new MimeBodyPart();
        plain.setText(text, "UTF-8");
        MimeBodyPart html = new MimeBodyPart();
        html.setContent("<p>html</p>", "text/html; charset=UTF-8");
        m.setContent(new MimeMultipart("alternative", plain, html));
        m.saveChanges();
        return m;
    }

    private static void send(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }
}
