package io.logplane.node.internal.runtime;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ProcStatTest {

  private static String stat(String comm, char state, long start) {
    return "4242 (" + comm + ") " + state
        + " 1 4242 4242 0 -1 4194560 100 0 0 0 0 0 0 0 20 0 1 0 " + start
        + " 1687552 234 18446744073709551615 1 1 0 0 0 0 0 0 0 0 0 0 17 1 0 0 0 0 0\n";
  }

  @Test
  void theProcessRunsWhenItsStartTimeIsTheRecordedOne() {
    assertTrue(ProcStat.alive(stat("sh", 'S', 987654), 987654));
    assertTrue(ProcStat.alive(stat("sh", 'R', 987654), -1), "no recorded start: any");
  }

  @Test
  void anotherProcessUnderTheSamePidIsNotIt() {
    assertFalse(ProcStat.alive(stat("sh", 'S', 987655), 987654));
  }

  @Test
  void aZombieOrDeadProcessHasEnded() {
    assertFalse(ProcStat.alive(stat("sh", 'Z', 1), 1));
    assertFalse(ProcStat.alive(stat("sh", 'X', 1), 1));
  }

  @Test
  void aCommandWithSpacesAndParenthesesIsSkippedWhole() {
    assertTrue(ProcStat.alive(stat("a) b (c", 'S', 77), 77));
    assertFalse(ProcStat.alive("garbage", 1));
  }

  @Test
  void thisProcessIsAliveAndANonexistentOneIsNot() {
    assertTrue(ProcStat.alive(ProcessHandle.current().pid(), -1));
    assertFalse(ProcStat.alive(Integer.MAX_VALUE, -1));
  }
}
