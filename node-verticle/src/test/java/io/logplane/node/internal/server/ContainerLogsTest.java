package io.logplane.node.internal.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContainerLogsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path dir;
  private LogFiles files;

  @BeforeEach
  void files() throws IOException {
    files = new LogFiles() {
      @Override
      public Path logPath(JsonNode pod, String name, int attempt) {
        return dir.resolve(name).resolve(attempt + ".log");
      }

      @Override
      public boolean running(String id) {
        return false;
      }
    };
    for (String f : new String[] {"a/0.log", "a/1.log", "init/0.log"}) {
      Files.createDirectories(dir.resolve(f).getParent());
      Files.writeString(dir.resolve(f), "");
    }
  }

  private static JsonNode pod(String statuses) throws IOException {
    return JSON.readTree(("{'metadata':{'name':'p','uid':'u'},'spec':{'initContainers':[{'name':'init'}],"
        + "'containers':[{'name':'a'},{'name':'b'}]},'status':" + statuses + "}").replace('\'', '"'));
  }

  private ContainerLogs.Target find(JsonNode pod, String container, boolean previous) throws Refused {
    return ContainerLogs.find(pod, "p", container, previous, files);
  }

  private String refused(JsonNode pod, String container, boolean previous) {
    Refused r = assertThrows(Refused.class, () -> find(pod, container, previous));
    return r.code() + " " + r.getMessage();
  }

  @Test
  void readsTheRunningRunAndWithPreviousTheOneBefore() throws Exception {
    JsonNode pod = pod("{'containerStatuses':[{'name':'a','state':{'running':{}},'containerID':'runc://u.a.1',"
        + "'lastState':{'terminated':{'exitCode':1,'containerID':'runc://u.a.0'}}}],"
        + "'initContainerStatuses':[{'name':'init','state':{'terminated':{'containerID':'runc://u.init.0'}}}]}");
    assertEquals(new ContainerLogs.Target(dir.resolve("a/1.log"), "u.a.1"), find(pod, "a", false));
    assertEquals(new ContainerLogs.Target(dir.resolve("a/0.log"), "u.a.0"), find(pod, "a", true));
    assertEquals(dir.resolve("init/0.log"), find(pod, "init", false).file());
  }

  @Test
  void refusesAsTheKubeletWordsIt() throws Exception {
    assertEquals("404 pod \"p\" does not exist", refused(null, "a", false));
    JsonNode pod = pod("{'containerStatuses':[{'name':'a','state':{'running':{}},'containerID':'runc://u.a.0'},"
        + "{'name':'b','state':{'waiting':{'reason':'ErrImagePull'}}}]}");
    assertEquals("404 container \"c\" not found in pod \"p\"", refused(pod, "c", false));
    assertEquals("400 previous terminated container \"a\" in pod \"p\" not found", refused(pod, "a", true));
    assertEquals("400 container \"b\" in pod \"p\" is waiting to start: image can't be pulled",
        refused(pod, "b", false));
    assertEquals("400 container \"init\" in pod \"p\" is not available", refused(pod, "init", false));
    JsonNode creating = pod("{'containerStatuses':[{'name':'a','state':{'waiting':{'reason':'ContainerCreating'}}}]}");
    assertEquals("400 container \"a\" in pod \"p\" is waiting to start: ContainerCreating",
        refused(creating, "a", false));
    JsonNode gone = pod("{'containerStatuses':[{'name':'a','state':{'running':{}},'containerID':'runc://u.a.7'}]}");
    Path missing = dir.resolve("a/7.log");
    assertEquals("400 failed to try resolving symlinks in path \"" + missing + "\": lstat " + missing
        + ": no such file or directory", refused(gone, "a", false));
  }

  @Test
  void aWaitingRunAfterAnEndedOneReadsTheEndedOne() throws Exception {
    JsonNode pod = pod("{'containerStatuses':[{'name':'a','state':{'waiting':{'reason':'CrashLoopBackOff'}},"
        + "'lastState':{'terminated':{'exitCode':1,'containerID':'runc://u.a.1'}}}]}");
    assertEquals(dir.resolve("a/1.log"), find(pod, "a", false).file());
    assertEquals(dir.resolve("a/1.log"), find(pod, "a", true).file());
  }

  @Test
  void anEndedRunTheStatusDoesNotNameIsTheLatestWhenWaitingElseTheOneBefore() throws Exception {
    JsonNode running = pod("{'containerStatuses':[{'name':'a','state':{'running':{}},'containerID':'runc://u.a.1',"
        + "'lastState':{'terminated':{'exitCode':1}}}]}");
    assertEquals(dir.resolve("a/0.log"), find(running, "a", true).file());
    assertEquals(dir.resolve("a/1.log"), find(running, "a", false).file());
    JsonNode waiting = pod("{'containerStatuses':[{'name':'a','state':{'waiting':{'reason':'CrashLoopBackOff'}},"
        + "'containerID':'runc://u.a.1','lastState':{'terminated':{'exitCode':1}}}]}");
    assertEquals(dir.resolve("a/1.log"), find(waiting, "a", true).file());
    assertEquals(dir.resolve("a/1.log"), find(waiting, "a", false).file());
    JsonNode ended = pod("{'containerStatuses':[{'name':'a','state':{'terminated':{'exitCode':0}},"
        + "'containerID':'runc://u.a.0','lastState':{}}]}");
    assertEquals(dir.resolve("a/0.log"), find(ended, "a", false).file());
    assertEquals("400 previous terminated container \"a\" in pod \"p\" not found", refused(ended, "a", true));
  }
}
