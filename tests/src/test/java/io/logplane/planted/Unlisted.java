package io.logplane.planted;

/** A planted violation for the architecture test: a class of no listed module. */
public final class Unlisted {}
