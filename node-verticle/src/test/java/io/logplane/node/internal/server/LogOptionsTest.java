package io.logplane.node.internal.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LogOptionsTest {
  private static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");

  @Test
  void readsTheQueryOfPodLogOptions() throws Refused {
    assertEquals(new LogOptions(10, 100, Instant.parse("2026-01-01T11:59:00Z"), true, true, true),
        LogOptions.parse(Map.of("tailLines", "10", "limitBytes", "100", "sinceSeconds", "60",
            "follow", "true", "timestamps", "1", "previous", "T"), NOW));
    assertEquals(LogOptions.ALL, LogOptions.parse(Map.of(), NOW));
    assertEquals(Instant.parse("2026-01-01T10:00:00Z"),
        LogOptions.parse(Map.of("sinceTime", "2026-01-01T11:00:00+01:00"), NOW).since());
  }

  @Test
  void takesTheOldTailParameterAllMeaningEverything() throws Refused {
    assertEquals(5, LogOptions.parse(Map.of("tail", "5", "tailLines", "7"), NOW).tail());
    assertEquals(-1, LogOptions.parse(Map.of("tail", "all", "tailLines", "7"), NOW).tail());
  }

  @Test
  void refusesWhatDoesNotDecodeWith400AndInvalidOptionsWith422() {
    Refused r = assertThrows(Refused.class, () -> LogOptions.parse(Map.of("tailLines", "x"), NOW));
    assertEquals(400, r.code());
    assertEquals("{\"message\": \"Unable to decode query.\"}", r.getMessage());
    assertEquals(400, assertThrows(Refused.class,
        () -> LogOptions.parse(Map.of("follow", "yes"), NOW)).code());
    for (Map<String, String> q : new Map[] {Map.of("tailLines", "-1"), Map.of("limitBytes", "0"),
        Map.of("sinceSeconds", "0"), Map.of("sinceSeconds", "1", "sinceTime", "2026-01-01T00:00:00Z")}) {
      r = assertThrows(Refused.class, () -> LogOptions.parse(q, NOW), q.toString());
      assertEquals(422, r.code());
      assertEquals("{\"message\": \"Invalid request.\"}", r.getMessage());
    }
  }
}
