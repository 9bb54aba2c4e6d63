package dev.embargo.intake.reports;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.embargo.events.ReportContent;
import dev.embargo.platform.crypto.FieldCipher;

/**
 * Seals report content field by field under the at-rest keyset, each ciphertext bound to {@code report:<id>:<field>},
 * and opens it again. Plaintext exists only in memory.
 */
@ApplicationScoped
class ReportVault {

    static final String CONTACT = "contact";
    private final AtRestKeys keys;
    private final ObjectMapper json;

    ReportVault(AtRestKeys keys, ObjectMapper json) {
        this.keys = keys;
        this.json = json;
    }

    Map<String, byte[]> seal(UUID reportId, ReportContent c, String contact) {
        Map<String, String> plain = new LinkedHashMap<>();
        plain.put("title", c.title());
        plain.put("component", c.component());
        plain.put("versionTested", c.versionTested());
        plain.put("description", c.description());
        plain.put("impact", c.impact());
        plain.put("stepsToReproduce", c.stepsToReproduce());
        plain.put("proofOfConcept", c.proofOfConcept());
        plain.put("suggestedFix", c.suggestedFix());
        plain.put("cvssVector", c.cvssVector());
        plain.put("cweIds", c.cweIds() == null || c.cweIds().isEmpty() ? null : json(c.cweIds()));
        plain.put("credit", c.credit() == null ? null : json(c.credit()));
        plain.put("extraFields", c.extraFields() == null || c.extraFields().isEmpty() ? null : json(c.extraFields()));
        plain.put(CONTACT, contact);
        FieldCipher cipher = keys.cipher();
        Map<String, byte[]> sealed = new LinkedHashMap<>();
        plain.forEach((name, value) -> {
            if (value != null) {
                sealed.put(name, cipher.encrypt(value, boundTo(reportId, name)));
            }
        });
        return sealed;
    }

    /** The report's content, decrypted. */
    public ReportContent open(Report report) {
        Map<String, byte[]> f = report.sealedFields();
        UUID id = report.id();
        String cwe = open(id, f, "cweIds");
        String credit = open(id, f, "credit");
        String extra = open(id, f, "extraFields");
        try {
            return new ReportContent(open(id, f, "title"), open(id, f, "component"), open(id, f, "versionTested"),
                    open(id, f, "description"), open(id, f, "impact"), open(id, f, "stepsToReproduce"),
                    open(id, f, "proofOfConcept"), open(id, f, "suggestedFix"), open(id, f, "cvssVector"),
                    cwe == null ? List.of() : json.readValue(cwe, new TypeReference<List<String>>() {
                    }), credit == null ? null : json.readValue(credit, ReportContent.CreditPreference.class),
                    extra == null ? null : json.readValue(extra, new TypeReference<Map<String, String>>() {
                    }));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored report field does not parse");
        }
    }

    /** The reporter's contact email, decrypted; null when none was given. */
    public String openContact(Report report) {
        return open(report.id(), report.sealedFields(), CONTACT);
    }

    /** Re-encrypts every field not under the current primary key; returns how many were re-encrypted. */
    int reseal(Report report) {
        FieldCipher cipher = keys.cipher();
        int count = 0;
        for (var field : report.sealedFields().entrySet()) {
            if (!cipher.isUnderPrimaryKey(field.getValue())) {
                String bound = boundTo(report.id(), field.getKey());
                report.reseal(field.getKey(), cipher.encrypt(cipher.decrypt(field.getValue(), bound), bound));
                count++;
            }
        }
        return count;
    }

    boolean isCurrent(Report report) {
        FieldCipher cipher = keys.cipher();
        return report.sealedFields().values().stream().allMatch(cipher::isUnderPrimaryKey);
    }

    private String open(UUID id, Map<String, byte[]> fields, String name) {
        byte[] ct = fields.get(name);
        return ct == null ? null : keys.cipher().decrypt(ct, boundTo(id, name));
    }

    static String boundTo(UUID reportId, String field) {
        return "report:" + reportId + ":" + field;
    }

    private String json(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("value does not serialise");
        }
    }
}
