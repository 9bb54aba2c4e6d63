package dev.embargo.triage.projects;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.embargo.events.SecurityPolicy;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

/** The registry read model: projects, their policy versions and who maintains them. */
@ApplicationScoped
public class Projects implements PanacheRepositoryBase<Project, String> {

    /** Versions kept parsed; far more than the platform hosts, only a bound against surprises. */
    private static final int MAX_PARSED = 10_000;

    private final ObjectMapper json;
    /** A published version never changes: each is read and parsed once, not for every case opened under it. */
    private final Map<String, ProjectPolicy> parsed = new ConcurrentHashMap<>();

    Projects(ObjectMapper json) {
        this.json = json;
    }

    public Optional<Project> byId(String id) {
        return findByIdOptional(id);
    }

    public Optional<Project> bySlug(String slug) {
        return find("from Project where slug = ?1", slug).firstResultOptional();
    }

    /** Projects the subject is a member of, as the latest membership event says. */
    public Set<String> projectIdsOf(String subject) {
        return Set.copyOf(
                getEntityManager().createQuery("select projectId from Membership where subject = :s", String.class)
                        .setParameter("s", subject).getResultList());
    }

    /** Project id → role ({@code OWNER} or {@code MAINTAINER}) of every project the subject is a member of now. */
    public Map<String, String> rolesOf(String subject) {
        var roles = new HashMap<String, String>();
        getEntityManager().createQuery("select projectId, role from Membership where subject = :s", Object[].class)
                .setParameter("s", subject).getResultList().forEach(r -> roles.put((String) r[0], (String) r[1]));
        return roles;
    }

    public boolean isMember(String projectId, String subject) {
        return getEntityManager().find(Membership.class, projectId + ":" + subject) != null;
    }

    /** The policy version a report was checked against; the latest known one if that version has not arrived. */
    public Optional<ProjectPolicy> policy(String projectId, int version) {
        String key = projectId + ":" + version;
        ProjectPolicy known = parsed.get(key);
        if (known != null) {
            return Optional.of(known);
        }
        PolicyVersion exact = getEntityManager().find(PolicyVersion.class, key);
        if (exact != null) {
            ProjectPolicy policy = parse(exact.document());
            if (parsed.size() >= MAX_PARSED) {
                parsed.clear();
            }
            parsed.put(key, policy);
            return Optional.of(policy);
        }
        // Not arrived yet: the latest known version stands in, and is not remembered under this one.
        List<PolicyVersion> latest = getEntityManager()
                .createQuery("from PolicyVersion where projectId = :p order by version desc", PolicyVersion.class)
                .setParameter("p", projectId).setMaxResults(1).getResultList();
        return latest.stream().findFirst().map(p -> parse(p.document()));
    }

    /** The latest policy version the project published, as far as triage has heard. */
    public Optional<ProjectPolicy> currentPolicy(String projectId) {
        return getEntityManager()
                .createQuery("from PolicyVersion where projectId = :p order by version desc", PolicyVersion.class)
                .setParameter("p", projectId).setMaxResults(1).getResultStream().findFirst()
                .map(p -> parse(p.document()));
    }

    void registered(String id, String slug, String name) {
        Project p = getEntityManager().find(Project.class, id);
        if (p == null) {
            getEntityManager().persist(new Project(id, slug, name));
        } else {
            p.rename(slug, name);
        }
    }

    void policyPublished(String projectId, String slug, int version, SecurityPolicy policy) {
        if (getEntityManager().find(Project.class, projectId) == null) {
            getEntityManager().persist(new Project(projectId, slug, null));
        }
        if (getEntityManager().find(PolicyVersion.class, projectId + ":" + version) == null) {
            try {
                getEntityManager().persist(new PolicyVersion(projectId, version, json.writeValueAsString(policy)));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("policy not serialisable", e);
            }
        }
    }

    void membershipChanged(String projectId, String slug, String subject, String role, boolean removed) {
        if (getEntityManager().find(Project.class, projectId) == null) {
            getEntityManager().persist(new Project(projectId, slug, null));
        }
        Membership m = getEntityManager().find(Membership.class, projectId + ":" + subject);
        if (removed) {
            if (m != null) {
                getEntityManager().remove(m);
            }
        } else if (m == null) {
            getEntityManager().persist(new Membership(projectId, subject, role));
        } else {
            m.changeRole(role);
        }
    }

    private ProjectPolicy parse(String document) {
        try {
            return ProjectPolicy.of(json.readValue(document, SecurityPolicy.class));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored policy unreadable", e);
        }
    }
}
