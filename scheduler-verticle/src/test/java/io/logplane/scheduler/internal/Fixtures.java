package io.logplane.scheduler.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.projections.Json;
import java.nio.charset.StandardCharsets;

/** Pods and nodes for plugin tests, written as JSON with single quotes. */
public final class Fixtures {

  private Fixtures() {}

  public static ObjectNode json(String singleQuoted) {
    return Json.object(singleQuoted.replace('\'', '"').getBytes(StandardCharsets.UTF_8));
  }

  /** A Ready node with that much cpu and memory, room for 110 pods, labelled with its hostname; more fields merged in. */
  public static ObjectNode nodeObject(String name, String cpu, String memory, String more) {
    ObjectNode n = json("{'apiVersion':'v1','kind':'Node','metadata':{'name':'" + name
        + "','labels':{'kubernetes.io/hostname':'" + name + "'}},'spec':{},'status':{'allocatable':{'cpu':'"
        + cpu + "','memory':'" + memory + "','pods':'110'},'conditions':[{'type':'Ready','status':'True'}]}}");
    if (more != null) {
      merge(n, json(more));
    }
    return n;
  }

  public static NodeInfo node(String name, String cpu, String memory, String more) {
    return NodeInfo.of(nodeObject(name, cpu, memory, more));
  }

  public static NodeInfo node(String name) {
    return node(name, "4", "8Gi", null);
  }

  /** A pod in namespace default with one container requesting cpu and memory (null: none); more fields merged in. */
  public static ObjectNode podObject(String name, String cpu, String memory, String more) {
    String requests = (cpu == null ? "" : "'cpu':'" + cpu + "'") + (cpu != null && memory != null ? "," : "")
        + (memory == null ? "" : "'memory':'" + memory + "'");
    ObjectNode p = json("{'apiVersion':'v1','kind':'Pod','metadata':{'name':'" + name
        + "','namespace':'default','uid':'uid-" + name + "','resourceVersion':'1'},'spec':{'schedulerName':"
        + "'default-scheduler','containers':[{'name':'c','image':'i','resources':{'requests':{" + requests
        + "}}}]},'status':{'phase':'Pending'}}");
    if (more != null) {
      merge(p, json(more));
    }
    return p;
  }

  public static PodInfo pod(String name, String cpu, String memory, String more) {
    return new PodInfo("core/pods/default/" + name, podObject(name, cpu, memory, more));
  }

  public static PodInfo pod(String name, String more) {
    return pod(name, null, null, more);
  }

  static void merge(ObjectNode into, ObjectNode from) {
    from.properties().forEach(e -> {
      if (e.getValue() instanceof ObjectNode o && into.get(e.getKey()) instanceof ObjectNode target) {
        merge(target, o);
      } else {
        into.set(e.getKey(), e.getValue());
      }
    });
  }
}
