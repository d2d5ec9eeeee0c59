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
 * The AES-256 keys of the Secrets, one per Secret uid and key generation, a file each (0600) in
 * one directory outside the log: {@code <uid>.key} for generation 1, {@code <uid>.g<n>.key} for
 * generation n after a rotation. Destroying a key overwrites and deletes its file.
 */
final class DataKeys {

  private static final Pattern UID = Pattern.compile("[A-Za-z0-9-]{1,64}");

  private final Path dir;
  private final SecureRandom random = new SecureRandom();
  private final Map<String, SecretKeySpec> cache = new ConcurrentHashMap<>();

  DataKeys(Path dir) {
    this.dir = dir;
  }

  private Path file(String uid, int generation) {
    if (!UID.matcher(uid).matches() || generation < 1) {
      throw new IllegalArgumentException("not a uid and key generation: " + uid + " " + generation);
    }
    return dir.resolve(generation == 1 ? uid + ".key" : uid + ".g" + generation + ".key");
  }

  private static String name(String uid, int generation) {
    return uid + "/" + generation;
  }

  synchronized SecretKeySpec getOrCreate(String uid, int generation) {
    SecretKeySpec k = get(uid, generation);
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
      Files.move(tmp, file(uid, generation), StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the data key of secret " + uid, e);
    }
    k = new SecretKeySpec(raw, "AES");
    cache.put(name(uid, generation), k);
    return k;
  }

  SecretKeySpec get(String uid, int generation) {
    SecretKeySpec k = cache.get(name(uid, generation));
    if (k != null) {
      return k;
    }
    Path f = file(uid, generation);
    try {
      if (!Files.exists(f)) {
        return null;
      }
      k = new SecretKeySpec(Base64.getDecoder().decode(Files.readAllBytes(f)), "AES");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the data key of secret " + uid, e);
    }
    cache.put(name(uid, generation), k);
    return k;
  }

  /** The uids that have a key of any generation. */
  java.util.Set<String> uids() {
    return uids(java.time.Instant.MAX);
  }

  /** The uids that have a key of any generation written before {@code madeBefore}. */
  java.util.Set<String> uids(java.time.Instant madeBefore) {
    java.util.Set<String> out = new java.util.TreeSet<>();
    if (!Files.isDirectory(dir)) {
      return out;
    }
    try (var files = Files.list(dir)) {
      files.filter(p -> p.getFileName().toString().endsWith(".key") && madeBefore(p, madeBefore))
          .map(p -> p.getFileName().toString())
          .forEach(n -> out.add(n.substring(0, n.length() - 4).replaceFirst("\\.g\\d+$", "")));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  private static boolean madeBefore(Path file, java.time.Instant instant) {
    try {
      return Files.getLastModifiedTime(file).toInstant().isBefore(instant);
    } catch (IOException e) {
      return false; // destroyed meanwhile (by another server sharing the directory)
    }
  }

  /** The generations of the keys the Secret {@code uid} has. */
  java.util.SortedSet<Integer> generations(String uid) {
    java.util.SortedSet<Integer> out = new java.util.TreeSet<>();
    if (!Files.isDirectory(dir)) {
      return out;
    }
    try (var files = Files.list(dir)) {
      files.map(p -> p.getFileName().toString()).forEach(n -> {
        if (n.equals(uid + ".key")) {
          out.add(1);
        } else if (n.startsWith(uid + ".g") && n.endsWith(".key")) {
          out.add(Integer.parseInt(n.substring(uid.length() + 2, n.length() - 4)));
        }
      });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  /** Destroys every key of the Secret {@code uid}. */
  synchronized void destroy(String uid) {
    for (int generation : generations(uid)) {
      destroy(uid, generation);
    }
  }

  /** Destroys the Secret's key of one generation. */
  synchronized void destroy(String uid, int generation) {
    cache.remove(name(uid, generation));
    Path f = file(uid, generation);
    try {
      if (Files.exists(f)) {
        Files.write(f, new byte[64]);
        // another server sharing the directory may destroy it at the same time
        Files.deleteIfExists(f);
      }
    } catch (java.nio.file.NoSuchFileException e) {
      // destroyed by another server meanwhile
    } catch (IOException e) {
      throw new UncheckedIOException("cannot destroy the data key of secret " + uid, e);
    }
  }
}
