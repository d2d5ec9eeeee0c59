package io.logplane.scheduler.internal.plugins;

import static io.logplane.scheduler.internal.Fixtures.node;
import static io.logplane.scheduler.internal.Fixtures.pod;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** NodeUnschedulable, NodeReady and TaintToleration: node, pod, verdict. */
class NodeFiltersTest {

  static final String TOLERATE_ALL = "{'spec':{'tolerations':[{'operator':'Exists'}]}}";

  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
      "{'spec':{}}                      | {}           | fits",
      "{'spec':{'unschedulable':true}}  | {}           | unresolvable: node(s) were unschedulable",
      "{'spec':{'unschedulable':true}}  | " + TOLERATE_ALL + " | fits"})
  void unschedulable(String nodeMore, String podMore, String verdict) {
    Table.check(new NodeUnschedulable(), pod("p", podMore), node("n", "1", "1Gi", nodeMore), verdict);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
      "True    | {} | fits",
      "False   | {} | unresolvable: node(s) had untolerated taint {node.kubernetes.io/not-ready: }",
      "Unknown | {} | unresolvable: node(s) had untolerated taint {node.kubernetes.io/unreachable: }",
      "False   | {'spec':{'tolerations':[{'key':'node.kubernetes.io/not-ready','operator':'Exists'}]}} | fits"})
  void ready(String status, String podMore, String verdict) {
    String more = "{'status':{'conditions':[{'type':'Ready','status':'" + status + "'}]}}";
    Table.check(new NodeReady(), pod("p", podMore), node("n", "1", "1Gi", more), verdict);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
      "NoSchedule       | {}                                                                      | unresolvable: node(s) had untolerated taint {gpu: yes}",
      "NoExecute        | {}                                                                      | unresolvable: node(s) had untolerated taint {gpu: yes}",
      "PreferNoSchedule | {}                                                                      | fits",
      "NoSchedule       | {'spec':{'tolerations':[{'key':'gpu','operator':'Equal','value':'yes'}]}} | fits",
      "NoSchedule       | {'spec':{'tolerations':[{'key':'gpu','value':'no'}]}}                   | unresolvable: node(s) had untolerated taint {gpu: yes}",
      "NoSchedule       | {'spec':{'tolerations':[{'key':'gpu','operator':'Exists','effect':'NoExecute'}]}} | unresolvable: node(s) had untolerated taint {gpu: yes}",
      "NoExecute        | {'spec':{'tolerations':[{'key':'gpu','operator':'Exists','effect':'NoExecute'}]}} | fits",
      "NoSchedule       | " + TOLERATE_ALL + " | fits"})
  void taints(String effect, String podMore, String verdict) {
    String more = "{'spec':{'taints':[{'key':'gpu','value':'yes','effect':'" + effect + "'}]}}";
    Table.check(new TaintToleration(), pod("p", podMore), node("n", "1", "1Gi", more), verdict);
  }
}
