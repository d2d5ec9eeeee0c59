package io.logplane.bench;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;

/**
 * The create body of many objects that differ only by name, encoded once: the object named
 * {@code prefix + index} is the bytes before the index, its digits, and the bytes after.
 */
final class BodyTemplate {
  /** Stands for the index while the template is encoded; JSON keeps it as it is. */
  private static final String MARK = "%INDEX%";

  private final String prefix;
  private final byte[] head;
  private final byte[] tail;

  /**
   * @param json the body of the object of a given name; the name must appear once in it
   */
  BodyTemplate(String prefix, Function<String, String> json) {
    String body = json.apply(prefix + MARK);
    int at = body.indexOf(MARK);
    if (at < 0 || body.indexOf(MARK, at + 1) >= 0) {
      throw new IllegalStateException("the object's name must appear once in " + body);
    }
    this.prefix = prefix;
    this.head = body.substring(0, at).getBytes(StandardCharsets.UTF_8);
    this.tail = body.substring(at + MARK.length()).getBytes(StandardCharsets.UTF_8);
  }

  /** Bench's pods ({@link Json#pod}) in {@code namespace}. */
  static BodyTemplate pods(String namespace, String prefix) {
    return new BodyTemplate(prefix, name -> Json.pod(namespace, name));
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
