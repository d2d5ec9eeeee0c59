/**
 * The {@code kubernetes} Service of {@code default} and its endpoints, as kube-apiserver's
 * bootstrap controller and endpoint reconciler keep them: how pods reach the API server.
 */
package io.logplane.controllers.apiservice;
