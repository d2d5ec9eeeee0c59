package io.logplane.node.internal.server;

/** A request the node's server refuses: its status code and its body, worded as the kubelet's. */
public final class Refused extends Exception {
  private final int code;

  Refused(int code, String message) {
    super(message, null, false, false);
    this.code = code;
  }

  public int code() {
    return code;
  }
}
