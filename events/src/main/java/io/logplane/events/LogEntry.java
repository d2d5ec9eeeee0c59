package io.logplane.events;

/** A record of the log: a command at its offset. The offset is the resourceVersion it produces. */
public record LogEntry(long offset, Command command) {}
