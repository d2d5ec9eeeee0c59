package io.logplane.node.internal.agent;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/** One pod of a node, as {@link PodWorkers} tracks it between syncs. */
final class PodWorker {
  final String key;
  final String uid;
  final Instant start;
  final String ip;
  JsonNode pod;
  /** When its containers change by themselves next; null when only the API changes it. */
  Instant next;
  /** When the node stopped its containers, the pod being deleted. */
  Instant stopAt;
  /** The status last written, to tell a server's form of it from a change. */
  JsonNode written;
  boolean busy;
  boolean again;
  boolean deleteSent;
  /** The FailedMount message last recorded. */
  String failedMount;

  PodWorker(String key, String uid, JsonNode pod, Instant start, String ip) {
    this.key = key;
    this.uid = uid;
    this.pod = pod;
    this.start = start;
    this.ip = ip;
  }
}
