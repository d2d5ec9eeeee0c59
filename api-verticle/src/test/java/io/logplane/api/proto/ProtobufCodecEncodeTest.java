package io.logplane.api.proto;

import static io.logplane.api.proto.Envelopes.json;
import static io.logplane.api.proto.Envelopes.meta;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.ByteString;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.Message;
import io.kubernetes.client.proto.IntStr.IntOrString;
import io.kubernetes.client.proto.Meta;
import io.kubernetes.client.proto.Runtime;
import io.kubernetes.client.proto.V1;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** JSON to protobuf, checked by decoding back and against messages built with the builders. */
class ProtobufCodecEncodeTest {

  @ParameterizedTest
  @ValueSource(strings = {
      "{'kind':'Namespace','apiVersion':'v1','metadata':{'name':'demo','creationTimestamp':null},"
          + "'spec':{},'status':{}}",
      "{'kind':'Deployment','apiVersion':'apps/v1','metadata':{'name':'web','labels':{'a':''},"
          + "'creationTimestamp':'2024-01-02T03:04:05Z','generation':2},'spec':{'replicas':0,"
          + "'selector':{'matchLabels':{'app':'web'}},'template':{'metadata':{'creationTimestamp':"
          + "null},'spec':{'containers':[{'name':'nginx','image':'nginx','resources':{'limits':{"
          + "'cpu':'500m'}},'ports':[{'containerPort':80}]}]}},'strategy':{'rollingUpdate':{"
          + "'maxSurge':'25%','maxUnavailable':1}}},'status':{'observedGeneration':2}}",
      "{'kind':'Pod','apiVersion':'v1','metadata':{'name':'app'},'spec':{'volumes':[{'name':'c',"
          + "'configMap':{'name':'cfg','defaultMode':420}}],'containers':[{'name':'app','env':[{"
          + "'name':'G','valueFrom':{'secretKeyRef':{'name':'s','key':'k','optional':false}}}],"
          + "'livenessProbe':{'tcpSocket':{'port':8080},'failureThreshold':3}}]}}",
      "{'kind':'Secret','apiVersion':'v1','metadata':{'name':'s'},'data':{'k':'czNjcjN0'},"
          + "'type':'Opaque','immutable':false}",
      "{'kind':'Lease','apiVersion':'coordination.k8s.io/v1','metadata':{'name':'l'},'spec':{"
          + "'renewTime':'2024-01-02T03:04:05.123456Z','leaseDurationSeconds':40}}",
      "{'kind':'ControllerRevision','apiVersion':'apps/v1','metadata':{'name':'r','managedFields':"
          + "[{'manager':'m','fieldsV1':{'f:spec':{}},'time':'2024-01-02T03:04:05Z'}]},"
          + "'data':{'spec':[1,'x',null]},'revision':3}",
      "{'kind':'CustomResourceDefinition','apiVersion':'apiextensions.k8s.io/v1','metadata':{"
          + "'name':'w.example.com'},'spec':{'versions':[{'name':'v1','served':true,'storage':"
          + "true,'schema':{'openAPIV3Schema':{'type':'object','x-kubernetes-list-map-keys':["
          + "'name'],'additionalProperties':{'type':'string'},'items':[{'type':'string'}],"
          + "'maximum':2.5,'default':{'a':1},'$ref':'#/r','dependencies':{'x':{'type':'string'}},"
          + "'properties':{'n':{'type':'integer','minimum':0}}}}}]}}"})
  void decodeOfEncodeIsTheSameJson(String text) throws Exception {
    ObjectNode object = json(text);
    assertEquals(object, ProtobufCodec.decode(ProtobufCodec.encode(object)));
  }

  @Test
  void encodedServiceIsTheMessageTheBuildersMake() throws Exception {
    V1.Service expected = V1.Service.newBuilder()
        .setMetadata(meta("web").setCreationTimestamp(Meta.Time.newBuilder().setSeconds(60)))
        .setSpec(V1.ServiceSpec.newBuilder().setClusterIP("None").putSelector("app", "web")
            .addPorts(V1.ServicePort.newBuilder().setPort(80)
                .setTargetPort(IntOrString.newBuilder().setType(1).setStrVal("http"))))
        .build();
    byte[] body = ProtobufCodec.encode(json("{'kind':'Service','apiVersion':'v1','metadata':{"
        + "'name':'web','creationTimestamp':'1970-01-01T00:01:00Z'},'spec':{'ports':[{'port':80,"
        + "'targetPort':'http'}],'selector':{'app':'web'},'clusterIP':'None'}}"));
    assertArrayEquals(new byte[] {'k', '8', 's', 0}, Arrays.copyOf(body, 4));
    Message envelope = unwrap(body);
    Message typeMeta = (Message) field(envelope, "typeMeta");
    assertEquals("v1", field(typeMeta, "apiVersion"));
    assertEquals("Service", field(typeMeta, "kind"));
    assertEquals(DynamicMessage.parseFrom(V1.Service.getDescriptor(), expected.toByteString()),
        DynamicMessage.parseFrom(V1.Service.getDescriptor(), (ByteString) field(envelope, "raw")));
  }

  @Test
  void objectsWithoutAProtobufFormAre406() {
    for (String text : new String[] {
        "{'kind':'Widget','apiVersion':'example.com/v1','metadata':{'name':'w'}}",
        "{'kind':'Namespace','apiVersion':'v1','metadata':{'name':'n'},'extra':1}",
        "{'kind':'Namespace','apiVersion':'v1','metadata':{'name':'n','labels':{'a':1}}}",
        "{'kind':'Namespace','apiVersion':'v1','metadata':{'name':'n','generation':'2'}}",
        "{'kind':'Namespace','apiVersion':'v1','metadata':{'creationTimestamp':'yesterday'}}",
        "{'kind':'Secret','apiVersion':'v1','data':{'k':'not base64!'}}",
        "{'kind':'Pod','apiVersion':'v1','spec':{'containers':{'name':'x'}}}"}) {
      ProtobufException e = assertThrows(ProtobufException.class,
          () -> ProtobufCodec.encode(json(text)), text);
      assertEquals(406, e.code(), text);
      assertTrue(e.getMessage().startsWith("cannot encode as protobuf"), e.getMessage());
    }
  }

  // Parsed as DynamicMessage: the generated classes' own parsers log a protobuf-java warning.
  private static Message unwrap(byte[] body) throws Exception {
    return DynamicMessage.parseFrom(Runtime.Unknown.getDescriptor(),
        Arrays.copyOfRange(body, 4, body.length));
  }

  private static Object field(Message m, String name) {
    return m.getField(m.getDescriptorForType().findFieldByName(name));
  }

  @Test
  void binaryDataIsBase64InJsonAndBytesInProtobuf() throws Exception {
    ObjectNode cm = json("{'kind':'ConfigMap','apiVersion':'v1','binaryData':{'b':'AQI='}}");
    V1.ConfigMap expected = V1.ConfigMap.newBuilder()
        .putBinaryData("b", ByteString.copyFrom(new byte[] {1, 2})).build();
    byte[] body = ProtobufCodec.encode(cm);
    assertEquals(DynamicMessage.parseFrom(V1.ConfigMap.getDescriptor(), expected.toByteString()),
        DynamicMessage.parseFrom(V1.ConfigMap.getDescriptor(), (ByteString) field(unwrap(body),
            "raw")));
  }
}
