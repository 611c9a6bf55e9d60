package org.pathlight.officials;

/**
 * What an import changed. For the officials sources: members added, changed (or back after a
 * retirement), retired (absent from this file) and unchanged. For the mapping sources (zccd,
 * openstates-districts, congress-district-offices): rows added, changed, removed ({@code retired})
 * and unchanged. {@code skipped}: rows not stored (offices of members the directory does not have).
 * {@code alreadyImported}: a start-up import found the very same file imported last time and did
 * nothing.
 */
public record ImportResult(
    String source,
    int added,
    int updated,
    int retired,
    int unchanged,
    int skipped,
    boolean alreadyImported) {}
