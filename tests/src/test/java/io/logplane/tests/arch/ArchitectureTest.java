package io.logplane.tests.arch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.logplane.projections.StateMachine;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The main code of every module, held to DESIGN.md's boundaries and STYLE.md's pure core. */
class ArchitectureTest {

  static JavaClasses main;

  @BeforeAll
  static void importMainCode() {
    main = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("io.logplane");
    // The imported code is the reactor's: every module with main code is there.
    for (String module : List.of("broker", "selectors", "http2", "events", "kube-client", "bench", "projections",
        "api-verticle", "controller-verticles", "launcher")) {
      String root = Modules.ROOTS.get(module);
      assertTrue(main.stream().anyMatch(c -> c.getPackageName().startsWith(root)), "no classes of " + module);
    }
  }

  @Test
  void modulesUseOnlyWhatTheirArrowsAllow() {
    Boundaries.MODULE_ARROWS.check(main);
  }

  @Test
  void onlyTheBrokerModuleCompilesAgainstTheBroker() {
    Boundaries.BROKER_STAYS_IN_ITS_MODULE.check(main);
  }

  @Test
  void noPackageUsesAnotherPackagesInternals() {
    Boundaries.INTERNAL_STAYS_INTERNAL.check(main);
  }

  @Test
  void theStateMachineAndWhatItCallsArePure() {
    var core = PureCore.reach(main, StateMachine.class);
    assertTrue(core.size() > 5, "the core's closure was not followed");
    assertEquals(List.of(), PureCore.violations(main, StateMachine.class));
  }
}
