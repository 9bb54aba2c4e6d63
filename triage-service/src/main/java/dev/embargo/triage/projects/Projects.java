package dev.embargo.triage.projects;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.embargo.events.SecurityPolicy;

/** The registry read model: projects, their policy versions and who maintains them. */
@ApplicationScoped
public class Projects {

    private final EntityManager em;
    private final ObjectMapper json;

    Projects(EntityManager em, ObjectMapper json) {
        this.em = em;
        this.json = json;
    }

    public Optional<Project> byId(String id) {
        return Optional.ofNullable(em.find(Project.class, id));
    }

    public Optional<Project> bySlug(String slug) {
        return em.createQuery("from Project where slug = :slug", Project.class).setParameter("slug", slug)
                .getResultStream().findFirst();
    }

    /** Projects the subject is a member of, as the latest membership event says. */
    public Set<String> projectIdsOf(String subject) {
        return Set.copyOf(em.createQuery("select projectId from Membership where subject = :s", String.class)
                .setParameter("s", subject).getResultList());
    }

    /** Project id → role ({@code OWNER} or {@code MAINTAINER}) of every project the subject is a member of now. */
    public Map<String, String> rolesOf(String subject) {
        var roles = new HashMap<String, String>();
        em.createQuery("select projectId, role from Membership where subject = :s", Object[].class)
                .setParameter("s", subject).getResultList().forEach(r -> roles.put((String) r[0], (String) r[1]));
        return roles;
    }

    public boolean isMember(String projectId, String subject) {
        return em.find(Membership.class, projectId + ":" + subject) != null;
    }

    /** The policy version a report was checked against; the latest known one if that version has not arrived. */
    public Optional<ProjectPolicy> policy(String projectId, int version) {
        PolicyVersion exact = em.find(PolicyVersion.class, projectId + ":" + version);
        if (exact != null) {
            return Optional.of(parse(exact.document()));
        }
        List<PolicyVersion> latest = em
                .createQuery("from PolicyVersion where projectId = :p order by version desc", PolicyVersion.class)
                .setParameter("p", projectId).setMaxResults(1).getResultList();
        return latest.stream().findFirst().map(p -> parse(p.document()));
    }

    /** The latest policy version the project published, as far as triage has heard. */
    public Optional<ProjectPolicy> currentPolicy(String projectId) {
        return em.createQuery("from PolicyVersion where projectId = :p order by version desc", PolicyVersion.class)
                .setParameter("p", projectId).setMaxResults(1).getResultStream().findFirst()
                .map(p -> parse(p.document()));
    }

    void registered(String id, String slug, String name) {
        Project p = em.find(Project.class, id);
        if (p == null) {
            em.persist(new Project(id, slug, name));
        } else {
            p.rename(slug, name);
        }
    }

    void policyPublished(String projectId, String slug, int version, SecurityPolicy policy) {
        if (em.find(Project.class, projectId) == null) {
            em.persist(new Project(projectId, slug, null));
        }
        if (em.find(PolicyVersion.class, projectId + ":" + version) == null) {
            try {
                em.persist(new PolicyVersion(projectId, version, json.writeValueAsString(policy)));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("policy not serialisable", e);
            }
        }
    }

    void membershipChanged(String projectId, String slug, String subject, String role, boolean removed) {
        if (em.find(Project.class, projectId) == null) {
            em.persist(new Project(projectId, slug, null));
        }
        Membership m = em.find(Membership.class, projectId + ":" + subject);
        if (removed) {
            if (m != null) {
                em.remove(m);
            }
        } else if (m == null) {
            em.persist(new Membership(projectId, subject, role));
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
