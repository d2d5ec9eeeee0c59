/**
 * The OpenAPI documents a kube-apiserver publishes: the v3 root ({@code /openapi/v3}), one v3
 * document per group-version ({@code /openapi/v3/apis/apps/v1}) and the swagger 2.0 document
 * ({@code /openapi/v2}). kubectl reads them to map a kind to its schema ({@code explain}), to
 * find strategic-merge keys ({@code apply}, {@code diff}) and to learn that the server accepts
 * {@code fieldValidation}. Schemas of built-in kinds are derived from the fabric8 model classes
 * (structure), the Kubernetes protobuf descriptors (Go package names, timestamps, bytes) and
 * the Kubernetes API docs shipped as a resource (descriptions, see {@code KubeDocs}); custom
 * kinds bring their CRD schema. Everything here is pure: {@link io.logplane.api.openapi.OpenApi}
 * returns bytes, the HTTP layer writes them.
 */
package io.logplane.api.openapi;
