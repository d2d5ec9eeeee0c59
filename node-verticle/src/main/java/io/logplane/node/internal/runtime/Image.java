package io.logplane.node.internal.runtime;

import java.nio.file.Path;

/** An image ready to run: its files unpacked in a directory, and its configuration. */
public record Image(Path rootfs, ImageConfig config) {}
