package io.logplane.node.internal.runtime;

import com.sun.jna.Library;
import com.sun.jna.Native;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The kernel calls a pod's start and removal make without starting a process for each, as
 * CRI-O's {@code pinns} and containerd's mount code make them: {@code mount}, {@code umount2},
 * {@code statx} (is a path a mount's root), and, on a thread of its own, {@code unshare},
 * {@code sethostname} and the loopback's flags. A failure throws {@link Failed} with the call,
 * its path and the C library's words for {@code errno}.
 */
final class Kernel {
  static final long MS_NOSUID = 2;
  static final long MS_NODEV = 4;
  static final long MS_NOEXEC = 8;
  static final long MS_BIND = 4096;
  static final int CLONE_NEWUTS = 0x04000000;
  static final int CLONE_NEWIPC = 0x08000000;
  static final int CLONE_NEWNET = 0x40000000;

  private static final int EINVAL = 22;
  private static final int ENOENT = 2;
  private static final int ENOTDIR = 20;
  private static final int EBUSY = 16;
  private static final int UMOUNT_NOFOLLOW = 8;
  private static final int MNT_DETACH = 2;
  private static final int AT_FDCWD = -100;
  private static final int AT_SYMLINK_NOFOLLOW = 0x100;
  private static final int STATX_BASIC_STATS = 0x7ff;
  private static final long STATX_ATTR_MOUNT_ROOT = 0x2000;
  private static final int AF_INET = 2;
  private static final int SOCK_DGRAM = 2;
  private static final int SOCK_CLOEXEC = 0x80000;
  private static final long SIOCGIFFLAGS = 0x8913;
  private static final long SIOCSIFFLAGS = 0x8914;
  private static final short IFF_UP = 1;

  /** A kernel call refused: its name, what it was asked of, and why. */
  static final class Failed extends RuntimeException {
    final int errno;

    Failed(String call, Object what, int errno) {
      super(call + " " + what + ": " + C.strerror(errno));
      this.errno = errno;
    }
  }

  private interface LibC extends Library {
    int mount(String source, String target, String type, long flags, String data);

    int umount2(String target, int flags);

    int statx(int dirfd, String path, int flags, int mask, byte[] buffer);

    int unshare(int flags);

    int sethostname(byte[] name, long length);

    int socket(int domain, int type, int protocol);

    int ioctl(int fd, long request, byte[] argument);

    int close(int fd);

    String strerror(int errno);
  }

  private static final LibC C = Native.load("c", LibC.class);

  private Kernel() {}

  /** {@code mount(2)}: {@code type} with {@code data} (or a bind of {@code source}) on {@code target}. */
  static void mount(String source, Path target, String type, long flags, String data) {
    if (C.mount(source, target.toString(), type, flags, data) != 0) {
      throw new Failed("mount", target, Native.getLastError());
    }
  }

  /**
   * Unmounts what is mounted on top at {@code target}; false when nothing was. A mount that is
   * busy (a file open in it: {@code ip netns list} opens each namespace file it lists) is
   * detached instead, as {@code ip netns delete} and the CNI plugins detach a namespace: gone
   * from the tree at once, freed when its last user closes it.
   */
  static boolean unmount(Path target) {
    int errno = umount2(target, UMOUNT_NOFOLLOW);
    if (errno == EBUSY) {
      errno = umount2(target, UMOUNT_NOFOLLOW | MNT_DETACH);
    }
    if (errno == 0) {
      return true;
    }
    if (errno == EINVAL || errno == ENOENT) {
      return false; // not a mount point, or not there
    }
    throw new Failed("umount", target, errno);
  }

  /** {@code umount2}: 0, or the errno of its failure. */
  private static int umount2(Path target, int flags) {
    return C.umount2(target.toString(), flags) == 0 ? 0 : Native.getLastError();
  }

  /**
   * Whether {@code path} is the root of a mount (what {@code mountpoint} says): a file system
   * mounted there, or a bind of a file or directory; false when it is not there. Symbolic links
   * are not followed.
   */
  static boolean mountRoot(Path path) {
    byte[] statx = new byte[256];
    if (C.statx(AT_FDCWD, path.toString(), AT_SYMLINK_NOFOLLOW, STATX_BASIC_STATS, statx) != 0) {
      int errno = Native.getLastError();
      if (errno == ENOENT || errno == ENOTDIR) {
        return false;
      }
      throw new Failed("statx", path, errno);
    }
    ByteBuffer b = ByteBuffer.wrap(statx).order(ByteOrder.nativeOrder());
    long attributes = b.getLong(8);
    long known = b.getLong(56);
    if ((known & STATX_ATTR_MOUNT_ROOT) == 0) {
      throw new IllegalStateException("this kernel (before 5.8) does not tell mount roots apart");
    }
    return (attributes & STATX_ATTR_MOUNT_ROOT) != 0;
  }

  /**
   * Makes new namespaces ({@code CLONE_NEW*} flags) for the calling thread alone. Only for a
   * thread that ends after its work there: nothing brings it back.
   */
  static void unshare(int flags) {
    if (C.unshare(flags) != 0) {
      throw new Failed("unshare", Integer.toHexString(flags), Native.getLastError());
    }
  }

  /** Sets the host name of the calling thread's UTS namespace. */
  static void sethostname(String name) {
    byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
    if (C.sethostname(bytes, bytes.length) != 0) {
      throw new Failed("sethostname", name, Native.getLastError());
    }
  }

  /** Brings the loopback interface of the calling thread's network namespace up ({@code ip link set lo up}). */
  static void loopbackUp() {
    int fd = C.socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (fd < 0) {
      throw new Failed("socket", "AF_INET", Native.getLastError());
    }
    try {
      byte[] ifreq = new byte[40]; // struct ifreq: the name, then ifr_flags at 16
      ifreq[0] = 'l';
      ifreq[1] = 'o';
      if (C.ioctl(fd, SIOCGIFFLAGS, ifreq) != 0) {
        throw new Failed("ioctl SIOCGIFFLAGS", "lo", Native.getLastError());
      }
      ByteBuffer b = ByteBuffer.wrap(ifreq).order(ByteOrder.nativeOrder());
      b.putShort(16, (short) (b.getShort(16) | IFF_UP));
      if (C.ioctl(fd, SIOCSIFFLAGS, ifreq) != 0) {
        throw new Failed("ioctl SIOCSIFFLAGS", "lo", Native.getLastError());
      }
    } finally {
      C.close(fd);
    }
  }
}
