package io.logplane.node.internal.server.portforward;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class StreamPairsTest {

  @Test
  void aStreamNeedsAPortOfOneTo65535AndTheTypeErrorOrData() {
    assertNull(StreamPairs.check("8080", "data"));
    assertNull(StreamPairs.check("1", "error"));
    assertEquals("\"port\" header is required", StreamPairs.check(null, "data"));
    assertEquals("port \"0\" must be > 0", StreamPairs.check("0", "data"));
    assertEquals("unable to parse \"http\" as a port: strconv.ParseUint: parsing \"http\": invalid syntax",
        StreamPairs.check("http", "data"));
    assertEquals("unable to parse \"65536\" as a port: strconv.ParseUint: parsing \"65536\": value out of range",
        StreamPairs.check("65536", "data"));
    assertEquals("\"streamType\" header is required", StreamPairs.check("80", ""));
    assertEquals("invalid stream type \"stdin\"", StreamPairs.check("80", "stdin"));
  }

  @Test
  void withoutARequestIdTheStreamsIdsPairAsTheKubeletGuesses() {
    assertEquals("7", StreamPairs.requestId("7", "data", 3));
    assertEquals("1", StreamPairs.requestId(null, "error", 1));
    assertEquals("1", StreamPairs.requestId("", "data", 3));
  }

  @Test
  void anErrorAndADataStreamOfOneRequestMakeAPairInEitherOrder() {
    StreamPairs<String> pairs = new StreamPairs<>();
    assertFalse(pairs.add("0", "error", "e0").pair().complete());
    assertFalse(pairs.add("1", "data", "d1").pair().complete());
    StreamPairs.Added<String> zero = pairs.add("0", "data", "d0");
    assertTrue(zero.pair().complete());
    assertEquals(new StreamPairs.Pair<>("0", "e0", "d0"), zero.pair());
    assertEquals(new StreamPairs.Pair<>("1", "e1", "d1"), pairs.add("1", "error", "e1").pair());
    assertNull(pairs.drop("0"), "a complete pair is not held");
  }

  @Test
  void aSecondStreamOfOneTypeDoesNotFitItsPair() {
    StreamPairs<String> pairs = new StreamPairs<>();
    pairs.add("3", "error", "e");
    StreamPairs.Added<String> again = pairs.add("3", "error", "e2");
    assertEquals("error processing stream for request 3: error stream already assigned", again.problem());
    assertEquals("e", again.pair().error());
    assertTrue(pairs.add("3", "data", "d").pair().complete());
  }
}
