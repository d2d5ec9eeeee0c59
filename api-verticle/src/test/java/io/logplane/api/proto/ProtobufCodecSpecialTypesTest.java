package io.logplane.api.proto;

import static io.logplane.api.proto.Envelopes.bytes;
import static io.logplane.api.proto.Envelopes.json;
import static io.logplane.api.proto.Envelopes.meta;
import static io.logplane.api.proto.Envelopes.wrap;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kubernetes.client.proto.IntStr.IntOrString;
import io.kubernetes.client.proto.Meta;
import io.kubernetes.client.proto.Runtime;
import io.kubernetes.client.proto.V1;
import io.kubernetes.client.proto.V1Apiextensions;
import io.kubernetes.client.proto.V1Apps;
import io.kubernetes.client.proto.V1Coordination;
import org.junit.jupiter.api.Test;

/** Types whose JSON differs from their protobuf shape, and Go structs inlined in JSON. */
class ProtobufCodecSpecialTypesTest {

  @Test
  void microTimeKeepsMicroseconds() throws Exception {
    V1Coordination.Lease lease = V1Coordination.Lease.newBuilder().setMetadata(meta("node-1"))
        .setSpec(V1Coordination.LeaseSpec.newBuilder().setHolderIdentity("node-1")
            .setLeaseDurationSeconds(40)
            .setRenewTime(Meta.MicroTime.newBuilder().setSeconds(1704164645L).setNanos(123456789))
            .setAcquireTime(Meta.MicroTime.getDefaultInstance())
            .setLeaseTransitions(0))
        .build();
    assertEquals(json("{'kind':'Lease','apiVersion':'coordination.k8s.io/v1','metadata':{"
            + "'name':'node-1'},'spec':{'holderIdentity':'node-1','leaseDurationSeconds':40,"
            + "'acquireTime':null,'renewTime':'2024-01-02T03:04:05.123456Z','leaseTransitions':0}}"),
        ProtobufCodec.decode(wrap("coordination.k8s.io/v1", "Lease", lease)));
  }

  @Test
  void rawExtensionAndFieldsV1CarryJson() throws Exception {
    V1Apps.ControllerRevision rev = V1Apps.ControllerRevision.newBuilder()
        .setMetadata(meta("web-1").addManagedFields(Meta.ManagedFieldsEntry.newBuilder()
            .setManager("kubectl").setOperation("Update").setApiVersion("apps/v1")
            .setFieldsType("FieldsV1")
            .setFieldsV1(Meta.FieldsV1.newBuilder().setRaw(bytes("{\"f:data\":{}}")))))
        .setData(Runtime.RawExtension.newBuilder().setRaw(bytes("{\"spec\":{\"replicas\":2}}")))
        .setRevision(1)
        .build();
    assertEquals(json("{'kind':'ControllerRevision','apiVersion':'apps/v1','metadata':{"
            + "'name':'web-1','managedFields':[{'manager':'kubectl','operation':'Update',"
            + "'apiVersion':'apps/v1','fieldsType':'FieldsV1','fieldsV1':{'f:data':{}}}]},"
            + "'data':{'spec':{'replicas':2}},'revision':1}"),
        ProtobufCodec.decode(wrap("apps/v1", "ControllerRevision", rev)));
  }

