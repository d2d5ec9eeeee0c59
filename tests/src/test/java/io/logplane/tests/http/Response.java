package io.logplane.tests.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;

/** One answer of the API: its status code, headers and body as sent. */
public record Response(int code, HttpHeaders headers, byte[] body) {

  public String text() {
    return new String(body, StandardCharsets.UTF_8);
  }

  /** The body parsed; a missing node when it is empty; a failed test when it is not JSON. */
  public JsonNode json() {
    if (body.length == 0) {
      return MissingNode.getInstance();
    }
    try {
      return Api.JSON.readTree(body);
    } catch (IOException e) {
      throw new AssertionError("not JSON (" + code + "): " + text(), e);
    }
  }

  /** The Content-Type header, or "". */
  public String contentType() {
    return headers.firstValue("Content-Type").orElse("");
  }

  /** The body's {@code metadata.resourceVersion}. */
  public String resourceVersion() {
    return json().path("metadata").path("resourceVersion").asText();
  }
}
