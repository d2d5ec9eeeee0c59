package io.logplane.api.proto;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Message;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Finds the generated protobuf message of an API kind. The generated classes follow one naming
 * rule: the outer class of group {@code networking.k8s.io} version {@code v1} is
 * {@code V1Networking} (the core group has no suffix: {@code V1}), and each kind is a nested
 * class of the same name ({@code V1Networking.Ingress}).
 */
final class ProtoKinds {

  private static final String PACKAGE = "io.kubernetes.client.proto.";
  // Guards the reflective look-up: a kind is a plain type name, never e.g. "Pod$Builder".
  private static final Pattern NAME = Pattern.compile("[A-Z][A-Za-z0-9]*");
  private static final Pattern VERSION = Pattern.compile("v[0-9]+((alpha|beta)[0-9]+)?");
  private static final Pattern GROUP = Pattern.compile("[a-z0-9.-]*");

  private static final Map<String, Optional<Descriptor>> CACHE = new ConcurrentHashMap<>();

  private ProtoKinds() {}

  /**
   * The descriptor of the kind's message, or empty when there is no such message. Only the
   * descriptor is used: messages are parsed as DynamicMessage, because the bundled generated
   * classes predate protobuf 3.22 and their own parsers are the code path that protobuf-java
   * flags as vulnerable (GHSA-h4h5-3hr4-j3g2) and logs a warning for.
   */
  static Optional<Descriptor> descriptor(String apiVersion, String kind) {
    return CACHE.computeIfAbsent(apiVersion + "/" + kind, k -> find(apiVersion, kind));
  }

  /** {@code V1Apps} for {@code apps/v1}, {@code V1} for {@code v1}. */
  static String outerClass(String apiVersion) {
    int slash = apiVersion.lastIndexOf('/');
    String group = slash < 0 ? "" : apiVersion.substring(0, slash);
    String version = apiVersion.substring(slash + 1);
    String first = group.isEmpty() ? "" : group.split("\\.", 2)[0];
    return capitalize(version) + capitalize(first);
  }

  private static Optional<Descriptor> find(String apiVersion, String kind) {
    int slash = apiVersion.lastIndexOf('/');
    String group = slash < 0 ? "" : apiVersion.substring(0, slash);
    String version = apiVersion.substring(slash + 1);
    if (!NAME.matcher(kind).matches() || !VERSION.matcher(version).matches()
        || !GROUP.matcher(group).matches()) {
      return Optional.empty();
    }
    try {
      // flowcontrol's v1 messages are v1beta3's, promoted field for field (the same numbers); the
      // bundled classes have only v1's
      String outer = apiVersion.equals("flowcontrol.apiserver.k8s.io/v1beta3") ? "V1Flowcontrol"
          : outerClass(apiVersion);
      Class<?> type = Class.forName(PACKAGE + outer + "$" + kind);
      if (!Message.class.isAssignableFrom(type)) {
        return Optional.empty();
      }
      Descriptor d = (Descriptor) type.getMethod("getDescriptor").invoke(null);
      // Only objects carry metadata; this keeps helper messages (e.g. PodSpec) out.
      return d.findFieldByName("metadata") == null ? Optional.empty() : Optional.of(d);
    } catch (ReflectiveOperationException | LinkageError e) {
      return Optional.empty();
    }
  }

  private static String capitalize(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }
}
