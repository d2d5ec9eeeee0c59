package io.logplane.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** What a run prints: error lines and the summary table. */
class ReportTest {
  @Test
  void errorsAreCountedByKindWithTheServersMessage() {
    Errors e = new Errors();
    e.http(409, "{\"kind\":\"Status\",\"message\":\"pods \\\"a\\\" already exists\"}");
    e.http(409, "{\"kind\":\"Status\",\"message\":\"pods \\\"b\\\" already exists\"}");
    e.http(500, "plain text");
    e.failure(new java.util.concurrent.CompletionException(
        new java.net.ConnectException("refused")));
    assertEquals(4, e.total());
    assertEquals("""
            error ConnectException x1 (refused)
            error HTTP 409 x2 (pods "a" already exists)
            error HTTP 500 x1 (plain text)
        """, e.describe());
  }

  @Test
  void lineAndTable() {
    Errors errors = new Errors();
    errors.http(429, "{\"message\":\"too many requests\"}");
    Result create = Result.of("create c=16", 1999, errors, 1234.56,
        new Latencies.Stats(1999, 1_500_000, 9_000_000, 20_000_000), "in 1.62s");
    Result list = Result.of("list", 5, new Errors(), Double.NaN,
        new Latencies.Stats(5, 40_000_000, 50_000_000, 50_000_000), "2000 pods, 5 runs");
    assertEquals("create c=16            ok=1999 errors=1  1234.6/s  p50=1.50ms p99=9.00ms "
        + "max=20.00ms  in 1.62s" + System.lineSeparator()
        + "    error HTTP 429 x1 (too many requests)", create.line());
    String table = Result.table(List.of(create, list));
    String[] rows = table.split("\\R");
    assertEquals(3, rows.length, table);
    assertTrue(rows[0].startsWith("scenario"), table);
    assertTrue(rows[1].matches(
        "create c=16 +1999 +1 +1234\\.6 +1\\.50 +9\\.00 +20\\.00  in 1\\.62s"),
        rows[1]);
    assertTrue(rows[2].matches("list +5 +0 +- +40\\.00 +50\\.00 +50\\.00  2000 pods, 5 runs"),
        rows[2]);
  }
}
