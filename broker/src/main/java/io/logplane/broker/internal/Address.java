package io.logplane.broker.internal;

/**
 * A host and port as the {@code logplane kafka} flags and Kafka's own settings write them
 * ({@code host:port}, an IPv6 host in brackets).
 *
 * @param host a name or an address, without brackets
 * @param port 1 to 65535 when parsed (a listener on port 0 would advertise a port nobody knows)
 */
public record Address(String host, int port) {

  /**
   * Parses {@code host:port} or {@code [v6]:port}.
   *
   * @throws IllegalArgumentException with a one-line reason, for a user to read
   */
  public static Address parse(String text) {
    String s = text == null ? "" : text.trim();
    int colon = s.lastIndexOf(':');
    if (colon <= 0 || colon == s.length() - 1) {
      throw new IllegalArgumentException("'" + s + "' is not HOST:PORT");
    }
    String host = s.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    } else if (host.contains(":")) {
      // an IPv6 address without brackets: its last group would be taken for the port
      throw new IllegalArgumentException("'" + s + "' is not HOST:PORT (write an IPv6 address in brackets)");
    }
    if (host.isEmpty() || host.contains("@") || host.contains(",") || host.contains("/")) {
      throw new IllegalArgumentException("'" + s + "' is not HOST:PORT");
    }
    int port;
    try {
      port = Integer.parseInt(s.substring(colon + 1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + s + "' is not HOST:PORT: the port is not a number");
    }
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("'" + s + "' is not HOST:PORT: port " + port + " is out of range");
    }
    return new Address(host, port);
  }

  /**
   * Whether the host means every interface: a client cannot connect to it, so a broker listening
   * there has to be told which address to advertise.
   */
  public boolean wildcard() {
    return host.equals("0.0.0.0") || host.equals("::") || host.equals("0:0:0:0:0:0:0:0");
  }

  /** {@code host:port}, an IPv6 host in brackets, as Kafka's listeners and voters want it. */
  @Override
  public String toString() {
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
  }
}
