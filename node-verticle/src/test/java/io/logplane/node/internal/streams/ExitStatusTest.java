package io.logplane.node.internal.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExitStatusTest {
  private static String text(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }

  @Test
  void aNonZeroExitIsAFailureWhoseCauseHoldsTheCode() {
    ExitStatus s = ExitStatus.exited(List.of("sh", "-c", "exit 3"), 3);
    assertEquals("{\"metadata\":{},\"status\":\"Failure\",\"message\":\"command terminated with non-zero exit code:"
        + " error executing command [sh -c exit 3], exit code 3\",\"reason\":\"NonZeroExitCode\",\"details\":"
        + "{\"causes\":[{\"reason\":\"ExitCode\",\"message\":\"3\"}]}}", text(s.bytes(ChannelProtocol.V5)));
    assertEquals("command terminated with non-zero exit code: error executing command [sh -c exit 3], exit code 3",
        text(s.bytes(ChannelProtocol.V1)));
  }

  @Test
  void successIsAStatusFromV4AndNothingBefore() {
    assertEquals("{\"metadata\":{},\"status\":\"Success\"}", text(ExitStatus.success().bytes(ChannelProtocol.V4)));
    assertEquals("", text(ExitStatus.success().bytes(ChannelProtocol.V1_BASE64)));
  }

  @Test
  void aCommandThatCouldNotRunIsAnInternalError() {
    ExitStatus s = ExitStatus.error("boom");
    assertEquals("Internal error occurred: error executing command in container: boom",
        s.status().path("message").asText());
    assertEquals("InternalError", s.status().path("reason").asText());
    assertEquals(500, s.status().path("code").asInt());
    assertEquals("error executing command in container: boom", s.status().at("/details/causes/0/message").asText());
  }
}
