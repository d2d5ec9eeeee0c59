package io.logplane.projections.policy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * A request as kube's admission {@code Attributes} describe it to the policies: the operation
 * (CREATE, UPDATE, DELETE, CONNECT), the resource and subresource asked for, the kind of the
 * object sent, the namespace and name, the object (null on DELETE, as kube gives it) and the
 * old object (null on CREATE), the user, dry run, and the operation's options (CreateOptions,
 * ..., shown as {@code request.options}; null for none).
 * {@code namespace} is as kube sets it: empty for a cluster-scoped resource, and for a request
 * on a Namespace that namespace's own name (empty when it is created). {@code name} is empty
 * when the server will generate it. Nulls become empty strings and lists.
 */
public record Attributes(String operation, GroupVersionResource resource, String subresource,
    GroupVersionKind kind, String namespace, String name, JsonNode object, JsonNode oldObject, UserInfo userInfo,
    boolean dryRun, JsonNode options) {

  /** A resource's group, version and plural name ({@code ""}, {@code "v1"}, {@code "pods"}). */
  public record GroupVersionResource(String group, String version, String resource) {
    public GroupVersionResource {
      group = group == null ? "" : group;
      version = version == null ? "" : version;
      resource = resource == null ? "" : resource;
    }
  }

  /** A kind's group, version and name ({@code "apps"}, {@code "v1"}, {@code "Deployment"}). */
  public record GroupVersionKind(String group, String version, String kind) {
    public GroupVersionKind {
      group = group == null ? "" : group;
      version = version == null ? "" : version;
      kind = kind == null ? "" : kind;
    }
  }

  /** Who asks: kube's {@code authentication/v1 UserInfo}. */
  public record UserInfo(String username, String uid, List<String> groups, Map<String, List<String>> extra) {
    public UserInfo {
      username = username == null ? "" : username;
      uid = uid == null ? "" : uid;
      groups = groups == null ? List.of() : List.copyOf(groups);
      extra = extra == null ? Map.of() : Map.copyOf(extra);
    }
  }

  public Attributes {
    operation = operation == null ? "" : operation;
    resource = resource == null ? new GroupVersionResource("", "", "") : resource;
    subresource = subresource == null ? "" : subresource;
    kind = kind == null ? new GroupVersionKind("", "", "") : kind;
    namespace = namespace == null ? "" : namespace;
    name = name == null ? "" : name;
    userInfo = userInfo == null ? new UserInfo("", "", List.of(), Map.of()) : userInfo;
  }

  /**
   * A request without subresource, dry run or options, of a kind in the resource's group and
   * version: the common case, for tests and callers alike.
   */
  public static Attributes of(String operation, String group, String version, String resource, String kind,
      String namespace, String name, JsonNode object, JsonNode oldObject, UserInfo userInfo) {
    return new Attributes(operation, new GroupVersionResource(group, version, resource), "",
        new GroupVersionKind(group, version, kind), namespace, name, object, oldObject, userInfo, false, null);
  }

  /** The same request for a subresource ({@code "status"}, {@code "scale"}). */
  public Attributes withSubresource(String subresource) {
    return new Attributes(operation, resource, subresource, kind, namespace, name, object, oldObject, userInfo,
        dryRun, options);
  }
}
