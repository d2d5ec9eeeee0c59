package io.logplane.api.nodeproxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logplane.api.http.Query;
import java.util.List;
import org.junit.jupiter.api.Test;

class StreamOptionsTest {
  @Test
  void execAsKubectlSendsItBecomesTheKubeletsQuerySortedWithItsOwnParameterNames() {
    StreamOptions o = StreamOptions.parse("exec", Query.parse(
        "command=sh&command=-c&command=echo+a%20b%3B+exit+3&container=c&stdin=true&stdout=true&stderr=true&tty=false"));
    assertEquals(List.of("sh", "-c", "echo a b; exit 3"), o.command());
    assertEquals("c", o.container());
    assertTrue(o.stdin() && o.stdout() && o.stderr());
    assertFalse(o.tty());
    assertEquals("/exec/ns/p/c?command=sh&command=-c&command=echo+a+b%3B+exit+3&error=1&input=1&output=1",
        o.nodeUri("ns", "p", "c"));
  }

  @Test
  void aFlagIsFalseOnlyWhenAbsentZeroOrFalse() {
    StreamOptions o = StreamOptions.parse("attach", Query.parse("stdin=FALSE&stdout=0&stderr=yes&tty=1&command=x"));
    assertFalse(o.stdin());
    assertFalse(o.stdout());
    assertTrue(o.stderr());
    assertTrue(o.tty());
    assertNull(o.container());
    assertEquals("/attach/ns/p/c?error=1&tty=1", o.nodeUri("ns", "p", "c"));
  }

  @Test
  void portForwardGoesToThePodWithItsPortsJoined() {
    StreamOptions o = StreamOptions.parse("portforward", Query.parse("ports=80&ports=443"));
    assertFalse(o.inContainer());
    assertEquals("/portForward/ns/p?port=80%2C443", o.nodeUri("ns", "p", ""));
    assertEquals("/portForward/ns/p", StreamOptions.parse("portforward", Query.parse("")).nodeUri("ns", "p", ""));
  }

  @Test
  void goQueryEscapeKeepsOnlyUnreservedCharacters() {
    assertEquals("a%2Ab~c-d_e.f+%2F", StreamOptions.escape("a*b~c-d_e.f /"));
  }
}