  @Test
  void inlinedGoStructsAreFlattened() throws Exception {
    V1.Container c = V1.Container.newBuilder().setName("app").setImage("app:1")
        .addEnv(V1.EnvVar.newBuilder().setName("GREETING").setValueFrom(
            V1.EnvVarSource.newBuilder().setConfigMapKeyRef(V1.ConfigMapKeySelector.newBuilder()
                .setLocalObjectReference(V1.LocalObjectReference.newBuilder().setName("cfg"))
                .setKey("greeting").setOptional(false))))
        .setReadinessProbe(V1.Probe.newBuilder().setPeriodSeconds(5).setTimeoutSeconds(0)
            .setHandler(V1.ProbeHandler.newBuilder().setHttpGet(V1.HTTPGetAction.newBuilder()
                .setPath("/healthz").setPort(IntOrString.newBuilder().setType(1)
                    .setStrVal("http")))))
        .build();
    V1.Pod pod = V1.Pod.newBuilder().setMetadata(meta("app"))
        .setSpec(V1.PodSpec.newBuilder().addContainers(c)
            .addVolumes(V1.Volume.newBuilder().setName("cfg").setVolumeSource(
                V1.VolumeSource.newBuilder().setConfigMap(V1.ConfigMapVolumeSource.newBuilder()
                    .setLocalObjectReference(V1.LocalObjectReference.newBuilder().setName("cfg"))
                    .setDefaultMode(420)))))
        .build();
    assertEquals(json("{'kind':'Pod','apiVersion':'v1','metadata':{'name':'app'},'spec':{"
            + "'volumes':[{'name':'cfg','configMap':{'name':'cfg','defaultMode':420}}],"
            + "'containers':[{'name':'app','image':'app:1','env':[{'name':'GREETING',"
            + "'valueFrom':{'configMapKeyRef':{'name':'cfg','key':'greeting','optional':false}}}],"
            + "'readinessProbe':{'httpGet':{'path':'/healthz','port':'http'},'periodSeconds':5}}]}}"),
        ProtobufCodec.decode(wrap("v1", "Pod", pod)));
  }

  @Test
  void customResourceDefinitionSchema() throws Exception {
    V1Apiextensions.JSONSchemaProps count = V1Apiextensions.JSONSchemaProps.newBuilder()
        .setType("integer").setMinimum(0).setMaximum(2.5)
        .setDefault(V1Apiextensions.JSON.newBuilder().setRaw(bytes("1"))).build();
    V1Apiextensions.JSONSchemaProps schema = V1Apiextensions.JSONSchemaProps.newBuilder()
        .setType("object").setRef("#/x").setXKubernetesPreserveUnknownFields(false)
        .putProperties("count", count)
        .setAdditionalProperties(V1Apiextensions.JSONSchemaPropsOrBool.newBuilder()
            .setAllows(false))
        .setItems(V1Apiextensions.JSONSchemaPropsOrArray.newBuilder().setSchema(count))
        .addEnum(V1Apiextensions.JSON.newBuilder().setRaw(bytes("\"a\"")))
        .putDependencies("count", V1Apiextensions.JSONSchemaPropsOrStringArray.newBuilder()
            .addProperty("other").build())
        .build();
    V1Apiextensions.CustomResourceDefinition crd =
        V1Apiextensions.CustomResourceDefinition.newBuilder()
            .setMetadata(meta("widgets.example.com"))
            .setSpec(V1Apiextensions.CustomResourceDefinitionSpec.newBuilder()
                .setGroup("example.com").setScope("Namespaced")
                .addVersions(V1Apiextensions.CustomResourceDefinitionVersion.newBuilder()
                    .setName("v1").setServed(true).setStorage(false).setSchema(
                        V1Apiextensions.CustomResourceValidation.newBuilder()
                            .setOpenAPIV3Schema(schema))))
            .build();
    assertEquals(json("{'kind':'CustomResourceDefinition','apiVersion':'apiextensions.k8s.io/v1',"
            + "'metadata':{'name':'widgets.example.com'},'spec':{'group':'example.com',"
            + "'scope':'Namespaced','versions':[{'name':'v1','served':true,'storage':false,"
            + "'schema':{'openAPIV3Schema':{'$ref':'#/x','type':'object','enum':['a'],"
            + "'items':{'type':'integer','default':1,'maximum':2.5,'minimum':0},"
            + "'properties':{'count':{'type':'integer','default':1,'maximum':2.5,'minimum':0}},"
            + "'additionalProperties':false,'dependencies':{'count':['other']},"
            + "'x-kubernetes-preserve-unknown-fields':false}}}]}}"),
        ProtobufCodec.decode(wrap("apiextensions.k8s.io/v1", "CustomResourceDefinition", crd)));
  }
}
