package jp.hokensho.center.admin.cli;

import java.math.BigInteger;
import java.nio.file.Path;
import jp.hokensho.center.admin.AdminCli;
import jp.hokensho.center.cli.CommandGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code center key issue | list | revoke}: the organisations' keys ({@link AdminCli}). */
@Command(name = "key", mixinStandardHelpOptions = true,
        description = "The organisations' keys (USB keys): issue, list, revoke.",
        subcommands = {KeyCommand.Issue.class, KeyCommand.ListKeys.class, KeyCommand.Revoke.class,
            jp.hokensho.center.admin.KeyRolloverCommand.class})
public final class KeyCommand extends CommandGroup {

    @Command(name = "issue", mixinStandardHelpOptions = true,
            description = "Issues an organisation's PKCS#12 key and registers it; its one-time password is printed"
                    + " once: hand it over apart from the file.")
    static final class Issue extends AdminAction {
        @Option(names = "--org", paramLabel = "CODE", required = true, description = "The organisation's code.")
        String organisation;
        @Option(names = "--out", paramLabel = "DIR", defaultValue = ".",
                description = "Where the .p12 file is written (default: the current directory).")
        Path dir;

        @Override
        int run(AdminCli admin) {
            admin.issueKey(organisation, dir);
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "Lists an organisation's keys: serial, subject, validity, revoked or not.")
    static final class ListKeys extends AdminAction {
        @Option(names = "--org", paramLabel = "CODE", required = true, description = "The organisation's code.")
        String organisation;

        @Override
        int run(AdminCli admin) {
            admin.listKeys(organisation);
            return 0;
        }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true,
            description = {"Revokes a key (a lost one): refused from the very next request on every node.",
                "Exit 1 when no active key has that serial."})
    static final class Revoke extends AdminAction {
        @Option(names = "--serial", paramLabel = "N", required = true,
                description = "The key's serial number, as key list prints it.")
        BigInteger serial;

        @Override
        int run(AdminCli admin) {
            return admin.revokeKey(serial) ? 0 : 1;
        }
    }
}
