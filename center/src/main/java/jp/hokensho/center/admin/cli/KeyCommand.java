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
        subcommands = {KeyCommand.Issue.class, KeyCommand.ListKeys.class, KeyCommand.Renew.class, KeyCommand.Revoke.class,
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
            description = "Lists the keys (of one organisation, or all): serial, subject, validity, state, renewals.")
    static final class ListKeys extends AdminAction {
        @Option(names = "--org", paramLabel = "CODE", description = "One organisation's code (default: all).")
        String organisation;

        @Override
        int run(AdminCli admin) {
            admin.listKeys(organisation);
            return 0;
        }
    }

    @Command(name = "renew", mixinStandardHelpOptions = true,
            description = {"Issues the successor of a key before it expires (same organisation and subject); the old"
                    + " key keeps working for center.keys.renewal-overlap-days, then ends.",
                "The new key's one-time password is printed once: hand it over apart from the file."})
    static final class Renew extends AdminAction {
        @Option(names = "--serial", paramLabel = "N", required = true,
                description = "The serial of the key to renew, as key list prints it.")
        BigInteger serial;
        @Option(names = "--out", paramLabel = "DIR", defaultValue = ".",
                description = "Where the new .p12 file is written (default: the current directory).")
        Path dir;

        @Override
        int run(AdminCli admin) {
            admin.renewKey(serial, dir);
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
