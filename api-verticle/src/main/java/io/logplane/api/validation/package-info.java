/**
 * Validation of the built-in kinds as kube-apiserver does it: {@link io.logplane.api.validation.FieldErrors}
 * (field paths, reasons and messages of its {@code field.ErrorList}), one
 * {@link io.logplane.api.validation.KindValidator} per kind found through
 * {@link io.logplane.api.validation.Validators}, and the shared parts (pod specs and templates,
 * quantities, label selectors, names) that several kinds use. Everything here is pure: no state,
 * no I/O; the admission step calls it and turns the errors into a 422.
 */
package io.logplane.api.validation;
