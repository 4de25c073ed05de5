package io.consulate.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Which format a write may use while the members run different versions (a rolling upgrade). */
class ProtocolGateTest {
  /** A member record exactly as Consulate 0.1.0 wrote it: no {@code vsn}. */
  private static final String OLD_RECORD = "{\"name\":\"n2\",\"id\":\"x\",\"addr\":\"127.0.0.12\",\"port\":8301,"
      + "\"server\":\"127.0.0.12:8300\",\"dc\":\"dc1\",\"status\":1,\"since\":5,\"role\":\"server\",\"link\":\"\"}";

  private static Member member(String name, int status, int protocol) {
    return new Member(name, "id-" + name, "127.0.0.1", 8301, "127.0.0.1:8300", "dc1", status, 0, true, "", protocol, 0);
  }

  @Test
  void aRecordWithoutAVersionIsProtocol2AndKeepsItsFieldsThroughARoundTrip() {
    Member old = Member.decode(OLD_RECORD);
    assertEquals(2, old.protocol());
    assertEquals(old, Member.decode(old.encode()));
    Member current = member("n1", Member.ALIVE, 3);
    assertEquals(current, Member.decode(current.withLink("").encode()));
  }

  @Test
  void aProtocol3WriteWaitsForEveryMemberThatHasNotLeft() {
    ProtocolGate mixed = new ProtocolGate(3, () -> List.of(member("n1", Member.ALIVE, 3), Member.decode(OLD_RECORD)));
    assertNull(mixed.refusal(2));
    assertEquals("this write needs protocol 3 on every agent, and n2 speaks protocol 2: finish the upgrade first "
        + "(and restart agents started with -protocol 2 without it)", mixed.refusal(3));

    ProtocolGate failedOld = new ProtocolGate(3, () -> List.of(member("n1", Member.ALIVE, 3), member("n2", Member.FAILED, 2)));
    assertEquals(failedOld.refusal(3).substring(0, 55), "this write needs protocol 3 on every agent, and n2 spea");

    ProtocolGate leftOld = new ProtocolGate(3, () -> List.of(member("n1", Member.ALIVE, 3), member("n2", Member.LEFT, 2)));
    assertNull(leftOld.refusal(3));
  }

  @Test
  void thisAgentsOwnProtocolFlagHoldsItBack() {
    ProtocolGate asked = new ProtocolGate(2, () -> List.of(member("n1", Member.ALIVE, 2)));
    assertNull(asked.refusal(2));
    assertEquals("this write needs protocol 3, and this agent runs with -protocol 2: restart it without -protocol "
        + "once every agent runs this version", asked.refusal(3));
  }
}
