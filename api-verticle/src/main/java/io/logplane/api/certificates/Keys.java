package io.logplane.api.certificates;

import java.security.Key;
import java.security.interfaces.ECKey;

/** The signature algorithm Go's x509 picks for a signing key: SHA-256 but for larger EC curves. */
final class Keys {

  private Keys() {}

  static String signatureAlgorithm(Key key) {
    return switch (key.getAlgorithm()) {
      case "EC" -> {
        int bits = key instanceof ECKey ec ? ec.getParams().getCurve().getField().getFieldSize() : 256;
        yield bits > 384 ? "SHA512withECDSA" : bits > 256 ? "SHA384withECDSA" : "SHA256withECDSA";
      }
      case "RSA" -> "SHA256withRSA";
      case "EdDSA", "Ed25519" -> "Ed25519";
      default -> throw new IllegalArgumentException("unsupported key algorithm " + key.getAlgorithm());
    };
  }
}
