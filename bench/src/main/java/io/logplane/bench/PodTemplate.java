package io.logplane.bench;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;

/**
 * The create body of bench's pods ({@link Json#pod}), encoded once: a pod named
 * {@code prefix + index} is the bytes before the index, its digits, and the bytes after.
 */
final class PodTemplate {
  /** Stands for the index while the template is encoded; JSON keeps it as it is. */
  private static final String MARK = "%INDEX%";

  private final String prefix;
  private final byte[] head;
  private final byte[] tail;

  PodTemplate(String namespace, String prefix) {
    String json = Json.pod(namespace, prefix + MARK);
    int at = json.indexOf(MARK);
    if (at < 0 || json.indexOf(MARK, at + 1) >= 0) {
      throw new IllegalStateException("the pod's name must appear once in " + json);
    }
    this.prefix = prefix;
    this.head = json.substring(0, at).getBytes(StandardCharsets.UTF_8);
    this.tail = json.substring(at + MARK.length()).getBytes(StandardCharsets.UTF_8);
  }

  String name(int index) {
    return prefix + index;
  }

  Buffer body(int index) {
    String digits = Integer.toString(index);
    return Buffer.buffer(head.length + digits.length() + tail.length)
        .appendBytes(head).appendString(digits, "US-ASCII").appendBytes(tail);
  }
}
