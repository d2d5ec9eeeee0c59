package io.logplane.api.validation.internal;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The few Go structs that kube-apiserver prints whole in a message ({@code %#v}), written the
 * same way; such a value is not a string, so it is printed without quotes around it.
 */
public final class GoStruct {

  private final String text;

  private GoStruct(String text) {
    this.text = text;
  }

  @Override
  public String toString() {
    return text;
  }

  public static GoStruct toleration(JsonNode t) {
    String seconds = t.hasNonNull("tolerationSeconds") ? "(*int64)(0x" + "c000000000)" : "(*int64)(nil)";
    return new GoStruct("core.Toleration{Key:" + GoValues.quote(t.path("key").asText("")) + ", Operator:"
        + GoValues.quote(t.path("operator").asText("")) + ", Value:" + GoValues.quote(t.path("value").asText(""))
        + ", Effect:" + GoValues.quote(t.path("effect").asText("")) + ", TolerationSeconds:" + seconds + "}");
  }

  /** The key of a Service port that two ports share: protocol and port. */
  public static GoStruct servicePortKey(String protocol, long port) {
    return new GoStruct("core.ServicePort{Name:\"\", Protocol:" + GoValues.quote(protocol)
        + ", AppProtocol:(*string)(nil), Port:" + port + ", TargetPort:intstr.IntOrString{Type:0, IntVal:0,"
        + " StrVal:\"\"}, NodePort:0}");
  }

  /** An owner reference, or a list of them, as {@code metav1.OwnerReference{...}}. */
  public static GoStruct ownerReferences(JsonNode refs) {
    if (!refs.isArray()) {
      return new GoStruct(ownerReference(refs));
    }
    StringBuilder b = new StringBuilder("[]v1.OwnerReference{");
    for (int i = 0; i < refs.size(); i++) {
      b.append(i > 0 ? ", " : "").append(ownerReference(refs.get(i)).substring("v1.OwnerReference".length()));
    }
    return new GoStruct(b.append('}').toString());
  }

  private static String ownerReference(JsonNode r) {
    return "v1.OwnerReference{APIVersion:" + GoValues.quote(r.path("apiVersion").asText("")) + ", Kind:"
        + GoValues.quote(r.path("kind").asText("")) + ", Name:" + GoValues.quote(r.path("name").asText(""))
        + ", UID:" + GoValues.quote(r.path("uid").asText("")) + ", Controller:" + pointer(r.get("controller"))
        + ", BlockOwnerDeletion:" + pointer(r.get("blockOwnerDeletion")) + "}";
  }

  private static String pointer(JsonNode b) {
    return b == null || b.isNull() ? "(*bool)(nil)" : "(*bool)(0xc000000000)";
  }
}
