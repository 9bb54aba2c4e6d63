package dev.embargo.triage.cases;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import dev.embargo.events.ReportSubmitted;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

/** The gate's findings of each case, as {@code report.submitted} carried them. */
@ApplicationScoped
class CaseFindings implements PanacheRepositoryBase<CaseFinding, String> {

    /** Records the findings of a new case: with their policy sentences, or bare codes from an older producer. */
    void record(String caseId, ReportSubmitted event) {
        List<ReportSubmitted.Finding> details = event.findingDetails() != null ? event.findingDetails()
                : event.findings() == null ? List.of()
                        : event.findings().stream().map(code -> new ReportSubmitted.Finding(code, null)).toList();
        Set<String> seen = new HashSet<>();
        int position = 0;
        for (ReportSubmitted.Finding f : details) {
            if (f.code() != null && seen.add(f.code())) {
                persist(new CaseFinding(caseId, position++, f.code(), f.policySentence()));
            }
        }
    }

    public List<CaseFinding> of(String caseId) {
        return list("from CaseFinding where caseId = ?1 order by position", caseId);
    }

    /** Findings of several cases at once (for a page of the case list). */
    public Map<String, List<CaseFinding>> of(List<String> caseIds) {
        if (caseIds.isEmpty()) {
            return Map.of();
        }
        return getEntityManager()
                .createQuery("from CaseFinding where caseId in :c order by caseId, position", CaseFinding.class)
                .setParameter("c", caseIds).getResultStream()
                .collect(Collectors.groupingBy(CaseFinding::caseId, LinkedHashMap::new, Collectors.toList()));
    }
}
