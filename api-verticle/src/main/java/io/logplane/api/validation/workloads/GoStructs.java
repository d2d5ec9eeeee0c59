package io.logplane.api.validation.workloads;

import com.fasterxml.jackson.databind.JsonNode;
import io.logplane.api.validation.internal.GoValues;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Struct values printed as Go's {@code %#v} prints them in kube-apiserver's field errors, e.g.
 * {@code v1.LabelSelector{MatchLabels:map[string]string{"app":"web"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}}
 * for a changed selector, so that the messages read as users search for them.
 */
public final class GoStructs {

  private GoStructs() {}

  /** A value already in Go's text; {@code FieldErrors} prints it as it is. */
  public record Text(String text) {
    @Override
    public String toString() {
      return text;
    }
  }

  /** A {@code *metav1.LabelSelector}: {@code null} when absent. */
  public static Object labelSelector(JsonNode s) {
    if (absent(s)) {
      return new Text("null");
    }
    List<String> exprs = new ArrayList<>();
    for (JsonNode e : s.path("matchExpressions")) {
      exprs.add("v1.LabelSelectorRequirement{Key:" + GoValues.quote(e.path("key").asText("")) + ", Operator:"
          + GoValues.quote(e.path("operator").asText("")) + ", Values:" + strings(e.path("values")) + "}");
    }
    String expressions = absent(s.get("matchExpressions")) ? "[]v1.LabelSelectorRequirement(nil)"
        : "[]v1.LabelSelectorRequirement{" + String.join(", ", exprs) + "}";
    return new Text("v1.LabelSelector{MatchLabels:" + stringMap(s.get("matchLabels")) + ", MatchExpressions:"
        + expressions + "}");
  }

  /** An {@code intstr.IntOrString}: Type 0 with IntVal for a number, Type 1 with StrVal for a string. */
  public static Object intOrString(JsonNode v) {
    if (v != null && v.isTextual()) {
      return new Text("intstr.IntOrString{Type:1, IntVal:0, StrVal:" + GoValues.quote(v.textValue()) + "}");
    }
    long n = v == null ? 0 : v.asLong(0);
    return new Text("intstr.IntOrString{Type:0, IntVal:" + n + ", StrVal:\"\"}");
  }

  /**
   * An update strategy struct such as {@code apps.DeploymentStrategy{Type:"X", RollingUpdate:(*apps.RollingUpdateDeployment)(nil)}};
   * where Go would print the address of a given rollingUpdate this prints {@code (...)}.
   */
  public static Object strategy(String struct, String type, String rollingStruct, boolean rolling) {
    return new Text(struct + "{Type:" + GoValues.quote(type) + ", RollingUpdate:(*" + rollingStruct + ")("
        + (rolling ? "..." : "nil") + ")}");
  }

  /** A {@code map[string]string}, {@code (nil)} when absent, keys sorted as Go prints them. */
  public static Object stringMap(JsonNode m) {
    if (absent(m)) {
      return new Text("map[string]string(nil)");
    }
    Map<String, String> sorted = new TreeMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = m.fields(); it.hasNext();) {
      Map.Entry<String, JsonNode> e = it.next();
      sorted.put(e.getKey(), e.getValue().asText());
    }
    List<String> items = new ArrayList<>();
    sorted.forEach((k, val) -> items.add(GoValues.quote(k) + ":" + GoValues.quote(val)));
    return new Text("map[string]string{" + String.join(", ", items) + "}");
  }

  /** A {@code []string}, {@code (nil)} when absent. */
  public static String strings(JsonNode list) {
    if (absent(list)) {
      return "[]string(nil)";
    }
    List<String> items = new ArrayList<>();
    list.forEach(i -> items.add(GoValues.quote(i.asText())));
    return "[]string{" + String.join(", ", items) + "}";
  }

  /** Missing or JSON null: Go's nil pointer. */
  public static boolean absent(JsonNode n) {
    return n == null || n.isMissingNode() || n.isNull();
  }
}
