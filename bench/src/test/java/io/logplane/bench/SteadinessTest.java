package io.logplane.bench;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** When the warm-up calls a server steady: its rates and, where measured, its CPU per create. */
class SteadinessTest {

  @Test
  void flatRatesForThreeRoundsAfterTheFirstAreSteady() {
    WarmUp.Steadiness s = new WarmUp.Steadiness();
    s.round(900, 2000, Double.NaN);
    s.round(910, 2010, Double.NaN);
    s.round(905, 2030, Double.NaN);
    assertFalse(s.steady());
    s.round(920, 1990, Double.NaN);
    assertTrue(s.steady());
  }

  @Test
  void aRoundFasterThanTheBestStartsTheCountAgain() {
    WarmUp.Steadiness s = new WarmUp.Steadiness();
    s.round(900, 2000, Double.NaN);
    s.round(900, 2000, Double.NaN);
    s.round(900, 2000, Double.NaN);
    s.round(900, 2200, Double.NaN); // 10% faster together
    s.round(900, 2200, Double.NaN);
    s.round(900, 2200, Double.NaN);
    assertFalse(s.steady());
    s.round(900, 2200, Double.NaN);
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
