package io.logplane.node.internal.runtime;

import java.nio.file.Path;

/**
 * An image ready to run: its files unpacked in a directory, and its configuration.
 *
 * @param id the image as a container's {@code imageID} names it, as containerd's CRI reports it:
 *           {@code repository@sha256:…} (the manifest's digest) when the image has a manifest,
 *           else {@code sha256:…} (its configuration's digest); null when not known
 */
public record Image(Path rootfs, ImageConfig config, String id) {

  /** An image known by its files only. */
  public Image(Path rootfs, ImageConfig config) {
    this(rootfs, config, null);
  }
}
