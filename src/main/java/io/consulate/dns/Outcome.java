package io.consulate.dns;

import org.xbill.DNS.Rcode;

/** How a question ends. The one place that maps outcomes to response codes (Consul: generateResponseFromError). */
public enum Outcome {
  /** Records in the answer section. */
  ANSWER,
  /** The name exists but has no record of the asked type: NOERROR with the SOA (RFC 2308 §2.2). */
  NODATA,
  /** Unknown name, no healthy instance, bad form or foreign datacenter: NXDOMAIN with the SOA. */
  NXDOMAIN,
  /** Not ours: the recursors answer, or REFUSED when there are none. */
  FORWARD,
  /** A header that parses but a body that does not, or not exactly one question. */
  FORMERR,
  /** An opcode other than QUERY, or a zone transfer. */
  NOTIMP,
  /** Every recursor failed, or a bug. */
  SERVFAIL;

  public int rcode() {
    switch (this) {
      case ANSWER:
      case NODATA:
        return Rcode.NOERROR;
      case NXDOMAIN:
        return Rcode.NXDOMAIN;
      case FORWARD: // only rendered when no recursor is configured
        return Rcode.REFUSED;
      case FORMERR:
        return Rcode.FORMERR;
      case NOTIMP:
        return Rcode.NOTIMP;
      default:
        return Rcode.SERVFAIL;
    }
  }
}
