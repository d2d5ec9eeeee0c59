package io.logplane.node.internal.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The runtime version a node reports, from what {@code runc --version} prints. */
class RuncVersionTest {

  @Test
  void theVersionIsTheFirstLinesWithRuncsScheme() {
    assertEquals("runc://1.1.5+ds1", Runc.versionOf("runc version 1.1.5+ds1\ncommit: 1.1.5+ds1-1\n"
        + "spec: 1.0.2-dev\ngo: go1.19.8\nlibseccomp: 2.5.4\n"));
    assertThrows(IllegalStateException.class, () -> Runc.versionOf("crun version 1.8\n"));
  }
}
