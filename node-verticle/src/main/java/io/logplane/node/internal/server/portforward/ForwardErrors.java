package io.logplane.node.internal.server.portforward;

import java.net.ConnectException;
import java.util.Locale;

/**
 * What a forwarded connection's error stream says, in the words of the kubelet ({@code error
 * forwarding port P to pod ID, uid : ...}) around containerd's, which dials the pod's address
 * from the node ({@code failed to execute portforward in network namespace "PATH": dial tcp
 * IP:P: connect: connection refused}). The pod is named by its sandbox's id (here its uid), and
 * the uid is empty, as the CRI streaming server passes them.
 */
final class ForwardErrors {
  private ForwardErrors() {}

  static String forwarding(int port, String sandboxId, String netns, String ip, Throwable t) {
    return "error forwarding port " + port + " to pod " + sandboxId + ", uid : failed to execute portforward"
        + " in network namespace \"" + netns + "\": " + dial(ip + ":" + port, t);
  }

  /** Go's {@code net.Dial} error of a failed connect to {@code hostPort}. */
  static String dial(String hostPort, Throwable t) {
    String m = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
    if (t.getClass().getSimpleName().contains("Timeout") || m.contains("timed out") || m.contains("error(-110)")) {
      return "dial tcp " + hostPort + ": i/o timeout";
    }
    if (!(t instanceof ConnectException) && !m.contains("connect")) {
      return "dial tcp " + hostPort + ": " + t.getMessage();
    }
    String errno;
    if (m.contains("refused") || m.contains("error(-111)")) {
      errno = "connection refused";
    } else if (m.contains("no route") || m.contains("error(-113)")) {
      errno = "no route to host";
    } else if (m.contains("network is unreachable") || m.contains("error(-101)")) {
      errno = "network is unreachable";
    } else {
      errno = m;
    }
    return "dial tcp " + hostPort + ": connect: " + errno;
  }
}
