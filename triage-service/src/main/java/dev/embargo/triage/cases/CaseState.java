package dev.embargo.triage.cases;

import java.util.EnumSet;
import java.util.Set;

/** Where a case stands in the workflow of PLATFORM.md. */
public enum CaseState {
    NEW, ACKNOWLEDGED, NEEDS_INFO, TRIAGED, FIXING, FIXED, PUBLISHED, CLOSED;

    static final Set<CaseState> OPEN = EnumSet.of(NEW, ACKNOWLEDGED, NEEDS_INFO, TRIAGED, FIXING, FIXED);

    public boolean isOpen() {
        return OPEN.contains(this);
    }
}
