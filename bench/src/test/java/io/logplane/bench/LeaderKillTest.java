package io.logplane.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class LeaderKillTest {

  private static LeaderKill.Ack at(long acked) {
    return new LeaderKill.Ack(acked - 1, acked);
  }

  @Test
  void theLongestGapCountsFromTheKillToTheFirstAcknowledgementAfterIt() {
    // acknowledged at 5 and 8 before the kill at 10, then at 30, 31 and 45
    List<LeaderKill.Ack> acks = List.of(at(31), at(5), at(45), at(30), at(8));
    assertEquals(20, LeaderKill.longestGap(acks, 10));
  }

  @Test
  void aLaterGapCountsWhenItIsLonger() {
    assertEquals(40, LeaderKill.longestGap(List.of(at(12), at(13), at(53)), 10));
  }

  @Test
  void noAcknowledgementAfterTheKillIsNoGapMeasured() {
    assertEquals(0, LeaderKill.longestGap(List.of(at(1), at(2)), 10));
  }
}
