package io.logplane.node.internal.server.spdy;

import io.netty.buffer.ByteBuf;

/** The readable bytes of a Netty buffer, copied. */
final class ByteBufBytes {
  private ByteBufBytes() {}

  static byte[] of(ByteBuf b) {
    byte[] bytes = new byte[b.readableBytes()];
    b.getBytes(b.readerIndex(), bytes);
    return bytes;
  }
}
