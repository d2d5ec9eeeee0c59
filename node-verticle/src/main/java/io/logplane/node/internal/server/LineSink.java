package io.logplane.node.internal.server;

/** Takes the lines of a CRI log in order, as {@link LogReader} reads them. */
interface LineSink {

  /** One line, with its newline but for an unfinished last one. */
  void line(byte[] raw);

  /** Whether no more lines are wanted. */
  boolean done();
}
