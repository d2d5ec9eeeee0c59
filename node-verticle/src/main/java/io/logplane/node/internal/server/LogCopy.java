package io.logplane.node.internal.server;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * What of a CRI log's lines reaches the client, as the kubelet's {@code ReadLogs} and its log
 * writer decide: lines before {@code since} skipped, the time prefixed when asked (once per line
 * of output: the parts of a partial line are joined), the output cut at {@code limitBytes}, and,
 * when not following, done after {@code tail} lines. Pure: the caller reads the file and gives
 * the lines in order.
 */
final class LogCopy implements LineSink {
  private final LogOptions options;
  private final Consumer<byte[]> out;
  private long remainingBytes;
  private long remainingLines;
  private boolean newLine = true;
  private boolean done;

  LogCopy(LogOptions options, Consumer<byte[]> out) {
    this.options = options;
    this.out = out;
    this.remainingBytes = options.limitBytes() >= 0 ? options.limitBytes() : Long.MAX_VALUE;
    this.remainingLines = options.tail() >= 0 && !options.follow() ? options.tail() : -1;
    this.done = remainingLines == 0;
  }

  /** Whether nothing more is to be written: the byte limit or the lines of the tail reached. */
  @Override
  public boolean done() {
    return done;
  }

  /**
   * Takes one line of the file (with its newline, but for an unfinished last line); a line not
   * in the CRI format is skipped, as the kubelet skips it.
   */
  @Override
  public void line(byte[] raw) {
    if (done) {
      return;
    }
    CriLine line;
    try {
      line = CriLine.parse(raw);
    } catch (CriLine.Malformed e) {
      return;
    }
    write(line);
    if (remainingLines > 0 && --remainingLines == 0) {
      done = true;
    }
    newLine = line.endsLine();
  }

  private void write(CriLine line) {
    if (options.since() != null && line.time().toInstant().isBefore(options.since())) {
      return;
    }
    byte[] bytes = line.text();
    if (options.timestamps() && newLine) {
      byte[] prefix = (Rfc3339Nano.format(line.time()) + " ").getBytes(StandardCharsets.US_ASCII);
      byte[] joined = Arrays.copyOf(prefix, prefix.length + bytes.length);
      System.arraycopy(bytes, 0, joined, prefix.length, bytes.length);
      bytes = joined;
    }
    if (bytes.length > remainingBytes) {
      bytes = Arrays.copyOf(bytes, (int) remainingBytes);
    }
    if (bytes.length > 0) {
      out.accept(bytes);
    }
    remainingBytes -= bytes.length;
    if (remainingBytes <= 0) {
      done = true;
    }
  }
}
