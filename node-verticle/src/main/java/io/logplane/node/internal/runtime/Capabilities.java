package io.logplane.node.internal.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A container's Linux capabilities: the default set a CRI runtime gives (containerd's), with the
 * security context's {@code drop} then {@code add} applied ({@code ALL} stands for every one);
 * a privileged container gets every capability the node itself holds.
 */
public final class Capabilities {

  /** containerd's default set, which the kubelet's containers get. */
  static final List<String> DEFAULT = List.of("CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_FSETID",
      "CAP_FOWNER", "CAP_MKNOD", "CAP_NET_RAW", "CAP_SETGID", "CAP_SETUID", "CAP_SETFCAP",
      "CAP_SETPCAP", "CAP_NET_BIND_SERVICE", "CAP_SYS_CHROOT", "CAP_KILL", "CAP_AUDIT_WRITE");

  /** Linux's capabilities by number. */
  static final List<String> BY_NUMBER = List.of("CAP_CHOWN", "CAP_DAC_OVERRIDE",
      "CAP_DAC_READ_SEARCH", "CAP_FOWNER", "CAP_FSETID", "CAP_KILL", "CAP_SETGID", "CAP_SETUID",
      "CAP_SETPCAP", "CAP_LINUX_IMMUTABLE", "CAP_NET_BIND_SERVICE", "CAP_NET_BROADCAST",
      "CAP_NET_ADMIN", "CAP_NET_RAW", "CAP_IPC_LOCK", "CAP_IPC_OWNER", "CAP_SYS_MODULE",
      "CAP_SYS_RAWIO", "CAP_SYS_CHROOT", "CAP_SYS_PTRACE", "CAP_SYS_PACCT", "CAP_SYS_ADMIN",
      "CAP_SYS_BOOT", "CAP_SYS_NICE", "CAP_SYS_RESOURCE", "CAP_SYS_TIME", "CAP_SYS_TTY_CONFIG",
      "CAP_MKNOD", "CAP_LEASE", "CAP_AUDIT_WRITE", "CAP_AUDIT_CONTROL", "CAP_SETFCAP",
      "CAP_MAC_OVERRIDE", "CAP_MAC_ADMIN", "CAP_SYSLOG", "CAP_WAKE_ALARM", "CAP_BLOCK_SUSPEND",
      "CAP_AUDIT_READ", "CAP_PERFMON", "CAP_BPF", "CAP_CHECKPOINT_RESTORE");

  private Capabilities() {}

  /** The capabilities in a bounding-set mask ({@code CapBnd} of {@code /proc/PID/status}). */
  public static List<String> ofMask(long mask) {
    List<String> out = new ArrayList<>();
    for (int bit = 0; bit < BY_NUMBER.size(); bit++) {
      if ((mask >>> bit & 1) == 1) {
        out.add(BY_NUMBER.get(bit));
      }
    }
    return out;
  }

  /** The capabilities this process may hand on: what a privileged container gets. */
  public static List<String> ofThisProcess() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("CapBnd:")) {
          return ofMask(Long.parseUnsignedLong(line.substring(7).trim(), 16));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    throw new IllegalStateException("no CapBnd in /proc/self/status");
  }

  /**
   * @param securityContext the container's {@code securityContext} (missing: none)
   * @param all             what a privileged container gets
   */
  static List<String> of(JsonNode securityContext, List<String> all) {
    if (securityContext.path("privileged").asBoolean(false)) {
      return all;
    }
    Set<String> caps = new LinkedHashSet<>(DEFAULT);
    JsonNode spec = securityContext.path("capabilities");
    for (JsonNode drop : spec.path("drop")) {
      if (drop.asText().equalsIgnoreCase("ALL")) {
        caps.clear();
      } else {
        caps.remove(name(drop.asText()));
      }
    }
    for (JsonNode add : spec.path("add")) {
      if (add.asText().equalsIgnoreCase("ALL")) {
        caps.addAll(all);
      } else {
        caps.add(name(add.asText()));
      }
    }
    return List.copyOf(caps);
  }

  private static String name(String cap) {
    String upper = cap.toUpperCase(Locale.ROOT);
    return upper.startsWith("CAP_") ? upper : "CAP_" + upper;
  }
}
