package io.logplane.projections.policy;

import static io.logplane.projections.policy.PoliciesTest.binding;
import static io.logplane.projections.policy.PoliciesTest.create;
import static io.logplane.projections.policy.PoliciesTest.json;
import static io.logplane.projections.policy.PoliciesTest.policy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A binding's paramRef: by name, by selector (each param evaluated), and what happens when none is found. */
class PolicyParamsTest {

  /** ConfigMaps (namespaced) and example.com/v1 Limits (cluster-scoped), as a projection would serve them. */
  private static final ParamLookup PARAMS = new ParamLookup() {
    private final List<JsonNode> objects = List.of(
        json("{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"small\",\"namespace\":\"default\","
            + "\"labels\":{\"tier\":\"limits\"}},\"data\":{\"max\":\"5\"}}"),
        json("{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"large\",\"namespace\":\"default\","
            + "\"labels\":{\"tier\":\"limits\"}},\"data\":{\"max\":\"20\"}}"),
        json("{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"small\",\"namespace\":\"other\"},"
            + "\"data\":{\"max\":\"1\"}}"),
        json("{\"metadata\":{\"name\":\"global\"},\"spec\":{\"max\":8}}"));

    @Override
    public Optional<Boolean> namespaced(String apiVersion, String kind) {
      return kind.equals("ConfigMap") ? Optional.of(true) : kind.equals("Limit") ? Optional.of(false)
          : Optional.empty();
    }

    @Override
    public JsonNode get(String apiVersion, String kind, String namespace, String name) {
      return list(apiVersion, kind, namespace).stream()
          .filter(o -> o.path("metadata").path("name").asText().equals(name)).findFirst().orElse(null);
    }

    @Override
    public List<JsonNode> list(String apiVersion, String kind, String namespace) {
      List<JsonNode> found = new ArrayList<>();
      for (JsonNode o : objects) {
        boolean configMap = o.path("kind").asText().equals("ConfigMap");
        if (configMap == kind.equals("ConfigMap")
            && (namespace == null || namespace.equals(o.path("metadata").path("namespace").asText()))) {
          found.add(o);
        }
      }
      return found;
    }
  };

  private static final String BY_CONFIG_MAP = "\"paramKind\":{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\"},"
      + "\"validations\":[{\"expression\":\"object.spec.replicas <= int(params.data.max)\","
      + "\"messageExpression\":\"'more than ' + params.data.max + ' (' + params.metadata.name + ')'\"}]";

  private static PolicyDecision evaluate(Attributes a, CompiledPolicy p, JsonNode b) {
    return Policies.evaluate(a, List.of(p), List.of(b), PARAMS, null);
  }

  private static String ref(String fields, String action) {
    return ",\"validationActions\":[\"Deny\"],\"paramRef\":{" + fields + ",\"parameterNotFoundAction\":\"" + action
        + "\"}";
  }

  @Test
  void aParamByNameIsLookedUpInTheRequestsNamespaceOrTheOneGiven() {
    CompiledPolicy p = policy("p", BY_CONFIG_MAP);
    assertTrue(evaluate(create(5), p, binding("b", "p", ref("\"name\":\"small\"", "Deny"))).allowed());
    assertEquals("ValidatingAdmissionPolicy 'p' with binding 'b' denied request: more than 5 (small)",
        evaluate(create(6), p, binding("b", "p", ref("\"name\":\"small\"", "Deny"))).deny().cause());
    assertEquals("ValidatingAdmissionPolicy 'p' with binding 'b' denied request: more than 1 (small)",
        evaluate(create(2), p, binding("b", "p", ref("\"name\":\"small\",\"namespace\":\"other\"", "Deny")))
            .deny().cause());
  }

