package io.logplane.node.internal.runtime;

import java.nio.file.Path;

/** A host directory or file bound into a container (a volume, once the node has prepared it). */
public record VolumeMount(Path source, String destination, boolean readOnly) {}
