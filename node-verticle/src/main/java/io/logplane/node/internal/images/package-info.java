/**
 * A node's container images: a content-addressed store under the data directory
 * ({@code ImageStore}: blobs by digest, layers unpacked once and shared, each image's root file
 * system built from its layers with OCI whiteouts honoured), filled by pulls over the OCI
 * distribution API ({@code Puller}, {@code RegistryClient}: image indexes resolved for
 * linux/amd64, bearer-token and basic auth, every digest checked) and by imports of
 * docker-archive and OCI-layout tarballs ({@code ArchiveImport}).
 *
 * <p>{@code StoreImageSource} is the node runtime's {@code ImageSource}: pull policies and the
 * kubelet's failure reasons; {@code PullBackOff} its back-off between failed pulls;
 * {@code ImageGc} removes unused images when the disk fills.
 *
 * <p>Everything here blocks (files, HTTP); callers run it off an event loop.
 */
package io.logplane.node.internal.images;
