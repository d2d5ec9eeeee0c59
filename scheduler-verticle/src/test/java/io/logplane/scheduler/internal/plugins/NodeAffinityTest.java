package io.logplane.scheduler.internal.plugins;

import static io.logplane.scheduler.internal.Fixtures.node;
import static io.logplane.scheduler.internal.Fixtures.pod;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** nodeSelector and required node affinity against a node labelled zone=a, disk=ssd, cores=8, named n. */
class NodeAffinityTest {

  static String required(String term) {
    return "{'spec':{'affinity':{'nodeAffinity':{'requiredDuringSchedulingIgnoredDuringExecution':"
        + "{'nodeSelectorTerms':[" + term + "]}}}}}";
  }

  static String expr(String key, String op, String values) {
    return "{'matchExpressions':[{'key':'" + key + "','operator':'" + op + "'" + (values.isEmpty() ? ""
        : ",'values':[" + values + "]") + "}]}";
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
      "{'spec':{'nodeSelector':{'zone':'a'}}}             | fits",
      "{'spec':{'nodeSelector':{'zone':'a','disk':'hdd'}}} | no",
      "IN:zone:'a','b'        | fits",
      "IN:zone:'b'            | no",
      "NOTIN:zone:'b'         | fits",
      "NOTIN:zone:'a'         | no",
      "EXISTS:disk:           | fits",
      "EXISTS:gpu:            | no",
      "DOESNOTEXIST:gpu:      | fits",
      "GT:cores:'4'           | fits",
      "GT:cores:'8'           | no",
      "LT:cores:'16'          | fits",
      "FIELD:n                | fits",
      "FIELD:m                | no",
      "EMPTY                  | no",
      "ANY                    | fits"})
  void matches(String podSpec, String verdict) {
    String more = podSpec.startsWith("{") ? podSpec : spec(podSpec);
    String expected = verdict.equals("fits") ? verdict : "unresolvable: " + NodeAffinity.REASON;
    Table.check(new NodeAffinity(), pod("p", more),
        node("n", "1", "1Gi", "{'metadata':{'labels':{'zone':'a','disk':'ssd','cores':'8'}}}"), expected);
  }

  private static String spec(String s) {
    String[] p = s.split(":", 3);
    return switch (p[0]) {
      case "IN" -> required(expr(p[1], "In", p[2]));
      case "NOTIN" -> required(expr(p[1], "NotIn", p[2]));
      case "EXISTS" -> required(expr(p[1], "Exists", p[2]));
      case "DOESNOTEXIST" -> required(expr(p[1], "DoesNotExist", p[2]));
      case "GT" -> required(expr(p[1], "Gt", p[2]));
      case "LT" -> required(expr(p[1], "Lt", p[2]));
      case "FIELD" -> required("{'matchFields':[{'key':'metadata.name','operator':'In','values':['" + p[1] + "']}]}");
      case "EMPTY" -> required("{}");
      // Terms are ORed: one failing, one matching.
      case "ANY" -> required(expr("zone", "In", "'x'") + "," + expr("disk", "In", "'ssd'"));
      default -> throw new IllegalArgumentException(s);
    };
  }
}
