package io.logplane.api.validation.flowcontrol;

import com.fasterxml.jackson.databind.JsonNode;
import io.logplane.api.validation.internal.GoValues;
import java.util.ArrayList;
import java.util.List;

/**
 * The specs of FlowSchema and PriorityLevelConfiguration as kube-apiserver's internal Go structs
 * see them: {@link #render} prints one as Go's {@code %#v} does in the message that refuses a
 * changed mandatory object (pointers as an address, never their content), and {@link #same}
 * compares two as apimachinery's semantic equality does (a missing list equals an empty one, a
 * missing scalar its zero value, but a missing pointer differs from a present one). Fields a Go
 * struct does not have are ignored by both.
 */
final class GoSpecs {

  /** A Go type: how a JSON value of it prints, and when two values of it are equal. */
  private interface GoType {
    String name();

    String render(JsonNode value);

    boolean same(JsonNode a, JsonNode b);
  }

  private record Scalar(String name) implements GoType {
    @Override
    public String render(JsonNode v) {
      return switch (name) {
        case "string" -> GoValues.quote(text(v));
        case "bool" -> String.valueOf(v.asBoolean(false));
        default -> String.valueOf(v.asLong(0));
      };
    }

    @Override
    public boolean same(JsonNode a, JsonNode b) {
      return render(a).equals(render(b));
    }
  }

  private record Field(String json, String go, GoType type) {}

  private record Struct(String name, List<Field> fields) implements GoType {
    @Override
    public String render(JsonNode v) {
      List<String> parts = new ArrayList<>();
      for (Field f : fields) {
        parts.add(f.go() + ":" + f.type().render(v.path(f.json())));
      }
      return name + "{" + String.join(", ", parts) + "}";
    }

    @Override
    public boolean same(JsonNode a, JsonNode b) {
      return fields.stream().allMatch(f -> f.type().same(a.path(f.json()), b.path(f.json())));
    }
  }

  private record Pointer(GoType to) implements GoType {
    @Override
    public String name() {
      return "*" + to.name();
    }

    @Override
    public String render(JsonNode v) {
      return "(" + name() + ")(" + (absent(v) ? "nil" : "0xc000000000") + ")";
    }

    @Override
    public boolean same(JsonNode a, JsonNode b) {
      return absent(a) || absent(b) ? absent(a) && absent(b) : to.same(a, b);
    }
  }

  private record Slice(GoType of) implements GoType {
    @Override
    public String name() {
      return "[]" + of.name();
    }

    @Override
    public String render(JsonNode v) {
      if (!v.isArray()) {
        return name() + "(nil)";
      }
      List<String> items = new ArrayList<>();
      v.forEach(i -> items.add(of.render(i)));
      return name() + "{" + String.join(", ", items) + "}";
    }

    @Override
    public boolean same(JsonNode a, JsonNode b) {
      if (a.size() != b.size()) {
        return false;
      }
      for (int i = 0; i < a.size(); i++) {
        if (!of.same(a.get(i), b.get(i))) {
          return false;
        }
      }
      return true;
    }
  }

  private static final GoType STRING = new Scalar("string");
  private static final GoType INT32 = new Scalar("int32");
  private static final GoType BOOL = new Scalar("bool");
  private static final GoType STRINGS = new Slice(STRING);

  private static final GoType NAMED = struct("PriorityLevelConfigurationReference", field("name", STRING));
  private static final GoType SUBJECT = struct("Subject", field("kind", STRING),
      field("user", new Pointer(struct("UserSubject", field("name", STRING)))),
      field("group", new Pointer(struct("GroupSubject", field("name", STRING)))),
      field("serviceAccount", new Pointer(struct("ServiceAccountSubject", field("namespace", STRING),
          field("name", STRING)))));
  private static final GoType RESOURCE_RULE = struct("ResourcePolicyRule", field("verbs", STRINGS),
      field("apiGroups", "APIGroups", STRINGS), field("resources", STRINGS), field("clusterScope", BOOL),
      field("namespaces", STRINGS));
  private static final GoType NON_RESOURCE_RULE = struct("NonResourcePolicyRule", field("verbs", STRINGS),
      field("nonResourceURLs", STRINGS));
  private static final GoType RULE = struct("PolicyRulesWithSubjects", field("subjects", new Slice(SUBJECT)),
      field("resourceRules", new Slice(RESOURCE_RULE)), field("nonResourceRules", new Slice(NON_RESOURCE_RULE)));
  private static final GoType DISTINGUISHER = struct("FlowDistinguisherMethod", field("type", STRING));
  private static final GoType FLOW_SCHEMA_SPEC = struct("FlowSchemaSpec",
      field("priorityLevelConfiguration", NAMED), field("matchingPrecedence", INT32),
      field("distinguisherMethod", new Pointer(DISTINGUISHER)),
      field("rules", new Slice(RULE)));

  private static final GoType QUEUING = struct("QueuingConfiguration", field("queues", INT32),
      field("handSize", INT32), field("queueLengthLimit", INT32));
  private static final GoType LIMIT_RESPONSE = struct("LimitResponse", field("type", STRING),
      field("queuing", new Pointer(QUEUING)));
  private static final GoType LIMITED = struct("LimitedPriorityLevelConfiguration",
      field("nominalConcurrencyShares", INT32), field("limitResponse", LIMIT_RESPONSE),
      field("lendablePercent", new Pointer(INT32)), field("borrowingLimitPercent", new Pointer(INT32)));
  private static final GoType EXEMPT = struct("ExemptPriorityLevelConfiguration",
      field("nominalConcurrencyShares", new Pointer(INT32)), field("lendablePercent", new Pointer(INT32)));
  private static final GoType PRIORITY_LEVEL_SPEC = struct("PriorityLevelConfigurationSpec", field("type", STRING),
      field("limited", new Pointer(LIMITED)), field("exempt", new Pointer(EXEMPT)));

  /** A value that GoValues prints as it is: a Go struct printed by {@code %#v} is not quoted. */
  static final class Printed {
    private final String text;

    private Printed(String text) {
      this.text = text;
    }

    @Override
    public String toString() {
      return text;
    }
  }

  private GoSpecs() {}

  static Printed renderFlowSchemaSpec(JsonNode spec) {
    return new Printed(FLOW_SCHEMA_SPEC.render(spec));
  }

  static Printed renderPriorityLevelSpec(JsonNode spec) {
    return new Printed(PRIORITY_LEVEL_SPEC.render(spec));
  }

  /** A FlowDistinguisherMethod, as the value of the error that refuses its type. */
  static Printed renderDistinguisherMethod(JsonNode method) {
    return new Printed(DISTINGUISHER.render(method));
  }

  static boolean sameFlowSchemaSpec(JsonNode a, JsonNode b) {
    return FLOW_SCHEMA_SPEC.same(a, b);
  }

  static boolean samePriorityLevelSpec(JsonNode a, JsonNode b) {
    return PRIORITY_LEVEL_SPEC.same(a, b);
  }

  private static boolean absent(JsonNode v) {
    return v == null || v.isMissingNode() || v.isNull();
  }

  private static String text(JsonNode v) {
    return v.isValueNode() && !v.isNull() ? v.asText() : "";
  }

  private static Struct struct(String name, Field... fields) {
    return new Struct("flowcontrol." + name, List.of(fields));
  }

  private static Field field(String json, GoType type) {
    return field(json, Character.toUpperCase(json.charAt(0)) + json.substring(1), type);
  }

  private static Field field(String json, String go, GoType type) {
    return new Field(json, go, type);
  }
}
