package io.logplane.bench;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** When the warm-up calls a server steady: its rates and, where measured, its CPU per create. */
class SteadinessTest {

  /** Rounds at these rates together, the server's CPU not measured. */
  private static void rounds(WarmUp.Steadiness s, double... together) {
    for (double rate : together) {
      s.round(900, rate, Double.NaN);
    }
  }

  @Test
  void flatRatesForThreeRoundsAfterTheFirstAreSteady() {
    WarmUp.Steadiness s = new WarmUp.Steadiness();
    rounds(s, 2000, 2010, 2030);
    assertFalse(s.steady());
    rounds(s, 1990);
    assertTrue(s.steady());
  }

  @Test
  void aRoundFasterThanTheBestStartsTheCountAgain() {
    WarmUp.Steadiness s = new WarmUp.Steadiness();
    rounds(s, 2000, 2000, 2000, 2200, 2200, 2200); // the fourth is 10% faster together
    assertFalse(s.steady());
    rounds(s, 2200);
    assertTrue(s.steady());
  }

  /** Rates that do not move while the server spends less CPU per create: its compiler is still at work. */
  @Test
  void aServerWhoseCpuPerCreateStillFallsIsNotSteadyWhateverItsRates() {
    WarmUp.Steadiness s = new WarmUp.Steadiness();
    double best = 1.0;
    for (int round = 0; round < 8; round++) {
      s.round(900, 2000, best);
      assertFalse(s.steady(), "round " + round);
      best *= 0.9;
    }
    best /= 0.9;
    s.round(900, 2000, best * 1.02); // no better: 1, 2, 3 flat rounds
    s.round(900, 2000, best);
    assertFalse(s.steady());
    s.round(900, 2000, best * 0.97); // under 5% better
    assertTrue(s.steady());
  }
}
