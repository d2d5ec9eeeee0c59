/**
 * The one HTTPS client the end-to-end tests speak to the API with, below any Kubernetes client
 * library: requests as a kubeconfig's user (bearer token or client certificate), answers as
 * status, headers and bytes, and watches over a WebSocket.
 */
package io.logplane.tests.http;
