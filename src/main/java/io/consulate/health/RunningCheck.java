package io.consulate.health;

/** A check the monitor runs; all calls happen on the checks' thread. */
interface RunningCheck {
  void start();

  void stop();
}
