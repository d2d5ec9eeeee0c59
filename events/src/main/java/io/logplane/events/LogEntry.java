package io.logplane.events;

/** A record at its offset in the log. The offset is the resourceVersion it produces. */
public record LogEntry(long offset, Command record) {}
