package io.consulate.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code consulate acl bootstrap|token|policy|role}: Consul's ACL commands, same flags, output and messages. */
@Command(name = "acl", description = "Interact with Consul's ACLs", mixinStandardHelpOptions = true,
    subcommands = {AclBootstrapCommand.class, AclCommand.Token.class, AclCommand.Policy.class, AclCommand.Role.class})
public final class AclCommand implements Runnable {
  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }

  @Command(name = "token", description = "Manage Consul's ACL tokens", mixinStandardHelpOptions = true,
      subcommands = {AclTokenCreateCommand.class, AclTokenCloneCommand.class, AclTokenListCommand.class,
          AclTokenReadCommand.class, AclTokenUpdateCommand.class, AclTokenDeleteCommand.class})
  static final class Token implements Runnable {
    @Override
    public void run() {
      new CommandLine(this).usage(System.out);
    }
  }

  @Command(name = "policy", description = "Manage Consul's ACL policies", mixinStandardHelpOptions = true,
      subcommands = {AclPolicyCreateCommand.class, AclPolicyListCommand.class, AclPolicyReadCommand.class,
          AclPolicyUpdateCommand.class, AclPolicyDeleteCommand.class})
  static final class Policy implements Runnable {
    @Override
    public void run() {
      new CommandLine(this).usage(System.out);
    }
  }

  @Command(name = "role", description = "Manage Consul's ACL roles", mixinStandardHelpOptions = true,
      subcommands = {AclRoleCreateCommand.class, AclRoleListCommand.class, AclRoleReadCommand.class,
          AclRoleUpdateCommand.class, AclRoleDeleteCommand.class})
  static final class Role implements Runnable {
    @Override
    public void run() {
      new CommandLine(this).usage(System.out);
    }
  }
}
