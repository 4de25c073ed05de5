package io.consulate.chaos;

/** One violation a checker found: which checker, and what it saw, naming the operations involved. */
record Anomaly(String checker, String detail) {
  @Override
  public String toString() {
    return checker + ": " + detail;
  }
}
