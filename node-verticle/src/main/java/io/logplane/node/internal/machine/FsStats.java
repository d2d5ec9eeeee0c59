package io.logplane.node.internal.machine;

import io.logplane.node.internal.runtime.Exec;
import java.nio.file.Path;

/**
 * Size and free space of a file system, in bytes and inodes, as {@code statfs} gives them (and
 * cadvisor reports them): capacity is all blocks, available those an unprivileged user may take.
 */
record FsStats(long capacity, long available, long inodes, long inodesFree) {

  /** The format of {@code stat -f} that prints the fields {@link #parse} reads. */
  static final String FORMAT = "%s %b %a %c %d";

  /** The file system holding {@code path}. */
  static FsStats of(Path path) {
    return parse(Exec.check("stat", "-f", "-c", FORMAT, path.toString()));
  }

  /**
   * {@code stat -f -c '%s %b %a %c %d'}: block size ({@code f_bsize}, the one cadvisor multiplies
   * by), blocks, blocks available to users, inodes, free inodes.
   */
  static FsStats parse(String statOutput) {
    String[] f = statOutput.trim().split("\\s+");
    if (f.length != 5) {
      throw new IllegalStateException("stat -f printed '" + statOutput.trim() + "'");
    }
    long block = Long.parseLong(f[0]);
    return new FsStats(block * Long.parseLong(f[1]), block * Long.parseLong(f[2]),
        Long.parseLong(f[3]), Long.parseLong(f[4]));
  }
}
