package io.logplane.node.internal.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A session over host processes that stand for {@code runc exec}: each writes the pid file as
 * runc does once the command started (or not, when it fails to start it), so the channels, the
 * stdin and its end, the terminal and its size, and the statuses are those of a real exec.
 */
class ExecSessionTest {
  @TempDir Path dir;
  private final ExecutorService threads = Executors.newCachedThreadPool();
  private final ScheduledExecutorService later = Executors.newSingleThreadScheduledExecutor();
  private final Map<Integer, ByteArrayOutputStream> channels = new ConcurrentHashMap<>();

  @AfterEach
  void stop() {
    threads.shutdownNow();
    later.shutdownNow();
  }

  private void sink(int channel, byte[] data) {
    ByteArrayOutputStream b = channels.computeIfAbsent(channel, c -> new ByteArrayOutputStream());
    synchronized (b) {
      b.writeBytes(data);
    }
  }

  private String channel(int c) {
    ByteArrayOutputStream b = channels.get(c);
    return b == null ? null : b.toString(StandardCharsets.UTF_8);
  }

  /** A runc standing in: writes the pid file, then runs {@code script}. */
  private ExecSession.Starter runc(boolean stdin, boolean tty, String script) {
    Path pid = dir.resolve("exec.pid");
    return (w, h) -> ContainerProcess.start(List.of("/bin/sh", "-c", "echo $$ > \"$0\"; " + script, pid.toString()),
        pid, stdin, true, tty, w, h);
  }

  @Test
  void outputsGoToTheirChannelsAndTheExitCodeToTheErrorChannel() throws Exception {
    ExecOptions o = new ExecOptions(List.of("sh", "-c", "x"), false, true, true, false);
    ExecSession s = new ExecSession(o, ChannelProtocol.V5, this::sink);
    ExitStatus status = s.run(runc(false, false, "echo out; echo err >&2; exit 3"), threads);
    assertEquals("out\n", channel(1));
    assertEquals("err\n", channel(2));
    assertEquals("3", status.status().at("/details/causes/0/message").asText());
    assertEquals(status.status().toString(), channel(3));
  }

  @Test
  void stdinGoesToTheCommandUntilTheClientClosesIt() throws Exception {
    ExecOptions o = new ExecOptions(List.of("cat"), true, true, false, false);
    ExecSession s = new ExecSession(o, ChannelProtocol.V5, this::sink);
    s.received(new byte[] {0, 'a', 'b', '\n'});
    s.received(new byte[] {0, 'c', '\n'});
    s.received(new byte[] {(byte) 255, 0});
    ExitStatus status = s.run(runc(true, false, "exec cat"), threads);
    assertTrue(status.succeeded(), status.status().toString());
    assertEquals("ab\nc\n", channel(1));
    assertEquals("{\"metadata\":{},\"status\":\"Success\"}", channel(3));
  }

  @Test
  void aTerminalHasTheClientsSizeAndFollowsItsResizes() throws Exception {
    ExecOptions o = new ExecOptions(List.of("sh"), true, true, false, true);
    ExecSession s = new ExecSession(o, ChannelProtocol.V4, this::sink);
    s.received(("\u0004{\"Width\":91,\"Height\":37}").getBytes(StandardCharsets.UTF_8));
    Future<ExitStatus> run = threads.submit(() -> s.run(runc(true, true,
        "[ -t 0 ] && echo terminal; stty size; read x; stty size; exit 5"), threads));
    org.awaitility.Awaitility.await().until(() -> "terminal\n37 91\n".equals(channel(1)));
    s.received(("\u0004{\"Width\":120,\"Height\":40}").getBytes(StandardCharsets.UTF_8));
    s.received(new byte[] {0, '\n'});
    ExitStatus status = run.get();
    assertEquals("terminal\n37 91\n40 120\n", channel(1));
    assertEquals("5", status.status().at("/details/causes/0/message").asText());
  }

  @Test
  void aTerminalWaitsForTheSizeTheClientSendsOnceTheStreamsAreOpen() throws Exception {
    ExecOptions o = new ExecOptions(List.of("sh"), false, true, false, true);
    AtomicReference<ExecSession> session = new AtomicReference<>();
    session.set(new ExecSession(o, ChannelProtocol.V4, (channel, data) -> {
      sink(channel, data);
      if (data.length == 0) { // the streams are open: kubectl's size comes a network's latency later
        later.schedule(() -> session.get().received(
            "\u0004{\"Width\":91,\"Height\":37}".getBytes(StandardCharsets.UTF_8)), 300, TimeUnit.MILLISECONDS);
      }
    }));
    ExitStatus status = session.get().run(runc(false, true, "stty size"), threads);
    assertTrue(status.succeeded(), status.status().toString());
    assertEquals("37 91\n", channel(1));
  }

  @Test
  void aTerminalWhoseClientSendsNoSizeStartsAnyway() throws Exception {
    ExecOptions o = new ExecOptions(List.of("sh"), false, true, false, true);
    ExecSession s = new ExecSession(o, ChannelProtocol.V4, this::sink);
    ExitStatus status = s.run(runc(false, true, "echo started"), threads);
    assertTrue(status.succeeded(), status.status().toString());
    assertEquals("started\n", channel(1).replace("\r", ""));
  }

  @Test
  void aCommandRuncCouldNotStartIsAnInternalErrorWithRuncsWords() throws Exception {
    ExecOptions o = new ExecOptions(List.of("nosuch"), false, true, true, false);
    ExecSession s = new ExecSession(o, ChannelProtocol.V5, this::sink);
    Path pid = dir.resolve("exec.pid");
    ExitStatus status = s.run((w, h) -> ContainerProcess.start(List.of("/bin/sh", "-c",
        "echo 'exec failed: unable to start container process: exec: \"nosuch\": not found' >&2; exit 255"),
        pid, false, true, false, w, h), threads);
    assertEquals("", channel(1));
    assertEquals(null, channel(2));
    assertEquals("Internal error occurred: error executing command in container: failed to exec in container:"
        + " OCI runtime exec failed: exec failed: unable to start container process: exec: \"nosuch\": not found:"
        + " unknown", status.status().path("message").asText());
  }
}
