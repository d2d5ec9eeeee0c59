package io.logplane.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The data directory's lock within one process; another process's attempt is OneServerPerDataDirIT's. */
class DataDirLockTest {

  @TempDir Path tmp;

  @Test
  void aHeldDirectoryIsRefusedNamingTheHolderAndFreeAgainAfterClose() throws Exception {
    Path dir = tmp.resolve("data");
    long self = ProcessHandle.current().pid();
    try (DataDirLock held = DataDirLock.acquire(dir)) {
      assertTrue(Files.readString(dir.resolve(DataDirLock.FILE)).startsWith("pid=" + self + "\n"));
      DataDirLock.InUse e = assertThrows(DataDirLock.InUse.class, () -> DataDirLock.acquire(dir));
      assertEquals(self, e.pid());
      assertTrue(e.getMessage().startsWith("the data directory " + dir + " is in use by process " + self),
          e.getMessage());
      // the same directory, named another way
      assertThrows(DataDirLock.InUse.class, () -> DataDirLock.acquire(tmp.resolve("data/../data")));
    }
    DataDirLock.acquire(dir).close();
  }
}
