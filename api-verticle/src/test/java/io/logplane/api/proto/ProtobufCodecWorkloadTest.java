package io.logplane.api.proto;

import static io.logplane.api.proto.Envelopes.json;
import static io.logplane.api.proto.Envelopes.meta;
import static io.logplane.api.proto.Envelopes.wrap;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kubernetes.client.proto.IntStr.IntOrString;
import io.kubernetes.client.proto.Meta;
import io.kubernetes.client.proto.Resource.Quantity;
import io.kubernetes.client.proto.V1;
import io.kubernetes.client.proto.V1Apps;
import io.kubernetes.client.proto.V1Batch;
import io.kubernetes.client.proto.V1Rbac;
import org.junit.jupiter.api.Test;

/** Decoding workloads and RBAC objects as `kubectl create deployment|job|role...` sends them. */
class ProtobufCodecWorkloadTest {

  private static V1.PodTemplateSpec.Builder template(V1.Container.Builder container) {
    return V1.PodTemplateSpec.newBuilder()
        .setMetadata(Meta.ObjectMeta.newBuilder().putLabels("app", "web")
            .setCreationTimestamp(Meta.Time.getDefaultInstance()))
        .setSpec(V1.PodSpec.newBuilder().addContainers(container)
            .setHostNetwork(false).setDnsPolicy(""));
  }

  @Test
  void deploymentWithResourcesAndRollingUpdate() throws Exception {
    V1.Container.Builder nginx = V1.Container.newBuilder().setName("nginx").setImage("nginx:1.25")
        .addPorts(V1.ContainerPort.newBuilder().setContainerPort(80).setProtocol("TCP")
            .setHostPort(0).setHostIP(""))
        .setResources(V1.ResourceRequirements.newBuilder()
            .putLimits("cpu", Quantity.newBuilder().setString("500m").build())
            .putLimits("memory", Quantity.newBuilder().setString("128Mi").build()))
        .setStdin(false);
    V1Apps.Deployment d = V1Apps.Deployment.newBuilder()
        .setMetadata(meta("web").setNamespace("demo").putLabels("app", "web"))
        .setSpec(V1Apps.DeploymentSpec.newBuilder()
            .setReplicas(3)
            .setSelector(Meta.LabelSelector.newBuilder().putMatchLabels("app", "web"))
            .setTemplate(template(nginx))
            .setStrategy(V1Apps.DeploymentStrategy.newBuilder().setType("RollingUpdate")
                .setRollingUpdate(V1Apps.RollingUpdateDeployment.newBuilder()
                    .setMaxSurge(IntOrString.newBuilder().setType(1).setStrVal("25%"))
                    .setMaxUnavailable(IntOrString.newBuilder().setType(0).setIntVal(1))))
            .setMinReadySeconds(0)
            .setPaused(false))
        .setStatus(V1Apps.DeploymentStatus.newBuilder())
        .build();
    assertEquals(json("{'kind':'Deployment','apiVersion':'apps/v1','metadata':{'name':'web',"
            + "'namespace':'demo','labels':{'app':'web'}},'spec':{'replicas':3,"
            + "'selector':{'matchLabels':{'app':'web'}},'template':{'metadata':{"
            + "'labels':{'app':'web'},'creationTimestamp':null},'spec':{'containers':[{"
            + "'name':'nginx','image':'nginx:1.25','ports':[{'containerPort':80,'protocol':'TCP'}],"
            + "'resources':{'limits':{'cpu':'500m','memory':'128Mi'}}}]}},"
            + "'strategy':{'type':'RollingUpdate','rollingUpdate':{'maxUnavailable':1,"
            + "'maxSurge':'25%'}}},'status':{}}"),
        ProtobufCodec.decode(wrap("apps/v1", "Deployment", d)));
  }

