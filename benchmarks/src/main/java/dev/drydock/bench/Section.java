package dev.drydock.bench;

/** One section of the benchmark report: measures something and returns its Markdown. */
interface Section {

  /** Runs the measurements; returns the section's Markdown (heading, text, tables). */
  String run() throws Exception;
}
