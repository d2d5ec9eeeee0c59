/**
 * The architecture, as tests: DESIGN.md's module arrows, the broker kept to the launcher, Go's
 * rule for {@code internal} packages and STYLE.md's pure core, checked on every module's main
 * code with ArchUnit, and each rule shown to fail on a class planted to break it.
 */
package io.logplane.tests.arch;
