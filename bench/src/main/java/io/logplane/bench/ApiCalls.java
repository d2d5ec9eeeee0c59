package io.logplane.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.logplane.kubeclient.KubeClient;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * The unmeasured calls around the control-plane scenarios: namespaces made and waited for,
 * lists, and deletes waited out. Polls where it waits: none of this is timed as a figure but
 * the deletes', which are waited for on a watch elsewhere. Every failure to reach the server
 * is a {@link BenchException}.
 */
final class ApiCalls {
  private static final Duration POLL = Duration.ofMillis(250);
  /** A delete whose objects are still there after this long is sent again. */
  private static final Duration RESEND = Duration.ofSeconds(15);

  private final KubeClient client;

  ApiCalls(KubeClient client) {
    this.client = client;
  }

  KubeClient.Response send(String method, String path, String json) throws InterruptedException {
    try {
      return client.send(method, path, json);
    } catch (IOException e) {
      throw new BenchException("cannot reach the server: " + e.getMessage(), e);
    }
  }

  /**
   * Creates {@code namespace} and waits (up to 30 s) for its {@code default} service account:
   * kube-apiserver refuses pods in a namespace until the controller-manager made it.
   *
   * @return whether the service account showed up
   */
  boolean namespace(String namespace) throws InterruptedException {
    KubeClient.Response r = send("POST", "/api/v1/namespaces", Json.namespace(namespace));
    if (!r.ok()) {
      throw new BenchException("cannot create namespace " + namespace + ": HTTP " + r.status()
          + " " + r.body());
    }
    String account = "/api/v1/namespaces/" + namespace + "/serviceaccounts/default";
    return await(() -> send("GET", account, null).ok(), Duration.ofSeconds(30));
  }

  /** The items of a list; a failed list is a {@link BenchException}. */
  List<JsonNode> list(String path) throws InterruptedException {
    KubeClient.Response r = send("GET", path, null);
    if (!r.ok()) {
      throw new BenchException("cannot list " + path + ": HTTP " + r.status() + " " + r.body());
    }
    try {
      List<JsonNode> items = new ArrayList<>();
      Json.MAPPER.readTree(r.body()).path("items").forEach(items::add);
      return items;
    } catch (IOException e) {
      throw new BenchException("the list of " + path + " is not JSON", e);
    }
  }

  /**
   * Deletes a collection (or an object) with {@code delete} and waits until the list
   * {@code list} is empty, sending the delete again now and then.
   *
   * @return whether it emptied within {@code timeout}
   */
  boolean deleteAll(String delete, String list, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      try {
        send("DELETE", delete, null);
      } catch (BenchException e) {
        // A collection of thousands outlives the request timeout (kube-apiserver needs more than
        // 30 s for 10,000 pods) and goes on in the server: the listing below tells when it ended.
      }
      long resend = Math.min(deadline, System.nanoTime() + RESEND.toNanos());
      while (System.nanoTime() < resend) {
        if (list(list + (list.contains("?") ? "&" : "?") + "limit=1").isEmpty()) {
          return true;
        }
        LockSupport.parkNanos(POLL.toNanos());
      }
    }
    return false;
  }

  /** Deletes the object at {@code path} and waits until it answers 404. */
  boolean deleteAndAwaitGone(String path, Duration timeout) throws InterruptedException {
    send("DELETE", path, null);
    return await(() -> send("GET", path, null).status() == 404, timeout);
  }

  interface Check {
    boolean ok() throws InterruptedException;
  }

  /** Polls {@code check} until it holds; whether it did within {@code timeout}. */
  static boolean await(Check check, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!check.ok()) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      LockSupport.parkNanos(POLL.toNanos());
      if (Thread.interrupted()) {
        throw new InterruptedException();
      }
    }
    return true;
  }
}
