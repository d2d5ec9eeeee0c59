package io.logplane.node.internal.streams;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * A Kubernetes WebSocket channel protocol, as the kubelet's {@code wsstream} speaks it: each
 * message is one channel's bytes behind the channel's number (0 stdin, 1 stdout, 2 stderr, 3
 * error, 4 resize). The binary protocols send the number as a byte and the bytes as they are;
 * the base64 ones send text, the number as an ASCII digit and the bytes in base64. From
 * {@code v4} the error channel carries the exit as a JSON {@code Status}; {@code v5} adds
 * channel 255, on which the client tells the end of one of its streams ({@code [255, 0]}: no
 * more stdin). Pure: encodes and decodes messages.
 */
public enum ChannelProtocol {
  V5("v5.channel.k8s.io", true, true, true),
  V4("v4.channel.k8s.io", true, true, false),
  V4_BASE64("v4.base64.channel.k8s.io", false, true, false),
  V1("channel.k8s.io", true, false, false),
  V1_BASE64("base64.channel.k8s.io", false, false, false);

  public static final int STDIN = 0;
  public static final int STDOUT = 1;
  public static final int STDERR = 2;
  public static final int ERROR = 3;
  public static final int RESIZE = 4;
  /** v5's channel on which the client closes one of its streams. */
  public static final int CLOSE = 255;

  /** One message: its channel and its bytes. */
  public record Frame(int channel, byte[] data) {
    @Override
    public boolean equals(Object o) {
      return o instanceof Frame f && f.channel == channel && Arrays.equals(f.data, data);
    }

    @Override
    public int hashCode() {
      return 31 * channel + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
      return channel + ":" + new String(data, StandardCharsets.UTF_8);
    }
  }

  private final String protocolName;
  private final boolean binary;
  private final boolean jsonStatus;
  private final boolean closeSignal;

  ChannelProtocol(String protocolName, boolean binary, boolean jsonStatus, boolean closeSignal) {
    this.protocolName = protocolName;
    this.binary = binary;
    this.jsonStatus = jsonStatus;
    this.closeSignal = closeSignal;
  }

  /** The names a server offers, most preferred first. */
  public static List<String> names() {
    return Arrays.stream(values()).map(p -> p.protocolName).toList();
  }

  /** The protocol of a negotiated subprotocol; none negotiated (null, empty) is the first binary one. */
  public static ChannelProtocol of(String negotiated) {
    if (negotiated == null || negotiated.isEmpty()) {
      return V1;
    }
    for (ChannelProtocol p : values()) {
      if (p.protocolName.equals(negotiated)) {
        return p;
      }
    }
    throw new IllegalArgumentException("not a channel protocol: " + negotiated);
  }

  public String protocolName() {
    return protocolName;
  }

  /** Whether messages are binary (else text, in base64). */
  public boolean binary() {
    return binary;
  }

  /** Whether the error channel carries a JSON Status (v4 on), else the text of a failure only. */
  public boolean jsonStatus() {
    return jsonStatus;
  }

  /** Whether the client may close its stdin with {@code [255, 0]}. */
  public boolean closeSignal() {
    return closeSignal;
  }

  /** The message carrying {@code data} on {@code channel}: bytes, or for a base64 protocol, their text's. */
  public byte[] encode(int channel, byte[] data) {
    if (binary) {
      byte[] m = new byte[data.length + 1];
      m[0] = (byte) channel;
      System.arraycopy(data, 0, m, 1, data.length);
      return m;
    }
    return ((char) ('0' + channel) + Base64.getEncoder().encodeToString(data)).getBytes(StandardCharsets.US_ASCII);
  }

  /**
   * Hands a client's message to {@code input} by its channel: stdin (not empty), the close of
   * stdin ({@code [255, 0]}, where the protocol has it), a resize; others are skipped.
   */
  public void deliver(byte[] message, ClientInput input) {
    Frame f = decode(message);
    if (f == null) {
      return;
    }
    if (f.channel() == STDIN && f.data().length > 0) {
      input.stdin(f.data());
    } else if (f.channel() == CLOSE && closeSignal && f.data().length > 0 && f.data()[0] == STDIN) {
      input.stdinClosed();
    } else if (f.channel() == RESIZE) {
      input.resize(f.data());
    }
  }

  /** The channel and bytes of a client's message; null for an empty one, which the kubelet skips. */
  public Frame decode(byte[] message) {
    if (message.length == 0) {
      return null;
    }
    if (binary) {
      return new Frame(message[0] & 0xff, Arrays.copyOfRange(message, 1, message.length));
    }
    String text = new String(message, 1, message.length - 1, StandardCharsets.US_ASCII).strip();
    return new Frame((message[0] & 0xff) - '0', Base64.getDecoder().decode(text));
  }
}
