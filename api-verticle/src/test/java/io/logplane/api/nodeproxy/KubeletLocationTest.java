package io.logplane.api.nodeproxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.logplane.api.http.ApiException;
import org.junit.jupiter.api.Test;

class KubeletLocationTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static KubeletLocation of(String status) throws Exception {
    return KubeletLocation.of(JSON.readTree(("{'status':" + status + "}").replace('\'', '"')));
  }

  @Test
  void takesTheInternalIpAndTheReportedPort() throws Exception {
    assertEquals(new KubeletLocation("172.16.0.1", 10250), of("{'addresses':[{'type':'Hostname','address':'n'},"
        + "{'type':'InternalIP','address':'172.16.0.1'}],'daemonEndpoints':{'kubeletEndpoint':{'Port':10250}}}"));
    assertEquals(new KubeletLocation("n", 10250), of("{'addresses':[{'type':'Hostname','address':'n'}]}"));
    KubeletLocation v6 = of("{'addresses':[{'type':'InternalIP','address':'fd00::1'}],"
        + "'daemonEndpoints':{'kubeletEndpoint':{'Port':4000}}}");
    assertEquals("[fd00::1]:4000", v6.hostPort());
  }

  @Test
  void aNodeWithoutAddressesIsA500() {
    ApiException e = assertThrows(ApiException.class, () -> of("{}"));
    assertEquals(500, e.code());
    assertEquals("no preferred addresses found; known addresses: []", e.getMessage());
  }

  @Test
  void aHollowNodeIsNeverDialled() throws Exception {
    ApiException e = assertThrows(ApiException.class, () -> KubeletLocation.of(JSON.readTree(("{'metadata':"
        + "{'name':'hollow-1'},'status':{'nodeInfo':{'containerRuntimeVersion':'hollow://1.0'},"
        + "'addresses':[{'type':'InternalIP','address':'172.16.0.2'}]}}").replace('\'', '"'))));
    assertEquals(500, e.code());
    assertEquals("node \"hollow-1\" is a hollow node: it simulates its pods and serves no logs, exec or port-forward",
        e.getMessage());
  }
}
