package io.logplane.api.auth;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * The key service-account tokens are signed with: a 2048-bit RSA key kept as PKCS#8 PEM in
 * {@code dir/pki/sa.key} (mode 0600), made on first start, as kubeadm keeps kube-apiserver's
 * {@code --service-account-signing-key-file}. Its key id is kube's: the unpadded base64url of the
 * SHA-256 of the public key's DER (PKIX) encoding, so a verifier that knows kube's key ids finds
 * this key by the same id.
 *
 * <p>Every API server verifying a token must hold the same key: servers of one cluster that
 * keep their own data directories must be given the same {@code sa.key}.
 */
public final class ServiceAccountKey {

  private static final int BITS = 2048;

  /** The key pair as a JWK, once made. */
  private final CompletableFuture<RSAKey> jwk;

  private ServiceAccountKey(CompletableFuture<RSAKey> jwk) {
    this.jwk = jwk;
  }

  private ServiceAccountKey(RSAPrivateCrtKey key) {
    this(CompletableFuture.completedFuture(jwk(key)));
  }

  private static RSAKey jwk(RSAPrivateCrtKey key) {
    try {
      RSAPublicKey pub = (RSAPublicKey) KeyFactory.getInstance("RSA")
          .generatePublic(new RSAPublicKeySpec(key.getModulus(), key.getPublicExponent()));
      return new RSAKey.Builder(pub).privateKey(key).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256)
          .keyID(keyId(pub)).build();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("RSA is required of every JDK", e);
    }
  }

  /**
   * As {@link #loadOrCreate}, but a key still to be made is made by a task given to {@code
   * executor}: a new RSA key is a few tenths of a second of a cold JVM, which a server's start need
   * not wait for. Until it is made, the key has signed nothing, so it verifies no token; signing
   * waits for it.
   */
  public static ServiceAccountKey loadOrMakeOn(Path dir, Executor executor) {
    if (Files.exists(file(dir))) {
      return loadOrCreate(dir);
    }
    return new ServiceAccountKey(CompletableFuture.supplyAsync(() -> loadOrCreate(dir).jwk.join(), executor));
  }

  private static Path file(Path dir) {
    return dir.resolve("pki").resolve("sa.key");
  }

  /** Whether the key is made (and not failed to be). */
  boolean made() {
    return jwk.isDone() && !jwk.isCompletedExceptionally();
  }

  /**
   * Loads {@code dir/pki/sa.key}, creating it when absent.
   *
   * @throws IllegalArgumentException when the file holds no RSA private key
   */
  public static synchronized ServiceAccountKey loadOrCreate(Path dir) {
    Path file = file(dir);
    SecureFiles.createPrivateDir(file.getParent());
    if (Files.exists(file)) {
      try {
        PrivateKey key = Pem.parsePrivateKey(SecureFiles.read(file));
        if (!(key instanceof RSAPrivateCrtKey rsa)) {
          throw new IllegalArgumentException(file + ": not an RSA private key (" + key.getAlgorithm() + ")");
        }
        return new ServiceAccountKey(rsa);
      } catch (IOException e) {
        throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
      }
    }
    RSAPrivateCrtKey key = generate();
    SecureFiles.write(file, Pem.privateKey(key), true);
    return new ServiceAccountKey(key);
  }

  /** A key kept in memory only: its tokens die with the process (a replay server's). */
  public static ServiceAccountKey ephemeral() {
    return new ServiceAccountKey(generate());
  }

  private static RSAPrivateCrtKey generate() {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
      g.initialize(BITS);
      return (RSAPrivateCrtKey) g.generateKeyPair().getPrivate();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("RSA is required of every JDK", e);
    }
  }

  /** kube's keyIDFromPublicKey. */
  static String keyId(RSAPublicKey key) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getEncoded());
      return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 is required of every JDK", e);
    }
  }

  /** The key pair as a JWK, private part included: for signing and verifying only. */
  RSAKey signingKey() {
    return jwk.join();
  }

  /** The public key as a JWK ({@code kid}, {@code use: sig}, {@code alg: RS256}), safe to publish. */
  public RSAKey publicJwk() {
    return jwk.join().toPublicJWK();
  }

  /** The key id. */
  public String keyId() {
    return jwk.join().getKeyID();
  }
}
