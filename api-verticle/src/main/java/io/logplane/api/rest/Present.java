package io.logplane.api.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.api.admission.SecretCipher;
import io.logplane.api.conversion.Conversions;
import io.logplane.api.resources.ResourceType;
import io.logplane.projections.Json;

/**
 * Turns a stored object into what a reader gets. Most objects are served as stored, bytes
 * untouched; Secrets are unsealed, custom resources get the requested version's apiVersion, and
 * a version stored as another is converted ({@link Conversions}).
 */
public final class Present {

  private final SecretCipher cipher;

  public Present(SecretCipher cipher) {
    this.cipher = cipher;
  }

  public boolean needsRewrite(ResourceType type) {
    return isSecret(type) || type.modelClass() == null || Conversions.of(type).isPresent();
  }

  static boolean isSecret(ResourceType type) {
    return type.group().isEmpty() && type.resource().equals("secrets");
  }

  /** Answers with a written object, reusing its stored JSON when it can be served as is. */
  public void send(Call call, int code, Writer.Written w) {
    if (w.json() != null && !needsRewrite(call.type())) {
      call.send(code, w.json(), "application/json");
    } else {
      call.send(code, object(call.type(), w.object().deepCopy()));
    }
  }

  /** The served JSON of a stored object. */
  public byte[] bytes(ResourceType type, byte[] stored) {
    return needsRewrite(type) ? Json.bytes(object(type, Json.object(stored))) : stored;
  }

  /** The served form of a stored object (the argument may be modified; pass a copy you own). */
  public ObjectNode object(ResourceType type, ObjectNode stored) {
    if (isSecret(type)) {
      cipher.unseal(stored);
    } else if (type.modelClass() == null) {
      stored.put("apiVersion", type.apiVersion());
    } else {
      return Conversions.fromStorage(type, stored);
    }
    return stored;
  }

  /**
   * What a Table's cells are printed from: the stored form of a converted version, as kube
   * prints every version from its internal one; the served form otherwise.
   */
  public ObjectNode printable(ResourceType type, ObjectNode stored) {
    return Conversions.of(type).isPresent() ? stored : object(type, stored);
  }
}
