package io.logplane.api.table;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every built-in kind: its columns (name, then {@code *} for the -o wide ones) and the cells
 * of one representative object, as kubectl shows them against a kube-apiserver.
 */
class KindPrintersTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long NOW = Instant.parse("2026-01-01T01:00:00Z").toEpochMilli();
  private static final String META = "\"metadata\":{\"name\":\"x\",\"creationTimestamp\":\"2026-01-01T00:00:00Z\"}";
  private static final String TEMPLATE = "\"template\":{\"spec\":{\"containers\":[{\"name\":\"a\",\"image\":\"img:1\"},"
      + "{\"name\":\"b\",\"image\":\"img:2\"}]}}";

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "Deployment | Name,Ready,Up-to-date,Available,Age,Containers*,Images*,Selector*"
          + " | {M},\"spec\":{\"replicas\":3,\"selector\":{\"matchLabels\":{\"app\":\"w\"}},{T}},"
          + "\"status\":{\"readyReplicas\":2,\"updatedReplicas\":3,\"availableReplicas\":2}}"
          + " | [\"x\",\"2/3\",3,2,\"60m\",\"a,b\",\"img:1,img:2\",\"app=w\"]",
      "ReplicaSet | Name,Desired,Current,Ready,Age,Containers*,Images*,Selector*"
          + " | {M},\"spec\":{\"replicas\":2,\"selector\":{\"matchExpressions\":[{\"key\":\"a\",\"operator\":\"Exists\"}]},{T}},"
          + "\"status\":{\"replicas\":2,\"readyReplicas\":1}}"
          + " | [\"x\",2,2,1,\"60m\",\"a,b\",\"img:1,img:2\",\"a\"]",
      "ReplicationController | Name,Desired,Current,Ready,Age,Containers*,Images*,Selector*"
          + " | {M},\"spec\":{\"selector\":{\"b\":\"2\",\"a\":\"1\"},{T}}}"
          + " | [\"x\",1,0,0,\"60m\",\"a,b\",\"img:1,img:2\",\"a=1,b=2\"]",
      "StatefulSet | Name,Ready,Age,Containers*,Images* | {M},\"spec\":{\"replicas\":3,{T}},\"status\":{\"readyReplicas\":3}}"
          + " | [\"x\",\"3/3\",\"60m\",\"a,b\",\"img:1,img:2\"]",
      "DaemonSet | Name,Desired,Current,Ready,Up-to-date,Available,Node Selector,Age,Containers*,Images*,Selector*"
          + " | {M},\"spec\":{\"template\":{\"spec\":{\"nodeSelector\":{\"os\":\"linux\"},\"containers\":[]}}},"
          + "\"status\":{\"desiredNumberScheduled\":3,\"currentNumberScheduled\":3,\"numberReady\":2,"
          + "\"updatedNumberScheduled\":3,\"numberAvailable\":2}}"
          + " | [\"x\",3,3,2,3,2,\"os=linux\",\"60m\",\"\",\"\",\"<none>\"]",
      "Job | Name,Completions,Duration,Age,Containers*,Images*,Selector*"
          + " | {M},\"spec\":{\"completions\":3,\"selector\":{\"matchLabels\":{\"j\":\"1\"}},{T}},\"status\":{\"succeeded\":1,"
          + "\"startTime\":\"2026-01-01T00:00:00Z\",\"completionTime\":\"2026-01-01T00:03:02Z\"}}"
          + " | [\"x\",\"1/3\",\"3m2s\",\"60m\",\"a,b\",\"img:1,img:2\",\"j=1\"]",
      "CronJob | Name,Schedule,Timezone,Suspend,Active,Last Schedule,Age,Containers*,Images*,Selector*"
          + " | {M},\"spec\":{\"schedule\":\"*/5 * * * *\",\"suspend\":false,\"jobTemplate\":{\"spec\":{{T}}}},"
          + "\"status\":{\"active\":[{}],\"lastScheduleTime\":\"2026-01-01T00:55:00Z\"}}"
          + " | [\"x\",\"*/5 * * * *\",\"<none>\",\"False\",1,\"5m\",\"60m\",\"a,b\",\"img:1,img:2\",\"<none>\"]",
      "Service | Name,Type,Cluster-IP,External-IP,Port(s),Age,Selector*"
          + " | {M},\"spec\":{\"type\":\"NodePort\",\"clusterIP\":\"10.96.0.10\",\"clusterIPs\":[\"10.96.0.10\"],"
          + "\"ports\":[{\"port\":80,\"nodePort\":30080,\"protocol\":\"TCP\"},{\"port\":53,\"protocol\":\"UDP\"}],"
          + "\"selector\":{\"app\":\"w\"}}}"
          + " | [\"x\",\"NodePort\",\"10.96.0.10\",\"<none>\",\"80:30080/TCP,53/UDP\",\"60m\",\"app=w\"]",
      "Service | Name,Type,Cluster-IP,External-IP,Port(s),Age,Selector*"
          + " | {M},\"spec\":{\"type\":\"LoadBalancer\",\"clusterIPs\":[\"10.96.0.1\"],\"ports\":[]},"
          + "\"status\":{\"loadBalancer\":{}}}"
          + " | [\"x\",\"LoadBalancer\",\"10.96.0.1\",\"<pending>\",\"<none>\",\"60m\",\"<none>\"]",
      "Endpoints | Name,Endpoints,Age"
          + " | {M},\"subsets\":[{\"addresses\":[{\"ip\":\"10.0.0.1\"},{\"ip\":\"10.0.0.2\"},{\"ip\":\"fd00::3\"},"
          + "{\"ip\":\"10.0.0.4\"}],\"ports\":[{\"port\":8080}]}]}"
          + " | [\"x\",\"10.0.0.1:8080,10.0.0.2:8080,[fd00::3]:8080 + 1 more...\",\"60m\"]",
      "EndpointSlice | Name,AddressType,Ports,Endpoints,Age"
          + " | {M},\"addressType\":\"IPv4\",\"ports\":[{\"port\":80},{\"name\":\"x\"}],"
          + "\"endpoints\":[{\"addresses\":[\"10.0.0.1\"]}]}"
          + " | [\"x\",\"IPv4\",\"80,x\",\"10.0.0.1\",\"60m\"]",
      "Ingress | Name,Class,Hosts,Address,Ports,Age"
          + " | {M},\"spec\":{\"ingressClassName\":\"nginx\",\"rules\":[{\"host\":\"a.com\"},{\"host\":\"b.com\"}],"
          + "\"tls\":[{}]},\"status\":{\"loadBalancer\":{\"ingress\":[{\"ip\":\"1.2.3.4\"}]}}}"
          + " | [\"x\",\"nginx\",\"a.com,b.com\",\"1.2.3.4\",\"80, 443\",\"60m\"]",
      "IngressClass | Name,Controller,Parameters,Age"
          + " | {M},\"spec\":{\"controller\":\"k8s.io/ingress-nginx\"}}"
          + " | [\"x\",\"k8s.io/ingress-nginx\",\"<none>\",\"60m\"]",
      "NetworkPolicy | Name,Pod-Selector,Age | {M},\"spec\":{\"podSelector\":{}}} | [\"x\",\"<none>\",\"60m\"]",
      "Namespace | Name,Status,Age | {M},\"status\":{\"phase\":\"Active\"}} | [\"x\",\"Active\",\"60m\"]",
      "Node | Name,Status,Roles,Age,Version,Internal-IP*,External-IP*,OS-Image*,Kernel-Version*,Container-Runtime*"
          + " | \"metadata\":{\"name\":\"x\",\"creationTimestamp\":\"2026-01-01T00:00:00Z\","
          + "\"labels\":{\"node-role.kubernetes.io/control-plane\":\"\",\"kubernetes.io/role\":\"infra\"}},"
          + "\"spec\":{\"unschedulable\":true},\"status\":{\"conditions\":[{\"type\":\"Ready\",\"status\":\"False\"}],"
          + "\"addresses\":[{\"type\":\"InternalIP\",\"address\":\"192.168.1.2\"}],"
          + "\"nodeInfo\":{\"kubeletVersion\":\"v1.28.0\",\"osImage\":\"Debian\"}}}"
          + " | [\"x\",\"NotReady,SchedulingDisabled\",\"control-plane,infra\",\"60m\",\"v1.28.0\",\"192.168.1.2\","
          + "\"<none>\",\"Debian\",\"<unknown>\",\"<unknown>\"]",
      "ConfigMap | Name,Data,Age | {M},\"data\":{\"a\":\"1\"},\"binaryData\":{\"b\":\"AA==\"}} | [\"x\",2,\"60m\"]",
      "Secret | Name,Type,Data,Age | {M},\"type\":\"Opaque\",\"data\":{\"a\":\"MQ==\"}} | [\"x\",\"Opaque\",1,\"60m\"]",
      "ServiceAccount | Name,Secrets,Age | {M}} | [\"x\",0,\"60m\"]",
      "ResourceQuota | Name,Age,Request,Limit"
          + " | {M},\"status\":{\"hard\":{\"pods\":\"10\",\"limits.cpu\":\"2\",\"cpu\":\"1\"},\"used\":{\"pods\":\"3\"}}}"
          + " | [\"x\",\"60m\",\"cpu: 0/1, pods: 3/10\",\"limits.cpu: 0/2\"]",
      "Event | Last Seen,Type,Reason,Object,Subobject*,Source*,Message,First Seen*,Count*,Name*"
          + " | {M},\"involvedObject\":{\"kind\":\"Pod\",\"name\":\"web\",\"fieldPath\":\"spec.containers{c}\"},"
          + "\"reason\":\"Pulled\",\"type\":\"Normal\",\"message\":\" pulled \",\"source\":{\"component\":\"kubelet\","
          + "\"host\":\"n1\"},\"firstTimestamp\":\"2026-01-01T00:50:00Z\",\"lastTimestamp\":\"2026-01-01T00:58:00Z\","
          + "\"count\":4}"
          + " | [\"2m\",\"Normal\",\"Pulled\",\"pod/web\",\"spec.containers{c}\",\"kubelet, n1\",\"pulled\",\"10m\",4,\"x\"]",
      "Event | Last Seen,Type,Reason,Object,Subobject*,Source*,Message,First Seen*,Count*,Name*"
          + " | {M},\"regarding\":{\"kind\":\"Node\",\"name\":\"n1\"},\"reason\":\"Ready\",\"type\":\"Normal\","
          + "\"note\":\"ok\",\"eventTime\":\"2026-01-01T00:59:00.000000Z\",\"reportingController\":\"kubelet\"}"
          + " | [\"60s\",\"Normal\",\"Ready\",\"node/n1\",\"\",\"kubelet\",\"ok\",\"60s\",1,\"x\"]",
      "PersistentVolume | Name,Capacity,Access Modes,Reclaim Policy,Status,Claim,StorageClass,Reason,Age,VolumeMode*"
          + " | {M},\"spec\":{\"capacity\":{\"storage\":\"1Gi\"},\"accessModes\":[\"ReadWriteMany\",\"ReadWriteOnce\"],"
          + "\"persistentVolumeReclaimPolicy\":\"Retain\",\"claimRef\":{\"namespace\":\"ns\",\"name\":\"c\"},"
          + "\"storageClassName\":\"fast\",\"volumeMode\":\"Filesystem\"},\"status\":{\"phase\":\"Bound\"}}"
          + " | [\"x\",\"1Gi\",\"RWO,RWX\",\"Retain\",\"Bound\",\"ns/c\",\"fast\",\"\",\"60m\",\"Filesystem\"]",
      "PersistentVolumeClaim | Name,Status,Volume,Capacity,Access Modes,StorageClass,Age,VolumeMode*"
          + " | {M},\"spec\":{\"volumeName\":\"pv1\",\"storageClassName\":\"fast\"},"
          + "\"status\":{\"phase\":\"Bound\",\"capacity\":{\"storage\":\"1Gi\"},\"accessModes\":[\"ReadWriteOnce\"]}}"
          + " | [\"x\",\"Bound\",\"pv1\",\"1Gi\",\"RWO\",\"fast\",\"60m\",\"<unset>\"]",
      "StorageClass | Name,Provisioner,ReclaimPolicy,VolumeBindingMode,AllowVolumeExpansion,Age"
          + " | \"metadata\":{\"name\":\"x\",\"creationTimestamp\":\"2026-01-01T00:00:00Z\",\"annotations\":"
          + "{\"storageclass.kubernetes.io/is-default-class\":\"true\"}},\"provisioner\":\"local\"}"
          + " | [\"x (default)\",\"local\",\"Delete\",\"Immediate\",false,\"60m\"]",
      "Lease | Name,Holder,Age | {M},\"spec\":{\"holderIdentity\":\"n1\"}} | [\"x\",\"n1\",\"60m\"]",
      "RoleBinding | Name,Role,Age,Users*,Groups*,ServiceAccounts*"
          + " | {M},\"roleRef\":{\"kind\":\"Role\",\"name\":\"r\"},\"subjects\":[{\"kind\":\"User\",\"name\":\"u1\"},"
          + "{\"kind\":\"User\",\"name\":\"u2\"},{\"kind\":\"ServiceAccount\",\"namespace\":\"ns\",\"name\":\"sa\"}]}"
          + " | [\"x\",\"Role/r\",\"60m\",\"u1, u2\",\"\",\"ns/sa\"]",
      "ClusterRoleBinding | Name,Role,Age,Users*,Groups*,ServiceAccounts*"
          + " | {M},\"roleRef\":{\"kind\":\"ClusterRole\",\"name\":\"admin\"},\"subjects\":[{\"kind\":\"Group\","
          + "\"name\":\"g\"}]} | [\"x\",\"ClusterRole/admin\",\"60m\",\"\",\"g\",\"\"]",
      "ControllerRevision | Name,Controller,Revision,Age"
          + " | \"metadata\":{\"name\":\"x\",\"creationTimestamp\":\"2026-01-01T00:00:00Z\",\"ownerReferences\":"
          + "[{\"apiVersion\":\"apps/v1\",\"kind\":\"DaemonSet\",\"name\":\"ds\",\"controller\":true}]},\"revision\":2}"
          + " | [\"x\",\"daemonset.apps/ds\",2,\"60m\"]",
      "PodDisruptionBudget | Name,Min Available,Max Unavailable,Allowed Disruptions,Age"
          + " | {M},\"spec\":{\"minAvailable\":\"50%\"},\"status\":{\"disruptionsAllowed\":1}}"
          + " | [\"x\",\"50%\",\"N/A\",1,\"60m\"]",
      "HorizontalPodAutoscaler | Name,Reference,Targets,MinPods,MaxPods,Replicas,Age"
          + " | {M},\"spec\":{\"scaleTargetRef\":{\"kind\":\"Deployment\",\"name\":\"web\"},\"maxReplicas\":5,"
          + "\"metrics\":[{\"type\":\"Resource\",\"resource\":{\"name\":\"cpu\",\"target\":{\"type\":\"Utilization\","
          + "\"averageUtilization\":80}}}]},\"status\":{\"currentReplicas\":2,\"currentMetrics\":[{\"type\":\"Resource\","
          + "\"resource\":{\"name\":\"cpu\",\"current\":{\"averageUtilization\":35}}}]}}"
          + " | [\"x\",\"Deployment/web\",\"35%/80%\",\"<unset>\",5,2,\"60m\"]",
      "Role | Name,Created At | {M}} | [\"x\",\"2026-01-01T00:00:00Z\"]",
      "ClusterRole | Name,Created At | {M}} | [\"x\",\"2026-01-01T00:00:00Z\"]",
      "CustomResourceDefinition | Name,Created At | {M}} | [\"x\",\"2026-01-01T00:00:00Z\"]",
      "LimitRange | Name,Created At | {M}} | [\"x\",\"2026-01-01T00:00:00Z\"]",
  })
  void printsLikeTheKubeApiserver(String kind, String columns, String object, String cells) throws Exception {
    Printer printer = Tables.printerFor(kind);
    String names = printer.columns().stream()
        .map(c -> c.name() + (c.priority() == 1 ? "*" : ""))
        .collect(Collectors.joining(","));
    assertEquals(columns, names);
    String json = "{" + object.replace("{M}", META).replace("{T}", TEMPLATE);
    List<Object> row = printer.cells(JSON.readTree(json), NOW);
    assertEquals(printer.columns().size(), row.size(), "one cell per column");
    assertEquals(cells, JSON.writeValueAsString(row));
  }
}
