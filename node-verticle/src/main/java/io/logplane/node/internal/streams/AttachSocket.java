package io.logplane.node.internal.streams;

import com.sun.jna.Native;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * A client of conmon's attach socket, as CRI-O's attach is: a unix {@code SOCK_SEQPACKET}
 * socket in the container's directory on which conmon sends each piece of the container's
 * output as one packet, its first byte the stream (2 stdout, 3 stderr), and takes what a client
 * writes as the container's stdin (when conmon has one open for it, {@code --stdin}); a client
 * that shuts its writing down ends the stdin of a {@code stdinOnce} container. The socket is
 * reached through {@code /proc/self/fd/N/attach} of its directory, as a unix socket's path is
 * limited to 108 bytes.
 */
public final class AttachSocket implements Closeable {
  /** conmon's stream numbers. */
  public static final int STDOUT = 2;
  public static final int STDERR = 3;
  private static final int AF_UNIX = 1;
  private static final int SOCK_SEQPACKET = 5;
  private static final int O_PATH = 010000000;
  private static final int SHUT_WR = 1;
  private static final int EINTR = 4;
  /** conmon's packets are at most 8192 bytes of output behind the stream's byte. */
  private static final int PACKET = 8193;

  /** One packet of output: its stream and its bytes. */
  public record Packet(int stream, byte[] data) {}

  private final int fd;
  private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

  private AttachSocket(int fd) {
    this.fd = fd;
  }

  /** Connects to the socket {@code socket}. */
  public static AttachSocket connect(Path socket) throws IOException {
    LibC c = LibC.C;
    int dir = c.open(socket.getParent().toString(), O_PATH);
    if (dir < 0) {
      throw error("open " + socket.getParent());
    }
    try {
      int fd = c.socket(AF_UNIX, SOCK_SEQPACKET, 0);
      if (fd < 0) {
        throw error("socket");
      }
      byte[] path = ("/proc/self/fd/" + dir + "/" + socket.getFileName()).getBytes(StandardCharsets.UTF_8);
      byte[] address = new byte[2 + 108];
      address[0] = AF_UNIX; // sa_family, little-endian
      System.arraycopy(path, 0, address, 2, path.length);
      if (c.connect(fd, address, address.length) != 0) {
        IOException e = error("connect " + socket);
        c.close(fd);
        throw e;
      }
      return new AttachSocket(fd);
    } finally {
      c.close(dir);
    }
  }

  /** The next packet of output; null once conmon closed the socket (the container ended). */
  public Packet read() throws IOException {
    byte[] buf = new byte[PACKET];
    while (true) {
      long n = LibC.C.read(fd, buf, buf.length);
      if (n > 0) {
        return new Packet(buf[0], Arrays.copyOfRange(buf, 1, (int) n));
      }
      if (n == 0) {
        return null;
      }
      if (Native.getLastError() != EINTR) {
        throw error("read");
      }
    }
  }

  /** Writes to the container's stdin. */
  public void write(byte[] bytes) throws IOException {
    int off = 0;
    while (off < bytes.length) {
      byte[] rest = off == 0 ? bytes : Arrays.copyOfRange(bytes, off, bytes.length);
      long n = LibC.C.write(fd, rest, Math.min(rest.length, PACKET - 1));
      if (n < 0) {
        if (Native.getLastError() == EINTR) {
          continue;
        }
        throw error("write");
      }
      off += (int) n;
    }
  }

  /** Tells conmon this client writes no more stdin. */
  public void closeStdin() {
    LibC.C.shutdown(fd, SHUT_WR);
  }

  /** Detaches: conmon drops this client, the container goes on; a read under way ends. Once only. */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      LibC.C.shutdown(fd, 2);
      LibC.C.close(fd);
    }
  }

  private static IOException error(String what) {
    return new IOException(what + " failed: errno " + Native.getLastError());
  }
}
