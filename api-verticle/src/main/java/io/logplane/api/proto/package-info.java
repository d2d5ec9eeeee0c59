/**
 * Kubernetes protobuf bodies ({@code application/vnd.kubernetes.protobuf}).
 *
 * <p>kubectl's typed clients (e.g. {@code kubectl create namespace}) send request bodies as a
 * {@code k8s\0}-prefixed {@code runtime.Unknown} envelope whose {@code raw} bytes are the
 * object's protobuf message. {@link io.logplane.api.proto.ProtobufCodec} turns such a body into
 * the JSON object a JSON client would have sent (and back), walking the protobuf descriptors of
 * the generated {@code io.kubernetes.client.proto} classes; everything else in the server keeps
 * handling objects as JSON.
 */
package io.logplane.api.proto;