  @Test
  void zeroReplicasIsKeptBecauseGoUsesAPointer() throws Exception {
    V1Apps.Deployment d = V1Apps.Deployment.newBuilder().setMetadata(meta("idle"))
        .setSpec(V1Apps.DeploymentSpec.newBuilder().setReplicas(0).setMinReadySeconds(0))
        .build();
    assertEquals(json("{'kind':'Deployment','apiVersion':'apps/v1',"
            + "'metadata':{'name':'idle'},'spec':{'replicas':0}}"),
        ProtobufCodec.decode(wrap("apps/v1", "Deployment", d)));
  }

  @Test
  void jobAndCronJob() throws Exception {
    V1.Container.Builder pi = V1.Container.newBuilder().setName("pi").setImage("perl")
        .addCommand("perl").addCommand("-e").addCommand("");
    V1Batch.JobSpec.Builder spec = V1Batch.JobSpec.newBuilder().setBackoffLimit(0)
        .setTemplate(template(pi).setSpec(V1.PodSpec.newBuilder().addContainers(pi)
            .setRestartPolicy("Never")));
    V1Batch.Job job = V1Batch.Job.newBuilder().setMetadata(meta("pi")).setSpec(spec).build();
    assertEquals(json("{'kind':'Job','apiVersion':'batch/v1','metadata':{'name':'pi'},"
            + "'spec':{'backoffLimit':0,'template':{'metadata':{'labels':{'app':'web'},"
            + "'creationTimestamp':null},'spec':{'containers':[{'name':'pi','image':'perl',"
            + "'command':['perl','-e','']}],'restartPolicy':'Never'}}}}"),
        ProtobufCodec.decode(wrap("batch/v1", "Job", job)));

    V1Batch.CronJob cron = V1Batch.CronJob.newBuilder().setMetadata(meta("nightly"))
        .setSpec(V1Batch.CronJobSpec.newBuilder().setSchedule("0 3 * * *").setSuspend(false)
            .setJobTemplate(V1Batch.JobTemplateSpec.newBuilder().setMetadata(meta("nightly"))
                .setSpec(V1Batch.JobSpec.newBuilder())))
        .build();
    assertEquals(json("{'kind':'CronJob','apiVersion':'batch/v1','metadata':{'name':'nightly'},"
            + "'spec':{'schedule':'0 3 * * *','jobTemplate':{'metadata':{'name':'nightly'},"
            + "'spec':{}},'suspend':false}}"),
        ProtobufCodec.decode(wrap("batch/v1", "CronJob", cron)));
  }

  @Test
  void roleAndRoleBinding() throws Exception {
    V1Rbac.Role role = V1Rbac.Role.newBuilder().setMetadata(meta("reader").setNamespace("demo"))
        .addRules(V1Rbac.PolicyRule.newBuilder().addVerbs("get").addVerbs("list")
            .addApiGroups("").addResources("pods"))
        .build();
    assertEquals(json("{'kind':'Role','apiVersion':'rbac.authorization.k8s.io/v1',"
            + "'metadata':{'name':'reader','namespace':'demo'},'rules':[{'verbs':['get','list'],"
            + "'apiGroups':[''],'resources':['pods']}]}"),
        ProtobufCodec.decode(wrap("rbac.authorization.k8s.io/v1", "Role", role)));

    V1Rbac.RoleBinding binding = V1Rbac.RoleBinding.newBuilder()
        .setMetadata(meta("read-pods").setNamespace("demo"))
        .addSubjects(V1Rbac.Subject.newBuilder().setKind("ServiceAccount").setApiGroup("")
            .setName("robot").setNamespace("demo"))
        .setRoleRef(V1Rbac.RoleRef.newBuilder().setApiGroup("rbac.authorization.k8s.io")
            .setKind("Role").setName("reader"))
        .build();
    assertEquals(json("{'kind':'RoleBinding','apiVersion':'rbac.authorization.k8s.io/v1',"
            + "'metadata':{'name':'read-pods','namespace':'demo'},'subjects':[{"
            + "'kind':'ServiceAccount','name':'robot','namespace':'demo'}],'roleRef':{"
            + "'apiGroup':'rbac.authorization.k8s.io','kind':'Role','name':'reader'}}"),
        ProtobufCodec.decode(wrap("rbac.authorization.k8s.io/v1", "RoleBinding", binding)));
  }
}
