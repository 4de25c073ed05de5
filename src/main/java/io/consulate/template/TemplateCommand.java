package io.consulate.template;

import io.consulate.acl.ApiToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code consulate template}: consul-template's command line for the flags real deployments use. */
@Command(name = "template", mixinStandardHelpOptions = true,
    description = "Render templates from the registry and KV store, re-rendering when the data changes (like consul-template).")
public final class TemplateCommand implements Callable<Integer> {
  @Option(names = {"-consul-addr", "-consul"}, paramLabel = "HOST:PORT",
      description = "The agent's HTTP address (default: $CONSUL_HTTP_ADDR or 127.0.0.1:8500); -consul is consul-template's older spelling.")
  String consulAddr;

  @Option(names = "-consul-token", paramLabel = "TOKEN",
      description = "The ACL token sent with every request (default: $CONSUL_TOKEN, else $CONSUL_HTTP_TOKEN).")
  String consulToken;

  @Option(names = "-consul-token-file", paramLabel = "FILE",
      description = "A file holding the ACL token; its content wins over -consul-token (default: $CONSUL_HTTP_TOKEN_FILE).")
  String consulTokenFile;

  @Option(names = "-template", paramLabel = "IN:OUT[:CMD]", required = true,
      description = "Template source, destination file and an optional command to run after it changes; repeatable.")
  List<String> templates = new ArrayList<>();

  @Option(names = "-once", description = "Render every template once, run the commands, and exit.")
  boolean once;

  @Option(names = "-wait", paramLabel = "MIN[:MAX]",
      description = "Render only after the data has been stable for MIN, but at most MAX (default 4*MIN) after a change.")
  String waitSpec;

  @Override
  public Integer call() throws InterruptedException {
    List<TemplateSpec> specs = new ArrayList<>();
    for (String t : templates) specs.add(TemplateSpec.parse(t));
    Quiescence wait = waitSpec == null ? Runner.noWait() : Quiescence.parse(waitSpec);
    String addr = consulAddr != null ? consulAddr : System.getenv().getOrDefault("CONSUL_HTTP_ADDR", "127.0.0.1:8500");
    String token;
    try {
      token = ApiToken.resolve(consulToken, consulTokenFile, System.getenv(), List.of("CONSUL_TOKEN", "CONSUL_HTTP_TOKEN"),
          List.of("CONSUL_HTTP_TOKEN_FILE"));
    } catch (IOException e) {
      System.err.println(e.getMessage());
      return 1;
    }
    return new Runner(new ConsulClient(addr, token), once, wait, System.getenv()).run(specs);
  }
}
