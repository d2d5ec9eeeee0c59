package io.logplane.node.internal.streams;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * How a command in a container ended, as the kubelet's {@code ServeExec} writes it on the error
 * channel: a {@code Success} Status; for an exit code other than 0 a {@code NonZeroExitCode}
 * failure whose cause {@code ExitCode} holds the code (kubectl exits with it and prints
 * {@code command terminated with exit code N}); for a command that could not be run an
 * {@code InternalError} ({@code error executing command in container: ...}).
 */
public record ExitStatus(ObjectNode status) {
  private static final ObjectMapper JSON = new ObjectMapper();

  public static ExitStatus success() {
    ObjectNode s = JSON.createObjectNode();
    s.putObject("metadata");
    s.put("status", "Success");
    return new ExitStatus(s);
  }

  /** {@code command} exited with {@code code}, not 0; the words are those of the CRI's exec error. */
  public static ExitStatus exited(List<String> command, int code) {
    ObjectNode s = failure("command terminated with non-zero exit code: error executing command "
        + "[" + String.join(" ", command) + "], exit code " + code, "NonZeroExitCode");
    s.putObject("details").putArray("causes").addObject().put("reason", "ExitCode")
        .put("message", Integer.toString(code));
    return new ExitStatus(s);
  }

  /** The command could not be run: {@code why}, in the runtime's words. */
  public static ExitStatus error(String why) {
    String message = "error executing command in container: " + why;
    ObjectNode s = failure("Internal error occurred: " + message, "InternalError");
    s.putObject("details").putArray("causes").addObject().put("message", message);
    s.put("code", 500);
    return new ExitStatus(s);
  }

  private static ObjectNode failure(String message, String reason) {
    ObjectNode s = JSON.createObjectNode();
    s.putObject("metadata");
    s.put("status", "Failure");
    s.put("message", message);
    s.put("reason", reason);
    return s;
  }

  public boolean succeeded() {
    return status.path("status").asText().equals("Success");
  }

  /**
   * What {@code protocol}'s error channel carries: the Status as JSON from v4 on; before, the
   * message of a failure only, and nothing for a success.
   */
  public byte[] bytes(ChannelProtocol protocol) {
    if (protocol.jsonStatus()) {
      return status.toString().getBytes(StandardCharsets.UTF_8);
    }
    return succeeded() ? new byte[0] : status.path("message").asText().getBytes(StandardCharsets.UTF_8);
  }
}
