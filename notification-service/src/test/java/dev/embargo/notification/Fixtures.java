package dev.embargo.notification;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;

import com.fasterxml.jackson.core.JsonProcessingException;

import dev.embargo.events.ProjectMembershipChanged;
import dev.embargo.events.ProjectPolicyPublished;
import dev.embargo.events.ReportContent;
import dev.embargo.events.ReportSubmitted;
import dev.embargo.events.SecurityPolicy;
import dev.embargo.platform.crypto.Ciphers;
import dev.embargo.testing.MailTestResource;
import dev.embargo.testing.TestDatabase;
import dev.embargo.testing.TestEvents;

/** Plays intake, triage and credits for the tests, and reads what arrived at GreenMail and in the database. */
final class Fixtures {

    static final Duration WAIT = Duration.ofSeconds(45);

    private Fixtures() {
    }

    static String slug() {
        return "p" + Long.toString(ThreadLocalRandom.current().nextLong(Long.MAX_VALUE), 36);
    }

    static String trackingId(String slug) {
        return slug.toUpperCase(Locale.ROOT) + "-2026-" + (1000 + ThreadLocalRandom.current().nextInt(9000));
    }

    static String email(String who) {
        return who + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
    }

    static void member(String slug, String subject, ProjectMembershipChanged.Role role, String email) {
        TestEvents.publish(new ProjectMembershipChanged(slug + "-id", slug, subject, email, role,
                ProjectMembershipChanged.Change.ADDED, Instant.now()));
    }

    static void removeMember(String slug, String subject, ProjectMembershipChanged.Role role) {
        TestEvents.publish(new ProjectMembershipChanged(slug + "-id", slug, subject, null, role,
                ProjectMembershipChanged.Change.REMOVED, Instant.now()));
    }

    static void policy(String slug, boolean includeDetailsInEmail, int headsUpDays) {
        var sla = new SecurityPolicy.Sla("UTC", null, null, new SecurityPolicy.Deadline(72, SecurityPolicy.Unit.HOURS),
                new SecurityPolicy.Deadline(7, SecurityPolicy.Unit.BUSINESS_DAYS), null, null, 0.8);
        var policy = new SecurityPolicy("Policy of " + slug, null, null, List.of(), List.of(), List.of(), null, sla,
                new SecurityPolicy.Disclosure(90, headsUpDays, true), null, null, List.of(), List.of("en"), false, null,
                null, new SecurityPolicy.Notifications(includeDetailsInEmail));
        TestEvents.publish(new ProjectPolicyPublished(slug + "-id", slug, 1, Instant.now(), policy));
    }

    /** A report.submitted as intake seals it: content and contact under the transport keyset. */
    static ReportSubmitted report(Ciphers ciphers, String reportId, String slug, String trackingId, String contact,
            String title) {
        var content = new ReportContent(title, "core", "1.0", "Description " + title, "Impact " + title,
                "Steps " + title, null, null, null, List.of(), null);
        String json;
        try {
            json = TestEvents.codec().mapper().writeValueAsString(content);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        String hash = HexFormat.of().formatHex(new byte[32]);
        return new ReportSubmitted(reportId, trackingId, slug + "-id", slug, 1, Instant.now(), hash, null,
                ciphers.transport().encryptToBase64(json, "report:" + reportId + ":content"), contact == null ? null
                        : ciphers.transport().encryptToBase64(contact, "report:" + reportId + ":contact"),
                List.of());
    }

    /** Waits until the read models hold these members and the project's policy. */
    static void awaitProject(String slug, int members, boolean policy) {
        await().atMost(WAIT)
                .until(() -> count("SELECT count(*) FROM notification.member WHERE project_slug = ?", slug) == members
                        && (!policy || count("SELECT count(*) FROM notification.project_policy WHERE project_slug = ?",
                                slug) == 1));
    }

    static long count(String sql, Object... params) {
        try (Connection c = TestDatabase.superuser().getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<String> strings(String sql, Object... params) {
        try (Connection c = TestDatabase.superuser().getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            List<String> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every mail GreenMail received for this address. */
    static List<MimeMessage> mailTo(String address) {
        List<MimeMessage> out = new ArrayList<>();
        for (MimeMessage m : MailTestResource.greenMail().getReceivedMessages()) {
            try {
                for (var r : m.getAllRecipients()) {
                    if (r.toString().equalsIgnoreCase(address)) {
                        out.add(m);
                    }
                }
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }
        return out;
    }

    static List<MimeMessage> awaitMail(String address, int count) {
        await().atMost(WAIT).until(() -> mailTo(address).size() >= count);
        return mailTo(address);
    }

    /** Subject and every decoded body part: what a reader (or a leak) could see. */
    static String readable(MimeMessage message) {
        try {
            StringBuilder out = new StringBuilder(message.getSubject()).append('\n');
            append(message.getContent(), out);
            return out.toString();
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void append(Object content, StringBuilder out) throws MessagingException, IOException {
        if (content instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart part = multipart.getBodyPart(i);
                append(part.getContent(), out);
            }
        } else {
            out.append(content).append('\n');
        }
    }

    /** Subjects of all mails to an address. */
    static List<String> subjects(String address) {
        return mailTo(address).stream().map(m -> {
            try {
                return m.getSubject();
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }
}
