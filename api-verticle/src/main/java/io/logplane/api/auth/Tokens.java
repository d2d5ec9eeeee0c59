package io.logplane.api.auth;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Bearer tokens from kube's static token file {@code dir/pki/tokens.csv} (mode 0600), so the
 * same file could be handed to a kube-apiserver as {@code --token-auth-file}.
 *
 * <p>Lookups never compare the presented token with stored ones character by character: the
 * table is keyed by the SHA-256 of each token, so the time a lookup takes depends on the digest
 * of what was presented, which tells an attacker nothing about any stored token; the final
 * equality check is {@link MessageDigest#isEqual}, which is constant time.
 *
 * <p>Keep one instance per data directory in a process: {@link #add} rewrites the file from this
 * instance's table, so a second instance's additions would be lost.
 */
public final class Tokens {

  private static final SecureRandom RANDOM = new SecureRandom();

  private final Path file;
  private final List<TokenCsv.Entry> entries;
  private final Map<String, TokenCsv.Entry> byDigest = new ConcurrentHashMap<>();
  private final String adminToken;

  private Tokens(Path file, List<TokenCsv.Entry> entries) {
    this.file = file;
    this.entries = new ArrayList<>(entries);
    // Later lines win over earlier ones with the same token, as in kube.
    entries.forEach(e -> byDigest.put(digest(e.token()), e));
    this.adminToken = entries.stream()
        .filter(e -> e.user().equals("admin") && e.groups().contains(User.MASTERS))
        .map(TokenCsv.Entry::token).findFirst().orElseThrow();
  }

  /**
   * Loads {@code dir/pki/tokens.csv}, creating it, or adding an admin line to it, when it holds no
   * token for user {@code admin} in group {@code system:masters}.
   *
   * @throws IllegalArgumentException when the file exists but is malformed (with the line)
   */
  public static synchronized Tokens loadOrCreate(Path dir) {
    Path pki = dir.resolve("pki");
    SecureFiles.createPrivateDir(pki);
    Path file = pki.resolve("tokens.csv");
    List<TokenCsv.Entry> entries = new ArrayList<>();
    if (Files.exists(file)) {
      try {
        entries.addAll(TokenCsv.parse(SecureFiles.read(file)));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
      }
    }
    boolean hasAdmin = entries.stream()
        .anyMatch(e -> e.user().equals("admin") && e.groups().contains(User.MASTERS));
    if (!hasAdmin) {
      entries.add(0, new TokenCsv.Entry(newToken(), "admin", "admin", List.of(User.MASTERS)));
      SecureFiles.write(file, TokenCsv.format(entries), true);
    }
    return new Tokens(file, entries);
  }

  /** The user {@code token} belongs to, or empty for an unknown, null or empty token. */
  public Optional<User> lookup(String token) {
    if (token == null || token.isEmpty()) {
      return Optional.empty();
    }
    TokenCsv.Entry e = byDigest.get(digest(token));
    if (e == null || !MessageDigest.isEqual(
        e.token().getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8))) {
      return Optional.empty();
    }
    return Optional.of(new User(e.user(), e.groups()));
  }

  /** The token of user {@code admin}, group {@code system:masters}. */
  public String adminToken() {
    return adminToken;
  }

  /**
   * Creates a token for {@code user} (uid = name), appends it to the file and returns it; it
   * authenticates from now on, in this process and after a reload.
   */
  public synchronized String add(User user) {
    String token = newToken();
    TokenCsv.Entry e = new TokenCsv.Entry(token, user.name(), user.name(), user.groups());
    entries.add(e);
    SecureFiles.write(file, TokenCsv.format(entries), true);
    byDigest.put(digest(token), e);
    return token;
  }

  /** 32 random bytes, base64url without padding: safe in a header, a URL and a CSV field. */
  private static String newToken() {
    byte[] b = new byte[32];
    RANDOM.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  private static String digest(String token) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
      return Base64.getEncoder().encodeToString(d);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JDK", e);
    }
  }
}
