package io.logplane.node.internal.images;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.UnresolvedAddressException;
import org.junit.jupiter.api.Test;

/**
 * How a request that got no answer reads: the causes are those Java's HttpClient (17 and 25)
 * gives for each failure, as seen on this machine kind (a name that does not resolve, a port
 * with nothing listening, a namespace without a route, a connect timeout); the words are Go's,
 * as containerd prints them. The refused connection is also shown against a real loopback port
 * in {@link ImagePullIT}.
 */
class RegistryClientTest {

  private static final URI MANIFEST = URI.create("https://registry-1.docker.io/v2/library/busybox/manifests/latest");

  @Test
  void aNameThatDoesNotResolve() {
    IOException e = chain(new ConnectException(), new ConnectException(), new UnresolvedAddressException());
    IOException said = RegistryClient.unanswered(MANIFEST, e);
    assertEquals("failed to do request: Get \"" + MANIFEST + "\": dial tcp: lookup registry-1.docker.io: no such"
        + " host", said.getMessage());
    assertSame(e, said.getCause());
  }

  @Test
  void aRefusedConnection() {
    URI local = URI.create("http://127.0.0.1:5000/v2/library/busybox/manifests/1");
    assertEquals("failed to do request: Get \"" + local + "\": dial tcp 127.0.0.1:5000: connect: connection refused",
        RegistryClient.unanswered(local, chain(new ConnectException(), new ConnectException(),
            new ClosedChannelException())).getMessage());
    URI v6 = URI.create("http://[::1]:5000/v2/x/manifests/1");
    assertEquals("failed to do request: Get \"" + v6 + "\": dial tcp [::1]:5000: connect: connection refused",
        RegistryClient.unanswered(v6, chain(new ConnectException(), new ClosedChannelException())).getMessage());
  }

  @Test
  void anUnreachableNetworkAndATimeoutNameTheAddressWithThePortOfTheScheme() {
    assertEquals("failed to do request: Get \"" + MANIFEST + "\": dial tcp registry-1.docker.io:443: connect: network"
        + " is unreachable", RegistryClient.unanswered(MANIFEST, chain(new ConnectException("Network is unreachable"),
            new SocketException("Network is unreachable"))).getMessage());
    assertEquals("failed to do request: Get \"" + MANIFEST + "\": dial tcp registry-1.docker.io:443: i/o timeout",
        RegistryClient.unanswered(MANIFEST, new HttpConnectTimeoutException("HTTP connect timed out")).getMessage());
  }

  @Test
  void anyOtherFailureKeepsItsFirstMessage() {
    assertEquals("failed to do request: Get \"" + MANIFEST + "\": PKIX path building failed",
        RegistryClient.unanswered(MANIFEST, chain(new javax.net.ssl.SSLHandshakeException("PKIX path building failed")))
            .getMessage());
    assertEquals("failed to do request: Get \"" + MANIFEST + "\": EOFException",
        RegistryClient.unanswered(MANIFEST, new java.io.EOFException()).getMessage());
  }

  /** {@code first} caused by each of {@code causes} in turn. */
  private static IOException chain(IOException first, Throwable... causes) {
    Throwable t = first;
    for (Throwable cause : causes) {
      t.initCause(cause);
      t = cause;
    }
    return first;
  }
}
