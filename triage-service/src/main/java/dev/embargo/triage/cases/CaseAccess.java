package dev.embargo.triage.cases;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import dev.embargo.platform.problem.ProblemException;
import dev.embargo.triage.projects.Projects;

/**
 * Who may see a case: maintainers of one of its projects (checked against the membership read model on every call), or
 * the reporter holding the report token. Anything else is the same 404 as a case that does not exist.
 */
@ApplicationScoped
public class CaseAccess {

    private final Cases cases;
    private final Projects projects;

    CaseAccess(Cases cases, Projects projects) {
        this.cases = cases;
        this.projects = projects;
    }

    /** The case, if the subject maintains one of its projects; else 404. */
    public Case forMaintainer(String caseId, String subject) {
        Set<String> mine = projects.projectIdsOf(subject);
        return cases.byId(caseId).filter(c -> c.projects().stream().anyMatch(p -> mine.contains(p.projectId())))
                .orElseThrow(ProblemException::notFound);
    }

    /** The subject as a participant: their role in each project, as the membership read model says now. */
    public Participant participant(String subject) {
        var roles = new java.util.HashMap<String, Participant.Role>();
        projects.rolesOf(subject).forEach((project, role) -> roles.put(project,
                "OWNER".equals(role) ? Participant.Role.OWNER : Participant.Role.MAINTAINER));
        return Participant.of(subject, roles);
    }

    /** The projects of the case the subject maintains (for internal notes). */
    public Set<String> memberProjects(Case c, String subject) {
        Set<String> mine = projects.projectIdsOf(subject);
        return Set.copyOf(c.projects().stream().map(CaseProject::projectId).filter(mine::contains).toList());
    }

    /** The case, if the token's hash matches the one intake recorded; else 404. Compared in constant time. */
    public Case forReporter(String trackingId, String token) {
        if (token == null || token.isBlank() || trackingId == null) {
            throw ProblemException.notFound();
        }
        Case c = cases.byTrackingId(trackingId).orElse(null);
        byte[] given = sha256Hex(token).getBytes(StandardCharsets.US_ASCII);
        byte[] stored = (c == null ? "0".repeat(64) : c.reportTokenHash().toLowerCase())
                .getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(given, stored) || c == null) {
            throw ProblemException.notFound();
        }
        return c;
    }

    static String sha256Hex(String token) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
