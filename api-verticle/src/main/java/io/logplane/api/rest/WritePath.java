package io.logplane.api.rest;

import io.logplane.api.ApiContext;

/**
 * What the handlers of writes that start from the current object (update, patch) share: the
 * read of that object, admission, the append, and the answer.
 */
record WritePath(ApiContext api, Reads reads, Admission admission, Writer writer, Present present) {}
