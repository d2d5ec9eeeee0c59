package io.logplane.node.internal.streams;

import com.sun.jna.Native;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * A pseudo-terminal of the host, opened through the C library ({@code posix_openpt}): the
 * process is given the path of its terminal side, the node reads and writes the other side,
 * and a resize sets the terminal's size ({@code TIOCSWINSZ}), on which the kernel sends
 * {@code SIGWINCH} to the terminal's foreground process. The terminal side is raw (no echo, no
 * line editing: the container's own terminal does those) and held open here until
 * {@link #hangUp}, so that reading the node's side ends only once every process let go of it.
 */
public final class Terminal implements Closeable {
  private static final int O_RDWR = 2;
  private static final int O_NOCTTY = 0400;
  private static final int EINTR = 4;
  private static final long TIOCSWINSZ = 0x5414;
  private static final int TCSANOW = 0;

  private final int master;
  private final String path;
  private volatile int slave;

  private Terminal(int master, String path, int slave) {
    this.master = master;
    this.path = path;
    this.slave = slave;
  }

  /** Opens a new terminal of {@code width} columns and {@code height} rows (0: unset). */
  public static Terminal open(int width, int height) throws IOException {
    LibC c = LibC.C;
    int master = c.posix_openpt(O_RDWR | O_NOCTTY);
    if (master < 0) {
      throw error("posix_openpt");
    }
    byte[] name = new byte[128];
    if (c.grantpt(master) != 0 || c.unlockpt(master) != 0 || c.ptsname_r(master, name, name.length) != 0) {
      IOException e = error("grantpt/unlockpt/ptsname");
      c.close(master);
      throw e;
    }
    int len = 0;
    while (len < name.length && name[len] != 0) {
      len++;
    }
    String path = new String(name, 0, len, StandardCharsets.US_ASCII);
    int slave = c.open(path, O_RDWR | O_NOCTTY);
    if (slave < 0) {
      IOException e = error("open " + path);
      c.close(master);
      throw e;
    }
    byte[] termios = new byte[256]; // larger than any struct termios
    if (c.tcgetattr(slave, termios) == 0) {
      c.cfmakeraw(termios);
      c.tcsetattr(slave, TCSANOW, termios);
    }
    Terminal t = new Terminal(master, path, slave);
    if (width > 0 && height > 0) {
      t.resize(width, height);
    }
    return t;
  }

  /** The terminal side's path ({@code /dev/pts/N}), for the process to open as its stdio. */
  public String path() {
    return path;
  }

  /** Sets the terminal's size; its foreground process gets {@code SIGWINCH}. */
  public void resize(int width, int height) throws IOException {
    short[] size = {(short) height, (short) width, 0, 0};
    if (LibC.C.ioctl(master, TIOCSWINSZ, size) != 0) {
      throw error("ioctl TIOCSWINSZ");
    }
  }

  /** Writes what the client typed, all of it. */
  public void write(byte[] bytes) throws IOException {
    int off = 0;
    while (off < bytes.length) {
      byte[] rest = off == 0 ? bytes : java.util.Arrays.copyOfRange(bytes, off, bytes.length);
      long n = LibC.C.write(master, rest, rest.length);
      if (n < 0) {
        if (Native.getLastError() == EINTR) {
          continue;
        }
        throw error("write to the terminal");
      }
      off += (int) n;
    }
  }

  /** What the processes on the terminal write; it ends once none holds the terminal any more. */
  public InputStream output() {
    return new InputStream() {
      @Override
      public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        byte[] buf = off == 0 ? b : new byte[len];
        while (true) {
          long n = LibC.C.read(master, buf, len);
          if (n > 0) {
            if (buf != b) {
              System.arraycopy(buf, 0, b, off, (int) n);
            }
            return (int) n;
          }
          if (n == 0 || Native.getLastError() != EINTR) {
            return -1; // EIO: every process let go of the terminal
          }
        }
      }
    };
  }

  /** Lets go of the terminal side, so that reading ends once the processes let go of it too. */
  public void hangUp() {
    int s = slave;
    slave = -1;
    if (s >= 0) {
      LibC.C.close(s);
    }
  }

  @Override
  public void close() {
    hangUp();
    LibC.C.close(master);
  }

  private static IOException error(String what) {
    return new IOException(what + " failed: errno " + Native.getLastError());
  }
}
