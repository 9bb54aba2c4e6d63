package dev.embargo.triage.cases;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One message of a case's conversation; the body is stored encrypted and bound to this row. Never edited. */
@Entity
@Table(name = "case_messages")
public class Message {

    /** Who may read a message: the reporter's thread, or one project's maintainers only. */
    public enum Visibility {
        REPORTER, INTERNAL
    }

    public enum AuthorKind {
        MAINTAINER, REPORTER
    }

    @Id
    private String id;
    @Column(name = "case_id")
    private String caseId;
    @Column(name = "posted_at")
    private Instant postedAt;
    @Enumerated(EnumType.STRING)
    @Column(name = "author_kind")
    private AuthorKind authorKind;
    private String author;
    @Enumerated(EnumType.STRING)
    private Visibility visibility;
    @Column(name = "project_id")
    private String projectId;
    private byte[] body;

    protected Message() {
    }

    Message(String caseId, Instant postedAt, AuthorKind authorKind, String author, Visibility visibility,
            String projectId) {
        this.id = UUID.randomUUID().toString();
        this.caseId = caseId;
        this.postedAt = postedAt;
        this.authorKind = authorKind;
        this.author = author;
        this.visibility = visibility;
        this.projectId = projectId;
    }

    void seal(byte[] body) {
        this.body = body;
    }

    /** Associated data binding the body's ciphertext to this row. */
    String boundTo() {
        return "case_messages:" + id + ":body";
    }

    public String id() {
        return id;
    }

    public Instant postedAt() {
        return postedAt;
    }

    public AuthorKind authorKind() {
        return authorKind;
    }

    public String author() {
        return author;
    }

    public Visibility visibility() {
        return visibility;
    }

    public String projectId() {
        return projectId;
    }

    byte[] body() {
        return body;
    }
}
