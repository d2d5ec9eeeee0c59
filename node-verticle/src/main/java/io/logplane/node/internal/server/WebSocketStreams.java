package io.logplane.node.internal.server;

import io.logplane.node.internal.streams.ChannelProtocol;
import io.logplane.node.internal.streams.ClientInput;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

/** An exec's or attach's client on a WebSocket, its messages on the channels of a {@link ChannelProtocol}. */
final class WebSocketStreams implements ClientStreams {
  private final ServerWebSocket ws;
  private final ChannelProtocol protocol;
  private final AtomicBoolean gone = new AtomicBoolean();
  private final IdleTimeout idle;

  /** On the WebSocket's context; closed after {@code idleTimeout} with no message either way (zero: never). */
  WebSocketStreams(ServerWebSocket ws, Duration idleTimeout) {
    this.ws = ws;
    this.protocol = ChannelProtocol.of(ws.subProtocol());
    this.idle = IdleTimeout.start(Vertx.currentContext().owner(), idleTimeout, ws::close);
  }

  @Override
  public ChannelProtocol protocol() {
    return protocol;
  }

  @Override
  public void listen(ClientInput input) {
    ws.binaryMessageHandler(b -> {
      idle.touch();
      protocol.deliver(b.getBytes(), input);
    });
    ws.textMessageHandler(s -> {
      idle.touch();
      protocol.deliver(s.getBytes(StandardCharsets.US_ASCII), input);
    });
    ws.closeHandler(v -> {
      idle.stop();
      gone.set(true);
      input.gone();
    });
  }

  @Override
  public boolean gone() {
    return gone.get();
  }

  @Override
  public void close() {
    ws.close();
  }

  /** Sends from a copy's thread, waiting while the client is slower than the command. */
  @Override
  public void send(int channel, byte[] data) {
    while (ws.writeQueueFull() && !gone.get()) {
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    if (gone.get()) {
      return;
    }
    idle.touch();
    byte[] message = protocol.encode(channel, data);
    if (protocol.binary()) {
      ws.writeBinaryMessage(Buffer.buffer(message));
    } else {
      ws.writeTextMessage(new String(message, StandardCharsets.US_ASCII));
    }
  }
}
