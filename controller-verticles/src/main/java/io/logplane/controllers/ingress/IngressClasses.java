package io.logplane.controllers.ingress;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.projections.informers.Informer;

/**
 * Which Ingresses this controller serves: those naming no class (the {@code logplane} class is
 * the cluster's default), those of the {@code logplane} class, and those of any class whose
 * {@code spec.controller} is {@link #CONTROLLER}. The class is {@code spec.ingressClassName}, else
 * the older {@code kubernetes.io/ingress.class} annotation.
 */
public final class IngressClasses {

  /** The default class's name. */
  public static final String NAME = "logplane";
  /** The controller name classes of this controller carry. */
  public static final String CONTROLLER = "logplane.io/ingress-controller";
  public static final String PREFIX = "networking.k8s.io/ingressclasses/";

  private IngressClasses() {}

  static boolean served(ObjectNode ingress, Informer classes) {
    JsonNode name = ingress.path("spec").get("ingressClassName");
    if (name == null || name.isNull()) {
      name = ingress.path("metadata").path("annotations").get("kubernetes.io/ingress.class");
    }
    if (name == null || name.isNull() || name.asText().equals(NAME)) {
      return true;
    }
    ObjectNode c = classes.get(PREFIX + "/" + name.asText());
    return c != null && CONTROLLER.equals(c.path("spec").path("controller").asText());
  }

  /** The {@code logplane} IngressClass as the API would store it, marked as the default (uid and time by the caller). */
  public static ObjectNode defaultClass() {
    ObjectNode o = io.logplane.projections.Json.MAPPER.createObjectNode().put("apiVersion", "networking.k8s.io/v1")
        .put("kind", "IngressClass");
    ObjectNode m = o.putObject("metadata").put("name", NAME);
    m.putObject("annotations").put(io.logplane.projections.DefaultIngressClass.ANNOTATION, "true");
    o.putObject("spec").put("controller", CONTROLLER);
    return o;
  }
}
