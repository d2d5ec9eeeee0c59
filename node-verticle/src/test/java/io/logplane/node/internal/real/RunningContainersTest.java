package io.logplane.node.internal.real;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.logplane.node.internal.machine.Cgroup;
import io.logplane.node.internal.machine.MachineMetrics;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The containers a real node samples for metrics: those running, with their cgroups. */
class RunningContainersTest {

  @Test
  void onlyRunningContainersOfTheRuntimeCount() throws Exception {
    var pod = new ObjectMapper().readTree(("{'metadata':{'namespace':'ns','name':'p'},'status':{"
        + "'containerStatuses':[{'name':'a','containerID':'runc://u.a.1','state':{'running':{}}},"
        + "{'name':'b','containerID':'runc://u.b.0','state':{'terminated':{}}},"
        + "{'name':'c','state':{'waiting':{}}}]}}").replace('\'', '"'));
    assertEquals(List.of(new MachineMetrics.Running("ns", "p", "a", Cgroup.of("/lp/u.a.1"))),
        RunningContainers.of(List.of(pod), id -> "/lp/" + id));
  }
}
