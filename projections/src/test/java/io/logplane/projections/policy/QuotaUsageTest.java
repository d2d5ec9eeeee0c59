package io.logplane.projections.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logplane.projections.Json;
import io.logplane.projections.Key;
import org.junit.jupiter.api.Test;

/** What a quota counts of one object, and which kinds an update is charged for. */
class QuotaUsageTest {

  @Test
  void onlyServicesAndClaimsAreChargedOnUpdate() {
    assertTrue(QuotaUsage.chargedOnUpdate(Key.parse("core/services/ns/web")));
    assertTrue(QuotaUsage.chargedOnUpdate(Key.parse("core/persistentvolumeclaims/ns/data")));
    assertFalse(QuotaUsage.chargedOnUpdate(Key.parse("core/pods/ns/p")), "pods resize in place only under a gate");
    assertFalse(QuotaUsage.chargedOnUpdate(Key.parse("core/configmaps/ns/c")), "object counts: create only");
    assertFalse(QuotaUsage.chargedOnUpdate(Key.parse("apps/deployments/ns/d")));
  }

  @Test
  void aServiceUsesNodePortsByTypeAndALoadBalancer() {
    Key web = Key.parse("core/services/ns/web");
    var clusterIp = QuotaUsage.usage(web, Json.object("{\"spec\":{\"ports\":[{\"port\":80},{\"port\":81}]}}"
        .getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    assertEquals("0", clusterIp.get("services.nodeports").toString());
    assertFalse(clusterIp.containsKey("services.loadbalancers"));
    var lb = QuotaUsage.usage(web, Json.object(("{\"spec\":{\"type\":\"LoadBalancer\",\"ports\":[{\"port\":80},"
        + "{\"port\":81}]}}").getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    assertEquals("2", lb.get("services.nodeports").toString());
    assertEquals("1", lb.get("services.loadbalancers").toString());
  }
}
