package io.logplane.api.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.logplane.api.history.AuditFilter;
import io.logplane.api.history.HistoryParams;
import io.logplane.api.history.HistoryTypes;
import io.logplane.api.history.VersionFilter;
import io.logplane.api.http.ApiException;
import io.logplane.api.http.Query;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Random queries, built from the parameters the handlers read and values a client may get
 * wrong, through every parse a request makes of its query: each one either parses or is a 400
 * whose message starts with a parameter of the query, and never carries a parser's words.
 */
class QueryFuzzTest {

  private static final List<String> NAMES = List.of("limit", "continue", "watch", "resourceVersion",
      "resourceVersionMatch", "timeoutSeconds", "allowWatchBookmarks", "sendInitialEvents", "labelSelector",
      "fieldSelector", "since", "until", "format", "includeObject", "pretty", "x%41", "%zz");
  private static final List<String> VALUES = List.of("", "0", "1", "-1", "5", "99999999999999999999", "true", "True",
      "yes", "t", "Exact", "NotOlderThan", "exact", "%G1", "%%%", "%", "%9e", "%C3%A9", "a%3Db", "a+in+(b)",
      "a%20in%20(", "!a", "a!=", "metadata.name%3Dx", "spec.nothing%3Dx", "target.name%3Dx,verb%3Dcreate",
      "outcome%3DREJECTED", "type%3Dmodified", "since%3D2024-05-01T10:00:00Z", "since%3Dyesterday",
      "2024-05-01T10:00:00Z", "yesterday", "audit.k8s.io", "json", "eyJydiI6MSwic3RhcnQiOiJhIn0",
      "eyJvIjoxLCJrIjoiYSJ9", "np6e", "nope", "Object", "None", "%E2%82", "resource%3Ddeployments.apps");

  @Test
  void everyQueryParsesOrIsA400NamingOneOfItsParameters() {
    Random random = new Random(12);
    int refused = 0;
    for (int i = 0; i < 20_000; i++) {
      String raw = query(random);
      try {
        Query q = Query.parse(raw);
        ReadOptions.parse(q, "Pod");
        ReadOptions.parse(q, "ConfigMap");
        for (boolean named : new boolean[] {false, true}) {
          HistoryParams v = HistoryParams.parse(q, HistoryTypes.VERSIONS, named);
          new VersionFilter(v.fields(), v.labels(), random.nextBoolean() ? "ns" : null, v.since(), v.until());
          HistoryParams a = HistoryParams.parse(q, HistoryTypes.AUDIT_EVENTS, named);
          new AuditFilter(a.fields(), a.since(), a.until());
        }
      } catch (ApiException e) {
        refused++;
        assertEquals(400, e.code(), raw + " → " + e.getMessage());
        String m = e.getMessage();
        int colon = m.indexOf(':');
        assertTrue(colon > 0, raw + " → " + m);
        String named = m.substring(0, colon);
        assertTrue(names(raw).contains(named), raw + " → " + m);
        for (String internal : List.of("Exception", "Source:", "at [", "byte 0x", "Unrecognized token")) {
          assertFalse(m.contains(internal), raw + " → " + m);
        }
      } catch (RuntimeException e) {
        fail(raw + " → " + e, e);
      }
    }
    assertTrue(refused > 1000 && refused < 20_000, "refused " + refused);
  }

  /** The parameter names of a raw query, as sent and as decoded. */
  private static java.util.Set<String> names(String raw) {
    java.util.Set<String> out = new java.util.HashSet<>();
    for (String pair : raw.split("&")) {
      String name = pair.split("=", -1)[0];
      out.add(name);
      try {
        out.add(java.net.URLDecoder.decode(name, java.nio.charset.StandardCharsets.UTF_8));
      } catch (IllegalArgumentException e) {
        // named as sent
      }
    }
    return out;
  }

  private static String query(Random random) {
    StringBuilder b = new StringBuilder();
    int n = random.nextInt(4);
    for (int i = 0; i < n; i++) {
      b.append(i > 0 ? "&" : "").append(NAMES.get(random.nextInt(NAMES.size())));
      if (random.nextInt(10) > 0) {
        b.append('=').append(random.nextInt(8) == 0 ? noise(random) : VALUES.get(random.nextInt(VALUES.size())));
      }
    }
    return b.toString();
  }

  private static String noise(Random random) {
    String chars = "%+=,!()aZ09.-_~ \u00e9";
    StringBuilder b = new StringBuilder();
    for (int i = random.nextInt(12); i > 0; i--) {
      b.append(chars.charAt(random.nextInt(chars.length())));
    }
    return b.toString();
  }
}
