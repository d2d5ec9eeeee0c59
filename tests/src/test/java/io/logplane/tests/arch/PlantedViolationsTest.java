package io.logplane.tests.arch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import io.logplane.api.planted.ApiUsingAController;
import io.logplane.api.planted.ApiUsingInternals;
import io.logplane.events.planted.EventsUsingProjections;
import io.logplane.node.planted.NodeUsingProjections;
import io.logplane.planted.Unlisted;
import io.logplane.projections.planted.ImpureMachine;
import io.logplane.projections.planted.ProjectionsUsingBroker;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Each rule of {@link ArchitectureTest} fails on a class planted to break it (test code, in the
 * packages of the modules it pretends to be in), so a rule that stopped seeing anything would
 * show here.
 */
class PlantedViolationsTest {

  private static void failsOn(ArchRule rule, Class<?> planted, String expected) {
    JavaClasses classes = new ClassFileImporter().importClasses(planted);
    AssertionError e = assertThrows(AssertionError.class, () -> rule.check(classes));
    assertTrue(e.getMessage().contains(expected), e.getMessage());
  }

  @Test
  void theLogUsingTheProjectionsBreaksTheArrows() {
    failsOn(Boundaries.MODULE_ARROWS, EventsUsingProjections.class, "events must not use projections");
  }

  @Test
  void aVerticleUsingAnotherBreaksTheArrows() {
    failsOn(Boundaries.MODULE_ARROWS, ApiUsingAController.class, "api-verticle must not use controller-verticles");
  }

  @Test
  void theNodeAgentUsingTheStoreBreaksTheArrows() {
    failsOn(Boundaries.MODULE_ARROWS, NodeUsingProjections.class, "node-verticle must not use projections");
  }

  @Test
  void aClassOfNoListedModuleFails() {
    failsOn(Boundaries.MODULE_ARROWS, Unlisted.class, "is in no module that Modules lists");
  }

  @Test
  void anotherModulesInternalsFail() {
    failsOn(Boundaries.INTERNAL_STAYS_INTERNAL, ApiUsingInternals.class,
        "io.logplane.projections.internal is internal to io.logplane.projections");
  }

  @Test
  void theBrokerBelowTheLauncherFails() {
    failsOn(Boundaries.BROKER_STAYS_IN_ITS_MODULE, ProjectionsUsingBroker.class, "only io.logplane.broker runs the broker");
  }

  @Test
  void aCoreWhoseHelperReadsTheClockIsImpure() {
    JavaClasses classes = new ClassFileImporter().importPackages("io.logplane.projections.planted");
    List<String> found = PureCore.violations(classes, ImpureMachine.class);
    assertEquals(2, found.size(), found::toString);
    String all = String.join("\n", found);
    assertTrue(all.contains("System.currentTimeMillis()") && all.contains("UUID.randomUUID()"), all);
  }
}
