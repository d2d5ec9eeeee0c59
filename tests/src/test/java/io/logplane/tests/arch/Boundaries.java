package io.logplane.tests.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.Optional;

/**
 * The rules the build holds the code to: DESIGN.md's arrows between modules ({@link Modules}),
 * the broker kept to the launcher, and no use of another package's {@code internal} package.
 * The pure core has its rule in {@link PureCore}.
 */
final class Boundaries {

  private Boundaries() {}

  /** Every class belongs to a listed module and uses only the modules its module may use. */
  static final ArchRule MODULE_ARROWS = classes().that().resideInAPackage("io.logplane..")
      .should(new ArchCondition<JavaClass>("use only the modules DESIGN.md's arrows allow") {
        @Override
        public void check(JavaClass origin, ConditionEvents events) {
          String from = Modules.of(origin.getName()).orElseThrow();
          if (!Modules.MAY_USE.containsKey(from)) {
            events.add(SimpleConditionEvent.violated(origin, origin.getName()
                + " is in no module that Modules lists: add its module and its arrows there"));
            return;
          }
          for (Dependency d : origin.getDirectDependenciesFromSelf()) {
            Optional<String> to = Modules.of(d.getTargetClass().getName());
            if (to.isPresent() && !to.get().equals(from) && !Modules.MAY_USE.get(from).contains(to.get())) {
              events.add(SimpleConditionEvent.violated(d, from + " must not use " + to.get() + ": "
                  + d.getDescription()));
            }
          }
        }
      });

  /** Only the broker module (and the launcher, through it) compiles against Kafka's broker. */
  static final ArchRule BROKER_STAYS_IN_ITS_MODULE = classes().that().resideInAPackage("io.logplane..")
      .and().resideOutsideOfPackage("io.logplane.broker..")
      .should(new ArchCondition<JavaClass>("not use the Kafka broker's classes") {
        @Override
        public void check(JavaClass origin, ConditionEvents events) {
          for (Dependency d : origin.getDirectDependenciesFromSelf()) {
            String target = d.getTargetClass().getName();
            if (Modules.BROKER_PACKAGES.stream().anyMatch(target::startsWith)) {
              events.add(SimpleConditionEvent.violated(d, "only io.logplane.broker runs the broker: "
                  + d.getDescription()));
            }
          }
        }
      });

  /**
   * Go's rule for {@code internal}: a package {@code P.internal...} is used only by code under
   * {@code P}. What another package needs becomes public, documented API of P.
   */
  static final ArchRule INTERNAL_STAYS_INTERNAL = classes().that().resideInAPackage("io.logplane..")
      .should(new ArchCondition<JavaClass>("use an internal package only from under its parent") {
        @Override
        public void check(JavaClass origin, ConditionEvents events) {
          for (Dependency d : origin.getDirectDependenciesFromSelf()) {
            String target = d.getTargetClass().getPackageName();
            int i = (target + ".").indexOf(".internal.");
            if (!target.startsWith("io.logplane.") || i < 0) {
              continue;
            }
            String parent = target.substring(0, i);
            String from = origin.getPackageName();
            if (!from.equals(parent) && !from.startsWith(parent + ".")) {
              events.add(SimpleConditionEvent.violated(d, parent + ".internal is internal to " + parent + ": "
                  + d.getDescription()));
            }
          }
        }
      });
}
