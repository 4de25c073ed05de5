package io.consulate.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.consulate.catalog.CatalogException;
import io.consulate.catalog.CatalogTxn;
import io.consulate.catalog.CheckDefinition;
import io.consulate.catalog.HealthCheck;
import io.consulate.catalog.HealthStatus;
import io.consulate.catalog.Node;
import io.consulate.catalog.ServiceInstance;
import io.consulate.catalog.Weights;
import io.consulate.kv.KvException;
import io.consulate.kv.Session;
import io.consulate.kv.Txn;
import io.consulate.kv.TxnOp;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every command survives the log unchanged, and a refusal reaches the submitter as the same failure. */
class CommandCodecTest {
  record Case(String name, Command<?> command) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> commands() {
    Node node = new Node("n1", "id", "10.0.0.1", "dc1", Map.of("lan", "10.0.0.1"), Map.of("rack", "a"), 0, 0);
    ServiceInstance web = new ServiceInstance("n1", "web-1", "web", List.of("v1"), "10.0.0.2", 80, Map.of("m", "1"),
        new Weights(3, 1), true, 0, 0);
    HealthCheck check = new HealthCheck("n1", "c1", "web check", HealthStatus.WARNING, "notes", "out", "web-1", "web",
        List.of("v1"), "tcp", CheckDefinition.NONE, 0, 0);
    byte[] value = "välue".getBytes(StandardCharsets.UTF_8);
    Session session = new Session("s-1", "lock", "n1", 15_000_000_000L, Session.Behavior.DELETE, "10s",
        List.of("serfHealth"), List.of("c1"), 0, 0, 0);
    return Stream.of(
        new Case("catalog: every op", new CatalogCommand(List.of(new CatalogOp.RegisterNode(node),
            new CatalogOp.RegisterService(web, List.of(check), true), new CatalogOp.RegisterCheck(check),
            new CatalogOp.UpdateCheck("n1", "c1", HealthStatus.CRITICAL, "down"), new CatalogOp.Deregister("n1", "web-1", ""),
            new CatalogOp.Register(node, true, null, List.of(check)), new CatalogOp.Register(node, false, web, List.of())))),
        new Case("kv: cas with a binary value", new KvCommand(new TxnOp("cas", "a/b", value, 42, 7, null), 1234)),
        new Case("kv: delete without a value", new KvCommand(new TxnOp("delete", "a/b", null, 0, 0, null), 1)),
        new Case("txn: KV", new TxnCommand(List.of(new TxnCommand.Kv(new TxnOp("set", "k", value, 0, 0, null)),
            new TxnCommand.Kv(new TxnOp("lock", "l", value, 0, 0, "s-1"))), 99)),
        new Case("txn: KV and catalog", new TxnCommand(List.of(new TxnCommand.Kv(new TxnOp("get-or-empty", "k", null, 0, 0, null)),
            new TxnCommand.Catalog(new CatalogTxn.Op(CatalogTxn.Kind.NODE, "cas", node.withIndexes(0, 12))),
            new TxnCommand.Catalog(new CatalogTxn.Op(CatalogTxn.Kind.SERVICE, "set", web)),
            new TxnCommand.Catalog(new CatalogTxn.Op(CatalogTxn.Kind.CHECK, "delete-cas", check.withIndexes(0, 3)))), 100)),
        new Case("event", new EventCommand(new UserEvent("0f3c7d1e-5a2b-4c8d-9e6f-1a2b3c4d5e6f", "deploy", value, "n.*",
            "web", "v1", UserEvent.VERSION, 0))),
        new Case("session: create", new SessionCommand.Create(session, 5)),
        new Case("session: destroy", new SessionCommand.Destroy("s-1", 6)),
        new Case("session: renew", new SessionCommand.Renew("s-1", 7)),
        new Case("housekeeping: reap", new HousekeepingCommand.Reap(8)),
        new Case("housekeeping: barrier", new HousekeepingCommand.Barrier()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("commands")
  void aCommandReadsBackAsWritten(Case c) {
    byte[] wire = CommandCodec.encode(c.command());
    Command<?> back = CommandCodec.decode(wire, 0, wire.length);
    assertEquals(c.command().getClass(), back.getClass());
    assertEquals(c.command().toJson(), back.toJson());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refusals")
  void aRefusalIsRethrownAsTheSameFailure(RuntimeException refusal) {
    byte[] answer = CommandCodec.refusal(refusal, 5, 9);
    RuntimeException back = assertThrows(RuntimeException.class, () -> CommandCodec.read(new HousekeepingCommand.Barrier(), answer));
    assertEquals(refusal.getClass(), back.getClass());
    assertEquals(refusal.getMessage(), back.getMessage());
    if (refusal instanceof Txn.Failed f) assertEquals(f.errors(), ((Txn.Failed) back).errors());
  }

  static Stream<RuntimeException> refusals() {
    return Stream.of(new CatalogException("Unknown node \"x\""), new KvException("Missing node registration"),
        new Txn.Failed(List.of(new Txn.Error(1, "key \"k\" doesn't exist"))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("commands")
  void anEntryOfANewerFormatIsRefusedWithAReason(Case c) {
    byte[] wire = CommandCodec.encode(c.command());
    wire[0] = (byte) (CommandCodec.VERSION + 1);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CommandCodec.decode(wire, 0, wire.length));
    assertEquals(true, e.getMessage().contains("older than the one that wrote it"), e.getMessage());
  }
}
