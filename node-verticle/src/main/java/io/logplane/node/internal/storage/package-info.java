/**
 * The node's local-path provisioner: claims of the {@code local-path} class scheduled to a node
 * get a directory on that node and a PersistentVolume pinned to it; the directory goes with the
 * volume once released.
 */
package io.logplane.node.internal.storage;
