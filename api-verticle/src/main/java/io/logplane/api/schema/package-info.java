/** Type metadata of the built-in kinds shared by OpenAPI documents and strategic merge patch. */
package io.logplane.api.schema;
