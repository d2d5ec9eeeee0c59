/** The controllers of RBAC objects: the aggregation of ClusterRoles. */
package io.logplane.controllers.rbac;
