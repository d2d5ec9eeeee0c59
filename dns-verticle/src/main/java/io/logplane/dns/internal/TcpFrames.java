package io.logplane.dns.internal;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetSocket;
import io.vertx.core.parsetools.RecordParser;

/**
 * DNS over TCP on one connection: each message behind its two-byte length (RFC 1035 4.2.2),
 * any number of them, each answered as it completes.
 */
public final class TcpFrames {

  private TcpFrames() {}

  public static void serve(NetSocket socket, Responder responder) {
    RecordParser parser = RecordParser.newFixed(2);
    boolean[] atLength = {true};
    parser.handler(frame -> {
      if (atLength[0]) {
        int length = frame.getUnsignedShort(0);
        if (length == 0) {
          socket.close();
          return;
        }
        parser.fixedSizeMode(length);
        atLength[0] = false;
        return;
      }
      parser.fixedSizeMode(2);
      atLength[0] = true;
      responder.respond(frame.getBytes(), true).thenAccept(reply -> {
        if (reply != null) {
          socket.write(Buffer.buffer().appendUnsignedShort(reply.length).appendBytes(reply));
        }
      });
    });
    socket.handler(parser);
  }
}
