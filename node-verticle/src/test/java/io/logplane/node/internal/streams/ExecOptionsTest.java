package io.logplane.node.internal.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExecOptionsTest {
  @Test
  void streamsAreAskedWithOneAndATerminalHasNoSeparateStderr() throws Exception {
    ExecOptions o = ExecOptions.parse(Map.of("command", List.of("sh", "-c", "x"), "input", List.of("1"),
        "output", List.of("1"), "error", List.of("1"), "tty", List.of("1")));
    assertEquals(new ExecOptions(List.of("sh", "-c", "x"), true, true, false, true), o);
    assertEquals(new ExecOptions(List.of(), false, false, true, false),
        ExecOptions.parse(Map.of("error", List.of("1"), "output", List.of("true"))));
  }

  @Test
  void atLeastOneStreamIsAsked() {
    ExecOptions.Invalid e = assertThrows(ExecOptions.Invalid.class,
        () -> ExecOptions.parse(Map.of("command", List.of("ls"), "tty", List.of("1"), "error", List.of("1"))));
    assertEquals("you must specify at least 1 of stdin, stdout, stderr", e.getMessage());
  }
}
