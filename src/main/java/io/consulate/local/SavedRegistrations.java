package io.consulate.local;

import io.consulate.json.Fields;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * One kind of saved registration (services or checks) with its file IO moved to the agent's IO threads (one
 * per registration id, see {@link AgentIo}), so callers on the event loop only compose stages. An in-memory
 * agent saves nothing.
 */
public final class SavedRegistrations {
  private final RegistrationFiles files;
  private final AgentIo io;

  /** {@code dataDir} null for an in-memory agent. */
  public SavedRegistrations(Path dataDir, String kind, AgentIo io) {
    this.files = dataDir == null ? null : new RegistrationFiles(dataDir.resolve(kind));
    this.io = io;
  }

  CompletionStage<Void> save(String id, JsonObject json) {
    return run(id, () -> files.save(id, json));
  }

  CompletionStage<Void> delete(String id) {
    return run(id, () -> files.delete(id));
  }

  <T> CompletionStage<List<T>> load(Function<Fields, T> decoder) {
    if (files == null) return CompletableFuture.completedFuture(List.of());
    return CompletableFuture.supplyAsync(() -> {
      try {
        return files.load(decoder);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read saved registrations: " + e.getMessage(), e);
      }
    }, io.forKey(""));
  }

  private interface IoAction {
    void run() throws IOException;
  }

  private CompletionStage<Void> run(String id, IoAction action) {
    if (files == null) return CompletableFuture.completedFuture(null);
    return CompletableFuture.runAsync(() -> {
      try {
        action.run();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot save registration in the data dir: " + e.getMessage(), e);
      }
    }, io.forKey(id));
  }
}
