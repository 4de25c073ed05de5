package io.consulate.acl;

import static io.consulate.acl.AccessLevel.DENY;
import static io.consulate.acl.AccessLevel.LIST;
import static io.consulate.acl.AccessLevel.READ;
import static io.consulate.acl.AccessLevel.UNSET;
import static io.consulate.acl.AccessLevel.WRITE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Consul's enforce() table (acl/policy_authorizer.go) and takesPrecedenceOver (acl/policy.go). */
class AccessLevelTest {
  record Case(AccessLevel rule, AccessLevel required, Decision expected) {
    @Override
    public String toString() {
      return rule + " rule, " + required + " needed -> " + expected;
    }
  }

  static Stream<Case> enforce() {
    return Stream.of(
        new Case(WRITE, READ, Decision.ALLOW), new Case(WRITE, LIST, Decision.ALLOW),
        new Case(WRITE, WRITE, Decision.ALLOW),
        new Case(LIST, READ, Decision.ALLOW), new Case(LIST, LIST, Decision.ALLOW),
        new Case(LIST, WRITE, Decision.DENY),
        new Case(READ, READ, Decision.ALLOW), new Case(READ, LIST, Decision.DENY),
        new Case(READ, WRITE, Decision.DENY),
        new Case(DENY, READ, Decision.DENY), new Case(DENY, LIST, Decision.DENY),
        new Case(DENY, WRITE, Decision.DENY),
        new Case(UNSET, READ, Decision.DEFAULT), new Case(UNSET, LIST, Decision.DEFAULT),
        new Case(UNSET, WRITE, Decision.DEFAULT));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void enforce(Case c) {
    assertEquals(c.expected, c.rule.enforce(c.required));
  }

  @Test
  void denyBeatsWriteBeatsListBeatsReadBeatsUnset() {
    List<AccessLevel> strongestFirst = List.of(DENY, WRITE, LIST, READ, UNSET);
    for (int i = 0; i < strongestFirst.size(); i++) {
      for (int j = 0; j < strongestFirst.size(); j++) {
        assertEquals(i < j, strongestFirst.get(i).beats(strongestFirst.get(j)),
            strongestFirst.get(i) + " over " + strongestFirst.get(j));
      }
    }
  }

  @Test
  void policyWordsAreCaseInsensitiveAndOthersUnknown() {
    assertEquals(WRITE, AccessLevel.ofPolicy("Write"));
    assertEquals(LIST, AccessLevel.ofPolicy("LIST"));
    assertEquals(DENY, AccessLevel.ofPolicy("deny"));
    assertNull(AccessLevel.ofPolicy("nope"));
    assertNull(AccessLevel.ofPolicy(""));
  }
}
