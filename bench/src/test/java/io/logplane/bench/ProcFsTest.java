package io.logplane.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Resident memory and the process listening on a port, read from a /proc laid out by the test. */
class ProcFsTest {
  // 17443 is 0x4423; 6443 is 0x192B. Row 2 is an established connection on 17443.
  private static final String TCP = """
        sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
         0: 0100007F:4423 00000000:0000 0A 00000000:00000000 00:00000000 00000000  1000        0 5001 1 0000000000000000 100 0 0 10 0
         1: 00000000:192B 00000000:0000 0A 00000000:00000000 00:00000000 00000000  1000        0 5002 1 0000000000000000 100 0 0 10 0
         2: 0100007F:4423 0100007F:D2B0 01 00000000:00000000 00:00000000 00000000  1000        0 5003 1 0000000000000000 20 4 30 10 -1
      """;
  private static final String TCP6 = """
        sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
         0: 00000000000000000000000000000000:4423 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000  1000        0 6001 1 0000000000000000 100 0 0 10 0
      """;
  private static final String STATUS = "Name:\tjava\nVmPeak:\t 9000000 kB\nVmRSS:\t  812340 kB\n"
      + "RssAnon:\t  700000 kB\n";

  @TempDir Path proc;

  @Test
  void theResidentSetIsVmRss() {
    assertEquals(812340, ProcFs.rssKib(STATUS));
    assertEquals(-1, ProcFs.rssKib("Name:\tkthreadd\nState:\tS (sleeping)\n"));
  }

  @Test
  void listeningSocketsOfAPortByInode() {
    assertEquals(Set.of(5001L), ProcFs.listeningInodes(TCP, 17443));
    assertEquals(Set.of(5002L), ProcFs.listeningInodes(TCP, 6443));
    assertEquals(Set.of(6001L), ProcFs.listeningInodes(TCP6, 17443));
    assertEquals(Set.of(), ProcFs.listeningInodes(TCP, 80));
  }

  private void process(long pid, String name, long rss, String... links) throws Exception {
    Path dir = Files.createDirectories(proc.resolve(Long.toString(pid)).resolve("fd"));
    Files.writeString(dir.getParent().resolve("comm"), name + "\n");
    Files.writeString(dir.getParent().resolve("status"), "Name:\t" + name + "\nVmRSS:\t" + rss
        + " kB\n");
    for (int fd = 0; fd < links.length; fd++) {
      Files.createSymbolicLink(dir.resolve(Integer.toString(fd)), Path.of(links[fd]));
    }
  }

  private void layOut() throws Exception {
    Files.createDirectories(proc.resolve("net"));
    Files.writeString(proc.resolve("net/tcp"), TCP);
    Files.writeString(proc.resolve("net/tcp6"), TCP6);
    process(4100, "java", 1024 * 900, "pipe:[77]", "socket:[5003]", "socket:[5001]");
    process(4200, "kube-apiserver", 1024 * 300, "socket:[5002]");
    process(4300, "bash", 4000, "anon_inode:[eventpoll]");
  }

  @Test
  void theListenerOfAPortIsTheProcessHoldingItsSocket() throws Exception {
    layOut();
    ProcFs fs = new ProcFs(proc);
    assertEquals(Set.of(4100L), fs.listening(17443));
    assertEquals(Set.of(4200L), fs.listening(6443));
    assertEquals(new ProcFs.Process(4100, "java", 1024 * 900), fs.process(4100));
    assertEquals(new ProcFs.Process(99, "?", -1), fs.process(99));
  }

  @Test
  void theMemoryOfALoopbackServerIsItsListenersWithoutPids() throws Exception {
    layOut();
    ServerMemory memory = ServerMemory.of(URI.create("https://127.0.0.1:17443"), List.of(),
        new ProcFs(proc));
    assertTrue(memory.describe().startsWith("java[4100]: the process listening on port 17443"),
        memory.describe());
    Result r = memory.sample("m");
    assertEquals(1, r.ok());
    assertEquals("RSS 900.0 MiB: java[4100] 900.0 MiB", r.note());
  }

  @Test
  void namedProcessesAreSummedAndAGoneOneIsAnError() throws Exception {
    layOut();
    ServerMemory memory = ServerMemory.of(URI.create("https://10.9.8.7:6443"),
        List.of(4100L, 4200L, 99L), new ProcFs(proc));
    Result r = memory.sample("m");
    assertEquals(2, r.ok());
    assertEquals(1, r.errors());
    assertEquals("RSS 1200.0 MiB: java[4100] 900.0 MiB, kube-apiserver[4200] 300.0 MiB", r.note());
  }

  @Test
  void aRemoteServerIsNotMeasuredWithoutPids() throws Exception {
    layOut();
    ServerMemory memory = ServerMemory.of(URI.create("https://192.0.2.1:6443"), List.of(),
        new ProcFs(proc));
    Result r = memory.sample("m");
    assertEquals(0, r.ok());
    assertTrue(r.note().contains("is not this machine (name the server's processes with --pids)"),
        r.note());
  }

  @Test
  void aLocalPortNobodyListensOnSaysSo() throws Exception {
    layOut();
    ServerMemory memory = ServerMemory.of(URI.create("https://localhost:1234"), List.of(),
        new ProcFs(proc));
    assertTrue(memory.describe().contains("no process of this user listens on port 1234"),
        memory.describe());
  }

  @Test
  void theCpuTimeIsUserAndSystemTicksCountedFromTheNamesEnd() {
    // a name with a space and a parenthesis; utime 1500 and stime 250 are fields 14 and 15
    String stat = "4100 (my (java) x) S 1 4100 4100 0 -1 4194560 90000 0 12 0 1500 250 0 0 20 0"
        + " 40 0 123456 9000000000 200000 18446744073709551615\n";
    assertEquals(1750, ProcFs.cpuTicks(stat));
  }
}
