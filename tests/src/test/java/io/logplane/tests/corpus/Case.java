package io.logplane.tests.corpus;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One request of the corpus, as read from its file: everything the {@link Runner} needs to send
 * it, already resolved against the file's base object and collection path.
 *
 * @param file        the file's id (its name without {@code .yaml}), the first half of {@link #id}
 * @param name        unique in the file; the object's name unless the body names another
 * @param rule        the Kubernetes rule the case exercises, or ""
 * @param method      POST, PUT, PATCH or DELETE
 * @param path        the request path without query
 * @param query       the query string without {@code ?}, or ""
 * @param contentType the Content-Type of the body
 * @param body        the body's bytes, or null for none
 * @param setup       an object POSTed to {@code setupPath} before the request, or null
 * @param setupPath   the collection the setup object is created in
 */
public record Case(String file, String name, String rule, String method, String path, String query,
    String contentType, byte[] body, JsonNode setup, String setupPath) {

  /** {@code file/name}: how the expected answers and the known differences name the case. */
  public String id() {
    return file + "/" + name;
  }

  /** The path with its query. */
  public String target() {
    return query.isEmpty() ? path : path + "?" + query;
  }
}
