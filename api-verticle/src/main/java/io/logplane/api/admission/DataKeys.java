package io.logplane.api.admission;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import javax.crypto.spec.SecretKeySpec;

/**
 * One AES-256 key per Secret uid, a file each (0600) in one directory outside the log.
 * Destroying a key overwrites and deletes its file.
 */
final class DataKeys {

  private static final Pattern UID = Pattern.compile("[A-Za-z0-9-]{1,64}");

  private final Path dir;
  private final SecureRandom random = new SecureRandom();
  private final Map<String, SecretKeySpec> cache = new ConcurrentHashMap<>();

  DataKeys(Path dir) {
    this.dir = dir;
  }

  private Path file(String uid) {
    if (!UID.matcher(uid).matches()) {
      throw new IllegalArgumentException("not a uid: " + uid);
    }
    return dir.resolve(uid + ".key");
  }

  synchronized SecretKeySpec getOrCreate(String uid) {
    SecretKeySpec k = get(uid);
    if (k != null) {
      return k;
    }
    byte[] raw = new byte[32];
    random.nextBytes(raw);
    try {
      Files.createDirectories(dir);
      Path tmp = Files.createTempFile(dir, "key", ".tmp",
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.write(tmp, Base64.getEncoder().encode(raw));
      Files.move(tmp, file(uid), StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the data key of secret " + uid, e);
    }
    k = new SecretKeySpec(raw, "AES");
    cache.put(uid, k);
    return k;
  }

  SecretKeySpec get(String uid) {
    SecretKeySpec k = cache.get(uid);
    if (k != null) {
      return k;
    }
    Path f = file(uid);
    try {
      if (!Files.exists(f)) {
        return null;
      }
      k = new SecretKeySpec(Base64.getDecoder().decode(Files.readAllBytes(f)), "AES");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the data key of secret " + uid, e);
    }
    cache.put(uid, k);
    return k;
  }

  java.util.Set<String> uids() {
    java.util.Set<String> out = new java.util.TreeSet<>();
    if (!Files.isDirectory(dir)) {
      return out;
    }
    try (var files = Files.list(dir)) {
      files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".key"))
          .forEach(n -> out.add(n.substring(0, n.length() - 4)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  synchronized void destroy(String uid) {
    cache.remove(uid);
    Path f = file(uid);
    try {
      if (Files.exists(f)) {
        Files.write(f, new byte[64]);
        Files.delete(f);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot destroy the data key of secret " + uid, e);
    }
  }
}
