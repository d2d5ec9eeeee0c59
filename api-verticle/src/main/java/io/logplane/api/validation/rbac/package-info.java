/** Validation of the RBAC kinds: the rules of Roles and ClusterRoles, the references of bindings. */
package io.logplane.api.validation.rbac;
