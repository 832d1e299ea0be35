package dev.drydock.compat;

import java.util.regex.Pattern;

/**
 * A construct found in a migration statement's text (comments and string contents masked): the
 * pattern, what it is, the engine's limit as its documentation says it, the link and the
 * alternative.
 */
public record StatementRule(
    String id,
    Severity severity,
    Pattern pattern,
    String construct,
    String limit,
    String link,
    String alternative) {}
