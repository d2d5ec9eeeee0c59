package io.logplane.bench;

import java.io.IOException;
import java.io.Writer;

/** A writer that starts every line with a prefix, so that two servers' lines read apart. */
final class Prefixed extends Writer {

  private final Writer out;
  private final String prefix;
  private boolean lineStart = true;

  Prefixed(Writer out, String prefix) {
    this.out = out;
    this.prefix = prefix;
  }

  @Override
  public void write(char[] buf, int off, int len) throws IOException {
    synchronized (lock) {
      for (int i = off; i < off + len; i++) {
        if (lineStart) {
          out.write(prefix);
          lineStart = false;
        }
        out.write(buf[i]);
        lineStart = buf[i] == '\n';
      }
    }
  }

  @Override
  public void flush() throws IOException {
    out.flush();
  }

  @Override
  public void close() throws IOException {
    flush();
  }
}
