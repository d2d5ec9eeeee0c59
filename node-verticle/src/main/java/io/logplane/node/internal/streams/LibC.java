package io.logplane.node.internal.streams;

import com.sun.jna.Library;
import com.sun.jna.Native;

/** The C library's calls the node's streams make: pseudo-terminals and conmon's unix sockets. */
interface LibC extends Library {
  LibC C = Native.load("c", LibC.class);

  int posix_openpt(int flags);

  int grantpt(int fd);

  int unlockpt(int fd);

  int ptsname_r(int fd, byte[] buf, long size);

  int open(String path, int flags);

  long read(int fd, byte[] buf, long count);

  long write(int fd, byte[] buf, long count);

  int close(int fd);

  int ioctl(int fd, long request, short[] winsize);

  int tcgetattr(int fd, byte[] termios);

  void cfmakeraw(byte[] termios);

  int tcsetattr(int fd, int actions, byte[] termios);

  int socket(int domain, int type, int protocol);

  int connect(int fd, byte[] address, int length);

  int shutdown(int fd, int how);
}
