package it.app;

/** What the events.payload jsonb column holds. */
public record Payload(String key) {}
