package dev.embargo.triage.cases;

/** Why a case was closed without publication. */
public enum Resolution {
    DUPLICATE, OUT_OF_SCOPE, INFORMATIVE, NOT_APPLICABLE, SPAM, WONT_FIX, MOVED_PUBLIC, WITHDRAWN
}
