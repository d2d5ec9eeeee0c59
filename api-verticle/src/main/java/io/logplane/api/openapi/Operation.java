package io.logplane.api.openapi;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * One HTTP operation on a resource URL, before an OpenAPI version renders it.
 *
 * @param path        URL template, e.g. {@code /apis/apps/v1/namespaces/{namespace}/deployments}
 * @param method      lower-case HTTP method
 * @param action      {@code x-kubernetes-action}: get, list, post, put, patch, delete, deletecollection
 * @param operationId unique id, as kube-apiserver spells it ({@code listAppsV1NamespacedDeployment})
 * @param description one line for humans
 * @param tag         the group-version tag ({@code apps_v1})
 * @param gvk         the kind the operation serves
 * @param body        definition name of the request body, or null
 * @param consumes    request media types (empty without a body)
 * @param response    definition name of the response body
 * @param codes       success codes
 * @param query       query parameter names (see {@link QueryParams})
 */
record Operation(String path, String method, String action, String operationId, String description,
    String tag, Gvk gvk, String body, List<String> consumes, String response, List<Integer> codes,
    List<String> query) {

  /** A group, version and kind. */
  record Gvk(String group, String version, String kind) {
    /** The {@code x-kubernetes-group-version-kind} object form. */
    ObjectNode json() {
      return JsonNodeFactory.instance.objectNode().put("group", group).put("kind", kind).put("version", version);
    }
  }

  /** True when the operation returns a list, so it may also stream a watch. */
  boolean isList() {
    return action.equals("list");
  }
}
