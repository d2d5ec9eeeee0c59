/**
 * The node's own server, the kubelet's, that the API server proxies to: {@code NodeServer}
 * serves {@code containerLogs} from the CRI log files the container runtime keeps
 * ({@code ContainerLogs} finds the run to read from the pod's status, {@code LogReader} reads
 * the file, tailing it when following, and the pure {@code LogCopy} over {@code CriLine} decides
 * what of each line is written, as the kubelet's {@code ReadLogs}).
 */
package io.logplane.node.internal.server;
