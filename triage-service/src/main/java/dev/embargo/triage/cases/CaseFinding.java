package dev.embargo.triage.cases;

import java.util.Optional;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * One thing intake's submission gate flagged on the report a case came from (e.g. {@code out-of-scope:self-xss}), with
 * the sentence of the project's policy it rests on. Immutable: it records what the gate said at submission.
 */
@Entity
@Table(name = "case_findings")
public class CaseFinding {

    @Id
    private String id;
    @Column(name = "case_id")
    private String caseId;
    private int position;
    private String code;
    @Column(name = "policy_sentence")
    private String policySentence;

    protected CaseFinding() {
    }

    CaseFinding(String caseId, int position, String code, String policySentence) {
        this.id = caseId + ":" + position;
        this.caseId = caseId;
        this.position = position;
        this.code = code;
        this.policySentence = policySentence;
    }

    public String caseId() {
        return caseId;
    }

    public String code() {
        return code;
    }

    public String policySentence() {
        return policySentence;
    }

    /**
     * How a maintainer resolves the report in one step on this finding: out of scope (a class or component the policy
     * excludes), not applicable (behaviour the policy documents as intended), or empty when the finding asks the
     * reporter for something instead (reproduce on the latest release), see {@link #asksReporter()}.
     */
    public Optional<Resolution> closingResolution() {
        if (code.startsWith("out-of-scope:") || code.startsWith("out-of-scope-impact-claimed:")
                || code.equals("component-not-in-scope")) {
            return Optional.of(Resolution.OUT_OF_SCOPE);
        }
        if (code.startsWith("known-design-decision:")) {
            return Optional.of(Resolution.NOT_APPLICABLE);
        }
        return Optional.empty();
    }

    /** A version finding: the one step is to ask the reporter to reproduce on a supported release. */
    public boolean asksReporter() {
        return code.equals("reproduce-on-latest") || code.equals("unsupported-version");
    }
}
