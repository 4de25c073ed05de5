package io.consulate.dns;

/** How a question arrived; it decides the reply's size limit and how recursors are asked. */
public enum Transport {
  UDP, TCP
}
