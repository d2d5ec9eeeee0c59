package io.logplane.launcher;

import io.logplane.api.admission.SecretCipher;
import io.logplane.api.auth.Pki;
import io.logplane.api.auth.ServiceAccountKey;
import io.logplane.api.auth.Tokens;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * Who the cluster is to its clients and what it seals Secrets with: the CA and serving
 * certificate, the tokens, the service-account signing key and the Secrets' data keys. A server
 * keeps them in its data directory. Servers on one Kafka share one directory of them
 * ({@code --shared-dir}), so that each accepts the same kubeconfig and service-account tokens,
 * presents the same certificate behind one load balancer, and opens the Secrets any of them
 * sealed; several starting at once on an empty one make them once, one after the other under a
 * lock, the others reading what the first made.
 */
record Identity(Pki pki, Tokens tokens, ServiceAccountKey serviceAccountKey, SecretCipher cipher) {

  private static final String LOCK = "identity.lock";

  /**
   * The identity kept in the options' directory, made when missing. A new service-account key (RSA,
   * a few tenths of a second of a cold JVM) is made by a task given to {@code later}, which a server
   * runs once started; one shared with other servers is made at once, under the lock.
   */
  static Identity loadOrCreate(Cluster.Options options, Executor later) {
    Path dir = options.identityDir();
    if (options.sharedDir() == null) {
      return new Identity(Pki.loadOrCreate(dir, List.of()), Tokens.loadOrCreate(dir),
          ServiceAccountKey.loadOrMakeOn(dir, later), SecretCipher.loadOrCreate(dir));
    }
    try {
      if (!Files.isDirectory(dir)) {
        Files.createDirectories(dir,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      }
      try (FileChannel ch = FileChannel.open(dir.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
          FileLock ignored = ch.lock()) {
        return new Identity(Pki.loadOrCreate(dir, List.of()), Tokens.loadOrCreate(dir),
            ServiceAccountKey.loadOrCreate(dir), SecretCipher.loadOrCreate(dir));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the shared directory " + dir, e);
    }
  }
}
