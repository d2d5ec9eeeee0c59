package io.logplane.node.internal.volumes;

/** A file of a volume the node writes: its content and its permission bits. */
public record FileProjection(byte[] data, int mode) {}
