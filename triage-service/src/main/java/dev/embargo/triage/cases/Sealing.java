package dev.embargo.triage.cases;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.embargo.events.ReportContent;
import dev.embargo.platform.crypto.Ciphers;

/** Encrypts what a case stores (report content, contact, message bodies), bound to its row and field. */
@ApplicationScoped
public class Sealing {

    private final Ciphers ciphers;
    private final ObjectMapper json;

    Sealing(Ciphers ciphers, ObjectMapper json) {
        this.ciphers = ciphers;
        this.json = json;
    }

    /** Opens the transport-sealed content of a submitted report. */
    ReportContent openSubmitted(String reportId, String sealedContent) {
        return parse(ciphers.transport().decryptFromBase64(sealedContent, "report:" + reportId + ":content"));
    }

    String openSubmittedContact(String reportId, String sealedContact) {
        return ciphers.transport().decryptFromBase64(sealedContact, "report:" + reportId + ":contact");
    }

    void seal(Case c, ReportContent content, String contact) {
        try {
            c.seal(ciphers.atRest().encrypt(json.writeValueAsString(content), "cases:" + c.id() + ":content"),
                    ciphers.atRest().encrypt(contact, "cases:" + c.id() + ":contact"));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("content not serialisable", e);
        }
    }

    /** Re-encrypts changed content (e.g. a new credit preference), keeping the contact as it is. */
    void resealContent(Case c, ReportContent content) {
        try {
            c.seal(ciphers.atRest().encrypt(json.writeValueAsString(content), "cases:" + c.id() + ":content"),
                    c.contact());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("content not serialisable", e);
        }
    }

    public ReportContent content(Case c) {
        return parse(ciphers.atRest().decrypt(c.content(), "cases:" + c.id() + ":content"));
    }

    void seal(Message m, String body) {
        m.seal(ciphers.atRest().encrypt(body, m.boundTo()));
    }

    public String body(Message m) {
        return ciphers.atRest().decrypt(m.body(), m.boundTo());
    }

    private ReportContent parse(String text) {
        try {
            return json.readValue(text, ReportContent.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("content unreadable");
        }
    }
}
