package io.logplane.node.internal.server.portforward;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import org.junit.jupiter.api.Test;

class ForwardErrorsTest {

  @Test
  void aRefusedConnectInTheKubeletsAndContainerdsWords() {
    assertEquals("error forwarding port 81 to pod u1, uid : failed to execute portforward in network namespace"
        + " \"/run/netns/lp0-u1\": dial tcp 10.244.0.5:81: connect: connection refused",
        ForwardErrors.forwarding(81, "u1", "/run/netns/lp0-u1", "10.244.0.5",
            new ConnectException("Connection refused: /10.244.0.5:81")));
  }

  @Test
  void goWordsForWhatTheJdkAndNettysNativeTransportSay() {
    assertEquals("dial tcp h:1: connect: connection refused",
        ForwardErrors.dial("h:1", new ConnectException("finishConnect(..) failed with error(-111)")));
    assertEquals("dial tcp h:1: connect: no route to host",
        ForwardErrors.dial("h:1", new ConnectException("connect(..) failed: No route to host")));
    assertEquals("dial tcp h:1: i/o timeout",
        ForwardErrors.dial("h:1", new SocketTimeoutException("connection timed out after 5000 ms: h/1.2.3.4:1")));
  }
}
