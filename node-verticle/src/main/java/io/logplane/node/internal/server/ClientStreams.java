package io.logplane.node.internal.server;

import io.logplane.node.internal.streams.ChannelProtocol;
import io.logplane.node.internal.streams.ClientInput;
import io.logplane.node.internal.streams.ExecSession;

/**
 * The client's end of one {@code exec} or {@code attach}, whatever carries it: a WebSocket of
 * channels ({@link WebSocketStreams}) or a SPDY session of streams ({@link SpdyExecStreams}).
 * {@link #send} may be called from any thread, and waits while the client is slow.
 */
interface ClientStreams extends ExecSession.Sink {

  /** The channel protocol whose status encoding the error channel takes. */
  ChannelProtocol protocol();

  /** Hands what the client sends, and its going away, to {@code input}. */
  void listen(ClientInput input);

  /** Whether the client went away. */
  boolean gone();

  /** Ends the exchange, after what was sent. */
  void close();

  /** A client input that takes nothing: where there is no stdin to give. */
  ClientInput IGNORED = new ClientInput() {
    @Override
    public void stdin(byte[] data) { }

    @Override
    public void stdinClosed() { }

    @Override
    public void resize(byte[] json) { }

    @Override
    public void gone() { }
  };
}
