package io.logplane.node.internal.streams;

/**
 * What a client of {@code exec} or {@code attach} sends, whatever carries it (a WebSocket's
 * channels, or SPDY streams): its stdin, the end of it, its terminal's sizes, and its going away.
 */
public interface ClientInput {
  /** Bytes of the client's stdin. */
  void stdin(byte[] data);

  /** The client sends no more stdin. */
  void stdinClosed();

  /** A size of the client's terminal, as JSON ({@code {"Width":..,"Height":..}}). */
  void resize(byte[] json);

  /** The client went away. */
  void gone();
}
