package io.logplane.node.internal.streams;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * One {@code kubectl exec}, as the kubelet's {@code ServeExec} runs it, over the channels of a
 * WebSocket or the streams of SPDY (the {@link ClientInput} it is, and the {@link Sink} it sends
 * to, are the transport's; {@code protocol} decodes a WebSocket's messages and says how the
 * status is written): an empty message on the first channel the client reads tells it the
 * streams are open; the
 * client's stdin goes to the command (v5's close ends it), its resizes to the command's terminal;
 * the command's stdout and stderr go to their channels as they come; once the command ended and
 * its output was read, its {@link ExitStatus} goes on the error channel. Each stream is copied on
 * a thread of its own, as the copies block.
 */
public final class ExecSession implements ClientInput {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final byte[] END = new byte[0];
  /** How long a command with a terminal waits for the client's first size before it starts without one. */
  private static final long FIRST_SIZE_MILLIS = 1000;

  /** Where the session's messages go: one channel's bytes at a time, waiting while the client is slow. */
  @FunctionalInterface
  public interface Sink {
    void send(int channel, byte[] data);
  }

  /** Starts the command on a terminal of the size given (0 when the client gave none yet). */
  @FunctionalInterface
  public interface Starter {
    ContainerProcess start(int width, int height) throws IOException;
  }

  private final ExecOptions options;
  private final ChannelProtocol protocol;
  private final Sink sink;
  private final BlockingQueue<byte[]> stdin = new LinkedBlockingQueue<>();
  private volatile ContainerProcess process;
  private volatile boolean gone;
  private int width;
  private int height;

  public ExecSession(ExecOptions options, ChannelProtocol protocol, Sink sink) {
    this.options = options;
    this.protocol = protocol;
    this.sink = sink;
  }

  /** A message of the client's on {@code protocol}'s channels. */
  public void received(byte[] message) {
    protocol.deliver(message, this);
  }

  @Override
  public void stdin(byte[] data) {
    if (options.stdin() && data.length > 0) {
      stdin.add(data);
    }
  }

  @Override
  public void stdinClosed() {
    stdin.add(END);
  }

  /** The client went away: the command is asked to end. */
  @Override
  public void gone() {
    gone = true;
    synchronized (this) {
      notifyAll();
    }
    stdin.add(END);
    ContainerProcess p = process;
    if (p != null) {
      p.stop();
    }
  }

  /**
   * Runs the command to its end and sends its status; blocking.
   *
   * @param threads runs the copies of the streams
   */
  public ExitStatus run(Starter starter, ExecutorService threads) throws InterruptedException {
    sink.send(options.stdout() ? ChannelProtocol.STDOUT : options.stderr() ? ChannelProtocol.STDERR
        : ChannelProtocol.ERROR, new byte[0]);
    ContainerProcess p;
    try {
      synchronized (this) {
        awaitFirstSize();
        p = starter.start(width, height);
        process = p;
      }
    } catch (IOException e) {
      return finish(ExitStatus.error(String.valueOf(e.getMessage())));
    }
    if (gone) {
      p.stop();
    }
    ByteArrayOutputStream refusal = new ByteArrayOutputStream();
    CompletableFuture<Void> out = CompletableFuture.runAsync(() -> copy(p, p.stdout(),
        options.stdout() ? ChannelProtocol.STDOUT : -1, refusal), threads);
    CompletableFuture<Void> err = CompletableFuture.runAsync(() -> copy(p, p.stderr(),
        options.stderr() ? ChannelProtocol.STDERR : -1, refusal), threads);
    CompletableFuture<Void> in = CompletableFuture.runAsync(() -> feed(p), threads);
    try {
      int code = p.waitFor();
      out.join();
      err.join();
      boolean started = p.awaitStarted();
      stdin.add(END);
      in.join();
      if (!started) {
        String why = refusal.toString(StandardCharsets.UTF_8).strip();
        return finish(ExitStatus.error("failed to exec in container: OCI runtime exec failed: "
            + (why.isEmpty() ? "runc exited with " + code : why) + ": unknown"));
      }
      return finish(code == 0 ? ExitStatus.success() : ExitStatus.exited(options.command(), code));
    } finally {
      p.release();
    }
  }

  /**
   * With a terminal, kubectl sends its size as soon as it hears the streams are open: the command
   * waits for it (a moment at most), so that what it prints first is laid out for the client's
   * terminal rather than for one of no size that the resize corrects later.
   */
  private void awaitFirstSize() throws InterruptedException {
    long deadline = System.nanoTime() + FIRST_SIZE_MILLIS * 1_000_000;
    for (long left; options.tty() && width == 0 && !gone && (left = deadline - System.nanoTime()) > 0; ) {
      wait(Math.max(1, left / 1_000_000));
    }
  }

  private ExitStatus finish(ExitStatus status) {
    if (!gone) {
      byte[] bytes = status.bytes(protocol);
      if (bytes.length > 0) {
        sink.send(ChannelProtocol.ERROR, bytes);
      }
    }
    return status;
  }

  /** Copies a stream of the command's to {@code channel} (-1: read and dropped); runc's own error to {@code refusal}. */
  private void copy(ContainerProcess p, InputStream from, int channel, ByteArrayOutputStream refusal) {
    byte[] buf = new byte[32 * 1024];
    Boolean started = null;
    try (from) {
      int n;
      while ((n = from.read(buf)) >= 0) {
        if (started == null) {
          started = p.awaitStarted();
        }
        if (!started) {
          synchronized (refusal) {
            refusal.write(buf, 0, n);
          }
        } else if (channel >= 0 && !gone && n > 0) {
          sink.send(channel, java.util.Arrays.copyOf(buf, n));
        }
      }
    } catch (IOException e) {
      // the stream ended with the command
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void feed(ContainerProcess p) {
    try {
      while (true) {
        byte[] bytes = stdin.take();
        if (bytes == END) {
          if (!gone || !p.tty()) {
            p.closeStdin();
          }
          return;
        }
        p.write(bytes);
      }
    } catch (IOException e) {
      // the command no longer reads
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public synchronized void resize(byte[] json) {
    if (!options.tty()) {
      return;
    }
    try {
      JsonNode size = JSON.readTree(json);
      width = size.path("Width").asInt(0);
      height = size.path("Height").asInt(0);
      if (process != null && width > 0 && height > 0) {
        process.resize(width, height);
      }
      notifyAll();
    } catch (IOException e) {
      // the kubelet skips a size it cannot read
    }
  }
}
