package io.consulate.acl;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The ACL token a client sends, chosen as Consul's Go API client chooses it ({@code api.NewClient}): a token file
 * (the flag, else its environment variable) whose trimmed content is not empty wins; otherwise the token (the flag,
 * else the first set environment variable). {@code consul} and {@code consul-template} differ only in names.
 */
public final class ApiToken {
  private ApiToken() {}

  /** Consul's CLI: {@code -token}/{@code CONSUL_HTTP_TOKEN} and {@code -token-file}/{@code CONSUL_HTTP_TOKEN_FILE}. */
  public static String forCli(String token, String tokenFile, Map<String, String> env) throws IOException {
    return resolve(token, tokenFile, env, List.of("CONSUL_HTTP_TOKEN"), List.of("CONSUL_HTTP_TOKEN_FILE"));
  }

  /**
   * The token, or "" for none; {@code tokenEnv} and {@code fileEnv} are read in order when the flag is absent.
   *
   * @throws IOException "Error loading token file: open PATH: no such file or directory", as Go words it
   */
  public static String resolve(String token, String tokenFile, Map<String, String> env, List<String> tokenEnv,
      List<String> fileEnv) throws IOException {
    String file = tokenFile != null ? tokenFile : first(env, fileEnv);
    if (file != null && !file.isEmpty()) {
      String content = read(file).strip();
      if (!content.isEmpty()) return content;
    }
    String t = token != null ? token : first(env, tokenEnv);
    return t == null ? "" : t;
  }

  private static String first(Map<String, String> env, List<String> names) {
    for (String n : names) {
      String v = env.get(n);
      if (v != null && !v.isEmpty()) return v;
    }
    return null;
  }

  private static String read(String file) throws IOException {
    try {
      return Files.readString(Path.of(file), StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new IOException("Error loading token file: open " + file + ": no such file or directory");
    } catch (IOException e) {
      throw new IOException("Error loading token file: open " + file + ": " + e.getMessage());
    }
  }
}
