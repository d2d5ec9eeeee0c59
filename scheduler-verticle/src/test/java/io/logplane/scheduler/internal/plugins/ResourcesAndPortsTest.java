package io.logplane.scheduler.internal.plugins;

import static io.logplane.scheduler.internal.Fixtures.node;
import static io.logplane.scheduler.internal.Fixtures.pod;

import io.logplane.scheduler.internal.NodeInfo;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** NodeResourcesFit and NodePorts against a node of 2 cpu, 4Gi, 3 pods, already holding one pod. */
class ResourcesAndPortsTest {

  static NodeInfo holding() {
    NodeInfo n = node("n", "2", "4Gi", "{'status':{'allocatable':{'pods':'3','example.com/gpu':'1'}}}");
    n.addPod(pod("bound", "1", "1Gi", "{'spec':{'containers':[{'name':'c','resources':{'requests':"
        + "{'cpu':'1','memory':'1Gi'}},'ports':[{'containerPort':80,'hostPort':8080}]}]}}"));
    return n;
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
      "1     | 3Gi | {}                                    | fits",
      "1100m | 1Gi | {}                                    | unschedulable: Insufficient cpu",
      "2     | 4Gi | {}                                    | unschedulable: Insufficient cpu; Insufficient memory",
      "100m  | 1Gi | {'spec':{'overhead':{'cpu':'1'}}}      | unschedulable: Insufficient cpu",
      "100m  | 1Gi | {'spec':{'initContainers':[{'name':'i','resources':{'requests':{'memory':'3500Mi'}}}]}} | unschedulable: Insufficient memory",
      "100m  | 1Gi | {'spec':{'containers':[{'name':'c','resources':{'requests':{'example.com/gpu':'2'}}}]}} | unschedulable: Insufficient example.com/gpu",
      "100m  | 1Gi | {'spec':{'containers':[{'name':'c','resources':{'requests':{'example.com/gpu':'1'}}}]}} | fits"})
  void resources(String cpu, String memory, String more, String verdict) {
    Table.check(new NodeResourcesFit(), pod("p", cpu, memory, more), holding(), verdict);
  }

  @org.junit.jupiter.api.Test
  void podCount() {
    NodeInfo n = holding();
    n.addPod(pod("second", null));
    n.addPod(pod("third", null));
    Table.check(new NodeResourcesFit(), pod("p", null), n, "unschedulable: Too many pods");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
      "{'hostPort':8080}                                   | unschedulable: node(s) didn't have free ports for the requested pod ports",
      "{'hostPort':8081}                                   | fits",
      "{'hostPort':8080,'protocol':'UDP'}                  | fits",
      "{'hostPort':8080,'hostIP':'10.0.0.1'}               | unschedulable: node(s) didn't have free ports for the requested pod ports",
      "{'containerPort':8080}                              | fits"})
  void hostPorts(String port, String verdict) {
    String more = "{'spec':{'containers':[{'name':'c','ports':[" + port + "]}]}}";
    Table.check(new NodePorts(), pod("p", more), holding(), verdict);
  }
}