  @Test
  void aParamNotFoundDeniesOrAllowsAsTheBindingSays() {
    CompiledPolicy p = policy("p", BY_CONFIG_MAP);
    assertEquals("ValidatingAdmissionPolicy 'p' with binding 'b' denied request: failed to configure binding: "
        + "no params found for policy binding with `Deny` parameterNotFoundAction",
        evaluate(create(1), p, binding("b", "p", ref("\"name\":\"absent\"", "Deny"))).deny().cause());
    assertTrue(evaluate(create(100), p, binding("b", "p", ref("\"name\":\"absent\"", "Allow"))).allowed());
    assertTrue(evaluate(create(1), policy("p", "\"failurePolicy\":\"Ignore\"," + BY_CONFIG_MAP),
        binding("b", "p", ref("\"name\":\"absent\"", "Deny"))).allowed(), "Ignore skips a misconfigured binding");
  }

  @Test
  void everyParamTheSelectorPicksIsEvaluated() {
    CompiledPolicy p = policy("p", BY_CONFIG_MAP);
    String selector = "\"selector\":{\"matchLabels\":{\"tier\":\"limits\"}}";
    String warn = ref(selector, "Deny").replace("[\"Deny\"]", "[\"Warn\"]");
    assertEquals(List.of("Validation failed for ValidatingAdmissionPolicy 'p' with binding 'b': more than 5 (small)"),
        evaluate(create(10), p, binding("b", "p", warn)).warnings());
    assertEquals(List.of("Validation failed for ValidatingAdmissionPolicy 'p' with binding 'b': more than 5 (small)",
        "Validation failed for ValidatingAdmissionPolicy 'p' with binding 'b': more than 20 (large)"),
        evaluate(create(30), p, binding("b", "p", warn)).warnings());
    assertEquals("ValidatingAdmissionPolicy 'p' with binding 'b' denied request: more than 5 (small)",
        evaluate(create(30), p, binding("b", "p", ref(selector, "Deny"))).deny().cause(), "the first refusal answers");
    assertEquals("ValidatingAdmissionPolicy 'p' with binding 'b' denied request: failed to configure binding: "
        + "no params found for policy binding with `Deny` parameterNotFoundAction", evaluate(create(1), p,
        binding("b", "p", ref("\"selector\":{\"matchLabels\":{\"tier\":\"none\"}}", "Deny"))).deny().cause());
  }

  @Test
  void aClusterScopedParamGetsItsKindAndRefusesANamespace() {
    CompiledPolicy p = policy("p", "\"paramKind\":{\"apiVersion\":\"example.com/v1\",\"kind\":\"Limit\"},"
        + "\"validations\":[{\"expression\":\"object.spec.replicas <= params.spec.max && params.kind == 'Limit'"
        + " && params.apiVersion == 'example.com/v1'\"}]");
    assertTrue(evaluate(create(8), p, binding("b", "p", ref("\"name\":\"global\"", "Deny"))).allowed());
    assertEquals("ValidatingAdmissionPolicy 'p' with binding 'b' denied request: failed to configure binding: "
        + "paramRef.namespace must not be provided for a cluster-scoped `paramKind`",
        evaluate(create(8), p, binding("b", "p", ref("\"name\":\"global\",\"namespace\":\"x\"", "Deny")))
            .deny().cause());
  }

  @Test
  void anUnknownParamKindIsThePolicysConfigurationError() {
    CompiledPolicy p = policy("p", "\"paramKind\":{\"apiVersion\":\"example.com/v1\",\"kind\":\"Unknown\"},"
        + "\"validations\":[{\"expression\":\"true\"}]");
    assertEquals("ValidatingAdmissionPolicy 'p' denied request: failed to configure policy: failed to find "
        + "resource referenced by paramKind: 'example.com/v1, Kind=Unknown'",
        evaluate(create(1), p, binding("b", "p", ref("\"name\":\"x\"", "Deny"))).deny().cause());
  }

  @Test
  void withoutParamRefParamsIsNull() {
    CompiledPolicy p = policy("p", "\"paramKind\":{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\"},"
        + "\"validations\":[{\"expression\":\"params == null\"}]");
    assertTrue(evaluate(create(1), p, binding("b", "p", ",\"validationActions\":[\"Deny\"]")).allowed());
  }
}
