package io.logplane.bench;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Failed requests of one scenario by kind ({@code HTTP 409}, {@code ConnectException}...),
 * each with the first message seen, so a run that errs says how and why.
 */
public final class Errors {
  private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();
  private final Map<String, String> examples = new ConcurrentHashMap<>();

  /** Records a non-2xx answer; the body's {@code message} is kept as the example. */
  public void http(int status, String body) {
    add("HTTP " + status, statusMessage(body));
  }

  /** Records a transport failure (connection refused, timeout, reset). */
  public void failure(Throwable t) {
    Throwable root = t;
    while ((root instanceof java.util.concurrent.CompletionException
        || root instanceof java.util.concurrent.ExecutionException) && root.getCause() != null) {
      root = root.getCause();
    }
    add(root.getClass().getSimpleName(), String.valueOf(root.getMessage()));
  }

  /** Records another kind of failure, such as a watch that ended early. */
  public void add(String kind, String example) {
    counts.computeIfAbsent(kind, k -> new LongAdder()).increment();
    examples.putIfAbsent(kind, example == null ? "" : example);
  }

  public long total() {
    return counts.values().stream().mapToLong(LongAdder::sum).sum();
  }

  /** One line per kind: {@code HTTP 409 x3 (pods "a" already exists)}; empty when none. */
  public String describe() {
    StringBuilder out = new StringBuilder();
    new TreeMap<>(counts).forEach((kind, n) -> {
      String example = examples.get(kind);
      if (example.length() > 200) {
        example = example.substring(0, 200) + "...";
      }
      out.append("    error ").append(kind).append(" x").append(n.sum())
          .append(example.isEmpty() ? "" : " (" + example + ")").append('\n');
    });
    return out.toString();
  }

  private static String statusMessage(String body) {
    if (body == null) {
      return "";
    }
    try {
      String message = Json.MAPPER.readTree(body).path("message").asText("");
      return message.isEmpty() ? body.strip() : message;
    } catch (java.io.IOException e) {
      return body.strip();
    }
  }
}
