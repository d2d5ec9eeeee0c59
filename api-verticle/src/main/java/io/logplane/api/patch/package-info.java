/**
 * The PATCH verbs of the Kubernetes API as pure functions over Jackson trees.
 *
 * <p>{@link io.logplane.api.patch.Patches#apply} handles JSON patch (RFC 6902, via zjsonpatch),
 * merge patch (RFC 7386) and strategic merge patch (apimachinery's {@code strategicpatch}, driven
 * by the fabric8 model class of the kind and {@code io.logplane.api.schema.PatchMeta}).
 * {@link io.logplane.api.patch.ServerSideApply} implements server-side apply and the
 * {@code metadata.managedFields} bookkeeping of every write (structured-merge-diff's field sets,
 * in the FieldsV1 encoding kube serves).
 *
 * <p>Failures are {@link io.logplane.api.patch.PatchException}s carrying kube's HTTP code: 400
 * for undecodable bodies and malformed directives, 422 when JSON patch operations do not apply,
 * 409 for apply conflicts, 413 past 10000 JSON patch operations. Where kube answers 500 for a
 * malformed strategic patch (e.g. an item without its merge key, an unknown {@code $patch}
 * value) this package answers 400, the client being at fault. Kube refuses strategic merge
 * patches on custom resources (415); here they behave as merge patches for lists, and the API
 * layer may refuse them instead.
 */
package io.logplane.api.patch;
