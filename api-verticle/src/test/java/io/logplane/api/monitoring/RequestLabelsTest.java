package io.logplane.api.monitoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logplane.api.http.RequestInfo;
import java.util.List;
import org.junit.jupiter.api.Test;

class RequestLabelsTest {

  private static RequestLabels labels(String method, String path) {
    return labels(method, path, null, null);
  }

  private static RequestLabels labels(String method, String path, String watch, String contentType) {
    return RequestLabels.of(method, RequestInfo.parse(path), watch, contentType, List.of());
  }

  @Test
  void aGetOfOneObjectIsGetInResourceScope() {
    RequestLabels l = labels("GET", "/api/v1/namespaces/default/pods/web");
    assertEquals(new RequestLabels("GET", "", "", "v1", "pods", "", "resource"), l);
    assertTrue(l.readOnly());
    assertFalse(l.longRunning());
  }

  @Test
  void aGetOfACollectionIsListInItsScope() {
    assertEquals(new RequestLabels("LIST", "", "", "v1", "pods", "", "namespace"),
        labels("GET", "/api/v1/namespaces/default/pods"));
    assertEquals(new RequestLabels("LIST", "", "apps", "v1", "deployments", "", "cluster"),
        labels("GET", "/apis/apps/v1/deployments"));
  }

  @Test
  void aWatchIsWatchAndLongRunningUnlessFalse() {
    RequestLabels l = labels("GET", "/api/v1/namespaces/default/pods", "true", null);
    assertEquals("WATCH", l.verb());
    assertTrue(l.longRunning());
    assertEquals("WATCH", labels("GET", "/api/v1/pods", "1", null).verb());
    assertEquals("LIST", labels("GET", "/api/v1/pods", "false", null).verb());
    assertEquals("LIST", labels("GET", "/api/v1/pods", "0", null).verb());
  }

  @Test
  void aCreateIsPostInResourceScopeAndMutating() {
    RequestLabels l = labels("POST", "/api/v1/namespaces/default/pods");
    assertEquals(new RequestLabels("POST", "", "", "v1", "pods", "", "resource"), l);
    assertFalse(l.readOnly());
  }

  @Test
  void writesKeepTheirMethodAndApplyIsApply() {
    assertEquals("PUT", labels("PUT", "/api/v1/namespaces/default/pods/web/status").verb());
    assertEquals("status", labels("PUT", "/api/v1/namespaces/default/pods/web/status").subresource());
    assertEquals("PATCH", labels("PATCH", "/apis/apps/v1/namespaces/a/deployments/d", null,
        "application/strategic-merge-patch+json").verb());
    assertEquals("APPLY", labels("PATCH", "/apis/apps/v1/namespaces/a/deployments/d", null,
        "application/apply-patch+yaml").verb());
    // kube reports the HTTP method: a delete of a collection is a DELETE in namespace scope
    RequestLabels all = labels("DELETE", "/api/v1/namespaces/default/pods");
    assertEquals("DELETE", all.verb());
    assertEquals("namespace", all.scope());
  }

  @Test
  void streamingSubresourcesAreConnectAndLongRunning() {
    RequestLabels exec = labels("POST", "/api/v1/namespaces/default/pods/web/exec");
    assertEquals("CONNECT", exec.verb());
    assertEquals("resource", exec.scope());
    assertTrue(exec.longRunning());
    assertEquals("CONNECT", labels("GET", "/api/v1/namespaces/default/pods/web/log").verb());
  }

  @Test
  void unknownMethodsAreOther() {
    assertEquals("other", labels("OPTIONS", "/api/v1/pods").verb());
  }

  @Test
  void aNamespaceIsAClusterScopedObject() {
    assertEquals(new RequestLabels("GET", "", "", "v1", "namespaces", "", "resource"),
        labels("GET", "/api/v1/namespaces/default"));
    assertEquals("cluster", labels("GET", "/api/v1/namespaces").scope());
  }

  @Test
  void dryRunValuesAreSortedAndDistinct() {
    assertEquals("", RequestLabels.dryRun(List.of()));
    assertEquals("All", RequestLabels.dryRun(List.of("All", "All")));
    assertEquals("invalid", RequestLabels.dryRun(List.of("Some")));
  }
}
