/**
 * The cluster DNS: a verticle answering for Services, endpoints and pods under the cluster
 * domain (CoreDNS's kubernetes plugin's semantics), over UDP and TCP, from the shared informers;
 * and the {@code kube-dns} Service that points pods at it.
 */
package io.logplane.dns;
