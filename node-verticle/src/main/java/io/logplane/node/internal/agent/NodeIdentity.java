package io.logplane.node.internal.agent;

import java.util.Map;

/**
 * What a node says about itself when it registers: name, labels, resources, addresses and the
 * software it runs. Capacity and allocatable are the same (no system reservation).
 *
 * @param capacity resource name to quantity ({@code cpu}, {@code memory}, {@code pods})
 * @param podCidr  the pod CIDR it was told to take ({@code --pod-cidr}) when the Node has none yet,
 *                 or null to wait for the one the node IPAM controller assigns
 */
public record NodeIdentity(String name, Map<String, String> labels, Map<String, String> capacity,
    String internalIp, String podCidr, String kubeletVersion, String runtimeVersion,
    String osImage, String kernelVersion) {}
