package io.logplane.node.internal.machine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.logplane.node.internal.agent.NodeFacts;
import io.logplane.node.internal.agent.NodeFacts.Address;
import io.logplane.node.internal.agent.NodeFacts.NodeInfo;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A machine's facts read from a fixture tree, in the form the kubelet reports them. */
class MachineFactsTest {
  /** 100Gi, half of it free; 6553600 inodes, most free. */
  private static final FsStats DISK = FsStats.parse("4096 26214400 13107200 6553600 6000000\n");

  @Test
  void capacityIsTheMachinesAndAllocatableKeepsBackTheHardEvictionThresholds() {
    NodeFacts f = facts();
    assertEquals(List.of("cpu", "ephemeral-storage", "hugepages-1Gi", "hugepages-2Mi", "memory", "pods"),
        List.copyOf(f.capacity().keySet()), "in the order the API sorts resource names");
    assertEquals(Map.of("cpu", "8", "ephemeral-storage", "100Gi", "hugepages-1Gi", "0",
        "hugepages-2Mi", "4Mi", "memory", "16009Mi", "pods", "110"), f.capacity());
    // memory: 16009Mi - 100Mi - the 4Mi of huge pages; storage: 100Gi less 10% taken as kube's
    // float32 share (int64(107374182400 * float64(float32(0.1))) = 10737418400, not ...240)
    assertEquals(Map.of("cpu", "8", "ephemeral-storage", "96636764000", "hugepages-1Gi", "0",
        "hugepages-2Mi", "4Mi", "memory", "15905Mi", "pods", "110"), f.allocatable());
  }

  @Test
  void nodeInfoAndAddressesComeFromTheMachinesFiles() {
    NodeFacts f = facts();
    assertEquals(new NodeInfo("3d1219c7c4c5404aaa1f6d2a48adfda4",
        "9cec38ee-38c3-4aff-a676-3495559f6af7", "0f6b1b7e-2c1a-4b8e-9d3f-5a7c9e1d2b40",
        "6.1.0-18-amd64", "Debian GNU/Linux 12 (bookworm)", "runc://1.1.5", "v1.28.7-logplane",
        "v1.28.7-logplane"), f.nodeInfo());
    assertEquals(List.of(new Address("InternalIP", "192.168.1.20"), new Address("Hostname", "worker-1")),
        f.addresses());
  }

  @Test
  void aMachineWithRoomReportsNoPressureAndReady() {
    assertEquals(List.of(NodeFacts.SUFFICIENT_MEMORY, NodeFacts.NO_DISK_PRESSURE,
        NodeFacts.SUFFICIENT_PID, NodeFacts.READY), facts().conditions());
  }

  @Test
  void aMachineWithoutAReadableProductUuidReportsNone() {
    NodeFacts f = new MachineFacts(Fixtures.host("bare"), Path.of("/data"), "runc://1.1.5",
        "127.0.0.1", "n", p -> DISK).read();
    assertEquals("", f.nodeInfo().systemUUID());
    assertEquals("Linux", f.nodeInfo().osImage(), "no os-release");
    assertEquals(List.of("cpu", "ephemeral-storage", "memory", "pods"), List.copyOf(f.capacity().keySet()),
        "a kernel without huge pages reports none");
  }

  private static NodeFacts facts() {
    return new MachineFacts(Fixtures.host("host"), Path.of("/data"), "runc://1.1.5",
        "192.168.1.20", "worker-1", p -> {
          assertEquals(Path.of("/data"), p, "the data directory's file system is the node's");
          return DISK;
        }).read();
  }
}
