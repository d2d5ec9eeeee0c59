package io.logplane.node.internal.runtime;

/**
 * A pod's sandbox as its containers need it.
 *
 * @param id      the pod's uid
 * @param ip      the pod's IP on the pod network
 * @param context the namespaces and files the pod's containers join
 */
public record Sandbox(String id, String ip, PodContext context) {}
