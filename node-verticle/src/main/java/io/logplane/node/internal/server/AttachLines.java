package io.logplane.node.internal.server;

import io.logplane.node.internal.streams.ChannelProtocol;
import io.logplane.node.internal.streams.ExecOptions;
import io.logplane.node.internal.streams.ExecSession;
import java.util.function.BooleanSupplier;

/** The lines of a container's CRI log sent to an attached client: stdout and stderr to their channels. */
final class AttachLines implements LineSink {
  private final ExecOptions options;
  private final ExecSession.Sink sink;
  private final BooleanSupplier gone;

  AttachLines(ExecOptions options, ExecSession.Sink sink, BooleanSupplier gone) {
    this.options = options;
    this.sink = sink;
    this.gone = gone;
  }

  @Override
  public void line(byte[] raw) {
    CriLine line;
    try {
      line = CriLine.parse(raw);
    } catch (CriLine.Malformed e) {
      return;
    }
    boolean err = line.stream().equals("stderr");
    // With a terminal the client reads one stream: stderr goes with stdout.
    if (err && options.stderr()) {
      sink.send(ChannelProtocol.STDERR, line.text());
    } else if ((!err || options.tty()) && options.stdout()) {
      sink.send(ChannelProtocol.STDOUT, line.text());
    }
  }

  @Override
  public boolean done() {
    return gone.getAsBoolean();
  }
}
