package io.logplane.api.proto;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.logplane.api.resources.BuiltinResources;
import io.logplane.api.resources.ResourceType;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProtoKindsTest {

  @Test
  void everyBuiltinKindHasAProtobufMessageOfTheSameName() {
    List<String> missing = new ArrayList<>();
    for (ResourceType r : BuiltinResources.all()) {
      ProtoKinds.descriptor(r.apiVersion(), r.kind())
          .filter(d -> d.getName().equals(r.kind()))
          .ifPresentOrElse(d -> { }, () -> missing.add(r.apiVersion() + " " + r.kind()));
    }
    assertEquals(List.of(), missing);
  }

  @Test
  void outerClassNamesFollowGroupAndVersion() {
    assertEquals("V1", ProtoKinds.outerClass("v1"));
    assertEquals("V1Apps", ProtoKinds.outerClass("apps/v1"));
    assertEquals("V1Rbac", ProtoKinds.outerClass("rbac.authorization.k8s.io/v1"));
    assertEquals("V2Autoscaling", ProtoKinds.outerClass("autoscaling/v2"));
    assertEquals("V1beta1Storage", ProtoKinds.outerClass("storage.k8s.io/v1beta1"));
  }

  @Test
  void kindsOutsideTheBuiltinListResolveToo() {
    assertEquals("k8s.io.api.authentication.v1.TokenRequest",
        ProtoKinds.descriptor("authentication.k8s.io/v1", "TokenRequest").orElseThrow()
            .getFullName());
    assertEquals("k8s.io.api.autoscaling.v1.Scale",
        ProtoKinds.descriptor("autoscaling/v1", "Scale").orElseThrow().getFullName());
  }
}
