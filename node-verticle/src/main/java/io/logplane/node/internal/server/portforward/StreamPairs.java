package io.logplane.node.internal.server.portforward;

import java.util.HashMap;
import java.util.Map;

/**
 * The streams of one port-forward connection paired by request, as the kubelet's {@code
 * httpStreamHandler}: each forwarded connection opens an error stream and a data stream with the
 * same {@code requestID} (older clients send none: then it is derived from the stream's id), and
 * the pair is forwarded once both are there. Pure: the streams are of any type.
 *
 * @param <S> the stream
 */
final class StreamPairs<S> {
  static final String STREAM_TYPE = "streamtype";
  static final String PORT = "port";
  static final String REQUEST_ID = "requestid";
  static final String ERROR = "error";
  static final String DATA = "data";

  /** An error and a data stream of one request, either null until it came. */
  record Pair<S>(String requestId, S error, S data) {
    boolean complete() {
      return error != null && data != null;
    }
  }

  /** What adding a stream gave: the pair so far, and why the stream does not fit it (or null). */
  record Added<S>(Pair<S> pair, String problem) {}

  private final Map<String, Pair<S>> pairs = new HashMap<>();

  /**
   * Why a stream of these headers is refused (the kubelet's words), or null: it needs a port of
   * 1 to 65535 and the type error or data.
   */
  static String check(String port, String streamType) {
    if (port == null || port.isEmpty()) {
      return "\"port\" header is required";
    }
    int p;
    try {
      p = Integer.parseInt(port);
    } catch (NumberFormatException e) {
      return "unable to parse \"" + port + "\" as a port: strconv.ParseUint: parsing \"" + port + "\": invalid syntax";
    }
    if (p < 0 || p > 65535) {
      return "unable to parse \"" + port + "\" as a port: strconv.ParseUint: parsing \"" + port
          + "\": value out of range";
    }
    if (p < 1) {
      return "port \"" + port + "\" must be > 0";
    }
    if (streamType == null || streamType.isEmpty()) {
      return "\"streamType\" header is required";
    }
    if (!streamType.equals(ERROR) && !streamType.equals(DATA)) {
      return "invalid stream type \"" + streamType + "\"";
    }
    return null;
  }

  /** The request a stream belongs to: its header, else the kubelet's guess from its id. */
  static String requestId(String header, String streamType, int streamId) {
    if (header != null && !header.isEmpty()) {
      return header;
    }
    return String.valueOf(streamType.equals(ERROR) ? streamId : streamId - 2);
  }

  /** Adds a checked stream; a complete pair is no longer held. */
  Added<S> add(String requestId, String streamType, S stream) {
    Pair<S> p = pairs.getOrDefault(requestId, new Pair<>(requestId, null, null));
    boolean error = streamType.equals(ERROR);
    if (error ? p.error() != null : p.data() != null) {
      return new Added<>(p, "error processing stream for request " + requestId + ": "
          + streamType + " stream already assigned");
    }
    Pair<S> now = error ? new Pair<>(requestId, stream, p.data()) : new Pair<>(requestId, p.error(), stream);
    if (now.complete()) {
      pairs.remove(requestId);
    } else {
      pairs.put(requestId, now);
    }
    return new Added<>(now, null);
  }

  /** Forgets an incomplete pair (its time to complete is over); null when it completed. */
  Pair<S> drop(String requestId) {
    return pairs.remove(requestId);
  }
}
