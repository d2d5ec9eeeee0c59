/**
 * Server-side printing: the {@code meta.k8s.io/v1 Table} a kube-apiserver answers to
 * {@code Accept: application/json;as=Table;v=v1;g=meta.k8s.io}, which is what {@code kubectl get}
 * asks for. Columns and cell logic follow the kube-apiserver's printers kind by kind; custom
 * resources print their CRD's {@code additionalPrinterColumns}. Pure: the clock comes in as a
 * parameter.
 */
package io.logplane.api.table;
