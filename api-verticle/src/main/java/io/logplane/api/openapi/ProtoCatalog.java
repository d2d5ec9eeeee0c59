package io.logplane.api.openapi;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import io.kubernetes.client.proto.IntStr;
import io.kubernetes.client.proto.Meta;
import io.kubernetes.client.proto.Resource;
import io.kubernetes.client.proto.Runtime;
import io.kubernetes.client.proto.V1;
import io.kubernetes.client.proto.V1Apiextensions;
import io.kubernetes.client.proto.V1Apps;
import io.kubernetes.client.proto.V1Autoscaling;
import io.kubernetes.client.proto.V1Batch;
import io.kubernetes.client.proto.V1Coordination;
import io.kubernetes.client.proto.V1Discovery;
import io.kubernetes.client.proto.V1Events;
import io.kubernetes.client.proto.V1Networking;
import io.kubernetes.client.proto.V1Policy;
import io.kubernetes.client.proto.V1Rbac;
import io.kubernetes.client.proto.V1Storage;
import io.kubernetes.client.proto.V2Autoscaling;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The Kubernetes protobuf descriptors (generated from the Go types), used as the authority on
 * what fabric8 cannot say: the Go package of a type (fabric8 puts core/v1 and meta/v1 types in
 * one Java package) and the Go type of a field (fabric8 types timestamps as plain strings and
 * byte slices as strings). Only stable API versions are loaded, so a name never resolves to a
 * beta package.
 */
final class ProtoCatalog {

  private static final List<FileDescriptor> FILES = List.of(
      V1.getDescriptor(), Meta.getDescriptor(), Resource.getDescriptor(), IntStr.getDescriptor(),
      Runtime.getDescriptor(), V1Apps.getDescriptor(), V1Batch.getDescriptor(),
      V1Networking.getDescriptor(), V1Discovery.getDescriptor(), V1Rbac.getDescriptor(),
      V1Storage.getDescriptor(), V1Coordination.getDescriptor(), V1Autoscaling.getDescriptor(),
      V2Autoscaling.getDescriptor(), V1Policy.getDescriptor(), V1Events.getDescriptor(),
      V1Apiextensions.getDescriptor());

  private final Map<String, List<Descriptor>> bySimpleName = new HashMap<>();

  ProtoCatalog() {
    for (FileDescriptor file : FILES) {
      for (Descriptor d : file.getMessageTypes()) {
        bySimpleName.computeIfAbsent(d.getName(), k -> new ArrayList<>()).add(d);
      }
    }
  }

  /** Every stable message with this simple name (core/v1 and events/v1 both have Event). */
  List<Descriptor> named(String simpleName) {
    return bySimpleName.getOrDefault(simpleName, List.of());
  }

  /** {@code k8s.io.api.apps.v1.Deployment} becomes {@code io.k8s.api.apps.v1.Deployment}. */
  static String openApiName(Descriptor d) {
    String full = d.getFullName();
    if (!full.startsWith("k8s.io.")) {
      throw new IllegalStateException("not a Kubernetes message: " + full);
    }
    // Go import paths may hold '-', which protobuf package names spell '_'.
    return "io.k8s." + full.substring("k8s.io.".length()).replace('_', '-');
  }

  /**
   * The proto field behind a JSON field. Go embeds some structs inline (Probe embeds
   * ProbeHandler as {@code handler}, Volume embeds VolumeSource): their fields appear flat in
   * JSON and in fabric8, so a field missing at the top is looked up in the embedded messages
   * (the proto fields the Java class does not have).
   */
  static Optional<FieldDescriptor> field(Descriptor message, String json, Set<String> javaFields) {
    return field(message, json, javaFields, 2);
  }

  private static Optional<FieldDescriptor> field(Descriptor message, String json, Set<String> javaFields,
      int depth) {
    FieldDescriptor direct = message.findFieldByName(json);
    if (direct != null || depth == 0) {
      return Optional.ofNullable(direct);
    }
    for (FieldDescriptor f : message.getFields()) {
      // Embedding is shallow in the API types; the depth bound also stops at recursive types.
      boolean embedded = f.getJavaType() == FieldDescriptor.JavaType.MESSAGE && !f.isRepeated()
          && !javaFields.contains(f.getName()) && f.getMessageType().getFullName().startsWith("k8s.io.api");
      if (embedded) {
        Optional<FieldDescriptor> inner = field(f.getMessageType(), json, javaFields, depth - 1);
        if (inner.isPresent()) {
          return inner;
        }
      }
    }
    return Optional.empty();
  }
}
