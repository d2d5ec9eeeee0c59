/** The service account controller: a {@code default} ServiceAccount in every namespace. */
package io.logplane.controllers.serviceaccount;
