package io.logplane.api.proto;

import static io.logplane.api.proto.Envelopes.bytes;
import static io.logplane.api.proto.Envelopes.hex;
import static io.logplane.api.proto.Envelopes.json;
import static io.logplane.api.proto.Envelopes.meta;
import static io.logplane.api.proto.Envelopes.wrap;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kubernetes.client.proto.IntStr.IntOrString;
import io.kubernetes.client.proto.Meta;
import io.kubernetes.client.proto.V1;
import org.junit.jupiter.api.Test;

/** Decoding the core/v1 objects kubectl's generators send. */
class ProtobufCodecCoreTest {

  @Test
  void kubectlCreateNamespaceBytes() throws Exception {
    // The body of `kubectl create namespace demo` as Go's generated marshaller writes it:
    // every non-pointer field of ObjectMeta is present (generateName "", generation 0, an
    // empty creationTimestamp), and NamespaceStatus carries phase "".
    byte[] body = hex("6b387300"
        + "0a0f 0a027631 12094e616d657370616365"
        + "121c 0a14 0a0464656d6f 1200 1a00 2200 2a00 3200 3800 4200 1200 1a02 0a00"
        + "1a00 2200");
    assertEquals(json("{'kind':'Namespace','apiVersion':'v1',"
            + "'metadata':{'name':'demo','creationTimestamp':null},'spec':{},'status':{}}"),
        ProtobufCodec.decode(body));
  }

  @Test
  void namespaceWithLabelsKeepsEmptyLabelValues() throws Exception {
    V1.Namespace ns = V1.Namespace.newBuilder()
        .setMetadata(meta("team-a").putLabels("team", "a").putLabels("flag", "")
            .putAnnotations("note", "x").addFinalizers("example.com/f"))
        .build();
    assertEquals(json("{'kind':'Namespace','apiVersion':'v1','metadata':{'name':'team-a',"
            + "'labels':{'team':'a','flag':''},'annotations':{'note':'x'},"
            + "'finalizers':['example.com/f']}}"),
        ProtobufCodec.decode(wrap("v1", "Namespace", ns)));
  }

  @Test
  void secretBytesAreBase64AndPointerZerosStay() throws Exception {
    V1.Secret secret = V1.Secret.newBuilder()
        .setMetadata(meta("creds").setNamespace("demo").setGenerateName("").setGeneration(0))
        .putData("password", bytes("s3cr3t"))
        .putData("empty", bytes(""))
        .setType("Opaque")
        .setImmutable(false)
        .build();
    assertEquals(json("{'kind':'Secret','apiVersion':'v1',"
            + "'metadata':{'name':'creds','namespace':'demo'},"
            + "'data':{'password':'czNjcjN0','empty':''},'type':'Opaque','immutable':false}"),
        ProtobufCodec.decode(wrap("v1", "Secret", secret)));
  }

  @Test
  void configMapDataAndBinaryData() throws Exception {
    V1.ConfigMap cm = V1.ConfigMap.newBuilder()
        .setMetadata(meta("web-config").setNamespace("demo"))
        .putData("greeting", "hello")
        .putBinaryData("blob", bytes("\u0001\u0002"))
        .build();
    assertEquals(json("{'kind':'ConfigMap','apiVersion':'v1',"
            + "'metadata':{'name':'web-config','namespace':'demo'},"
            + "'data':{'greeting':'hello'},'binaryData':{'blob':'AQI='}}"),
        ProtobufCodec.decode(wrap("v1", "ConfigMap", cm)));
  }

  @Test
  void serviceWithClusterIpAndTargetPorts() throws Exception {
    V1.Service svc = V1.Service.newBuilder()
        .setMetadata(meta("web").setNamespace("demo").putLabels("app", "web"))
        .setSpec(V1.ServiceSpec.newBuilder()
            .addPorts(V1.ServicePort.newBuilder().setName("80-8080").setProtocol("TCP")
                .setPort(80).setNodePort(0)
                .setTargetPort(IntOrString.newBuilder().setType(0).setIntVal(8080)))
            .addPorts(V1.ServicePort.newBuilder().setName("metrics").setPort(9090)
                .setTargetPort(IntOrString.newBuilder().setType(1).setStrVal("http")))
            .putSelector("app", "web")
            .setClusterIP("None")
            .setType("ClusterIP")
            .setPublishNotReadyAddresses(false)
            .setHealthCheckNodePort(0)
            .addIpFamilies("IPv4"))
        .setStatus(V1.ServiceStatus.newBuilder().setLoadBalancer(V1.LoadBalancerStatus.newBuilder()))
        .build();
    assertEquals(json("{'kind':'Service','apiVersion':'v1','metadata':{'name':'web',"
            + "'namespace':'demo','labels':{'app':'web'}},'spec':{'ports':["
            + "{'name':'80-8080','protocol':'TCP','port':80,'targetPort':8080},"
            + "{'name':'metrics','port':9090,'targetPort':'http'}],"
            + "'selector':{'app':'web'},'clusterIP':'None','type':'ClusterIP',"
            + "'ipFamilies':['IPv4']},'status':{'loadBalancer':{}}}"),
        ProtobufCodec.decode(wrap("v1", "Service", svc)));
  }

  @Test
  void serviceAccountAndTimes() throws Exception {
    V1.ServiceAccount sa = V1.ServiceAccount.newBuilder()
        .setMetadata(meta("robot").setNamespace("demo")
            .setCreationTimestamp(Meta.Time.newBuilder().setSeconds(1704164645L).setNanos(7))
            .setDeletionTimestamp(Meta.Time.newBuilder().setSeconds(0)))
        .setAutomountServiceAccountToken(false)
        .build();
    // Time keeps whole seconds (as metav1.Time does); seconds=0 is the Unix epoch, not unset.
    assertEquals(json("{'kind':'ServiceAccount','apiVersion':'v1','metadata':{'name':'robot',"
            + "'namespace':'demo','creationTimestamp':'2024-01-02T03:04:05Z',"
            + "'deletionTimestamp':'1970-01-01T00:00:00Z'},"
            + "'automountServiceAccountToken':false}"),
        ProtobufCodec.decode(wrap("v1", "ServiceAccount", sa)));
  }
}
