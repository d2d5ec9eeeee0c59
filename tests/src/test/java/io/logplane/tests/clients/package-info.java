/**
 * End-to-end tests of Logplane with real clients over real sockets: the fabric8 Kubernetes
 * client (CRUD, informers, watches), raw WebSocket watches, a separate server process killed
 * with SIGKILL and restarted, a second server refused on a data directory in use, and the
 * rebuild of the state from the log alone.
 */
package io.logplane.tests.clients;
