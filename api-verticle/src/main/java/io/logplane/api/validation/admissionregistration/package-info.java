/**
 * The validation of admissionregistration.k8s.io's ValidatingAdmissionPolicy and
 * ValidatingAdmissionPolicyBinding, as kube's {@code pkg/apis/admissionregistration/validation}.
 */
package io.logplane.api.validation.admissionregistration;
