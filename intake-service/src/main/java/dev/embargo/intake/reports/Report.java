package dev.embargo.intake.reports;

import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.MapKeyColumn;
import jakarta.persistence.Table;

/**
 * A submitted report: immutable evidence. Its content exists only as AEAD ciphertexts, one per field, each bound to
 * {@code report:<id>:<field>}; re-encryption under a rotated key replaces a ciphertext, never the plaintext behind it.
 */
@Entity
@Table(name = "report")
public class Report {

    @Id
    private UUID id;
    @Column(name = "project_id", updatable = false)
    private UUID projectId;
    @Column(name = "tracking_id", updatable = false)
    private String trackingId;
    @Column(name = "policy_version", updatable = false)
    private int policyVersion;
    @Column(name = "submitted_at", updatable = false)
    private Instant submittedAt;
    @Column(name = "reporter_subject", updatable = false)
    private String reporterSubject;
    @Column(name = "reporter_key", updatable = false)
    private String reporterKey;
    @Column(updatable = false)
    private String fingerprint;
    @Column(name = "token_hash", updatable = false)
    private String tokenHash;
    @Column(updatable = false)
    private String findings;
    @Column(name = "acknowledge_due", updatable = false)
    private Instant acknowledgeDue;
    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "report_field", joinColumns = @JoinColumn(name = "report_id"))
    @MapKeyColumn(name = "name")
    @Column(name = "ciphertext")
    private Map<String, byte[]> fields = new HashMap<>();

    protected Report() {
    }

    Report(UUID id, UUID projectId, String trackingId, int policyVersion, Instant submittedAt, String reporterSubject,
            String reporterKey, String fingerprint, String tokenHash, List<String> findings, Instant acknowledgeDue,
            Map<String, byte[]> sealedFields) {
        this.id = id;
        this.projectId = projectId;
        this.trackingId = trackingId;
        this.policyVersion = policyVersion;
        this.submittedAt = submittedAt;
        this.reporterSubject = reporterSubject;
        this.reporterKey = reporterKey;
        this.fingerprint = fingerprint;
        this.tokenHash = tokenHash;
        this.findings = String.join(",", findings);
        this.acknowledgeDue = acknowledgeDue;
        this.fields.putAll(sealedFields);
    }

    public UUID id() {
        return id;
    }

    public UUID projectId() {
        return projectId;
    }

    public String trackingId() {
        return trackingId;
    }

    public int policyVersion() {
        return policyVersion;
    }

    public Instant submittedAt() {
        return submittedAt;
    }

    public String reporterKey() {
        return reporterKey;
    }

    String reporterSubject() {
        return reporterSubject;
    }

    String fingerprint() {
        return fingerprint;
    }

    String tokenHash() {
        return tokenHash;
    }

    public List<String> findings() {
        return findings.isEmpty() ? List.of() : Arrays.asList(findings.split(","));
    }

    public Instant acknowledgeDue() {
        return acknowledgeDue;
    }

    /** The ciphertexts by field name (read-only view). */
    Map<String, byte[]> sealedFields() {
        return Map.copyOf(fields);
    }

    /** Replaces one field's ciphertext by one of the same plaintext under the current key (key rotation only). */
    void reseal(String field, byte[] ciphertext) {
        if (!fields.containsKey(field)) {
            throw new IllegalArgumentException("no such field");
        }
        fields.put(field, ciphertext);
    }
}
