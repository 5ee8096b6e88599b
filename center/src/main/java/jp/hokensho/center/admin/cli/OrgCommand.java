package jp.hokensho.center.admin.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import jp.hokensho.center.CenterApplication;
import jp.hokensho.center.CenterSettings;
import jp.hokensho.center.admin.OrganisationCli;
import jp.hokensho.center.cli.CommandGroup;
import jp.hokensho.center.cli.ConfigOption;
import jp.hokensho.center.cli.OperatorOption;
import jp.hokensho.center.organisation.OrganisationKind;
import jp.hokensho.center.persistence.Database;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code center org add | change | end | list}: medical institutions and insurers ({@link OrganisationCli}). */
@Command(name = "org", mixinStandardHelpOptions = true,
        description = "Medical institutions and insurers: add, change, end, list.",
        subcommands = {OrgCommand.Add.class, OrgCommand.Change.class, OrgCommand.End.class, OrgCommand.ListAll.class})
public final class OrgCommand extends CommandGroup {

    /** The options every {@code org} command takes, and the organisations they act on. */
    abstract static class OrgAction implements Callable<Integer> {
        @Mixin
        ConfigOption config;
        @Mixin
        OperatorOption operator;

        @Override
        public Integer call() {
            checkOptions();
            CenterSettings settings = config.settings();
            try (Database database = Database.open(CenterApplication.databaseSettings(settings))) {
                return run(new OrganisationCli(database, settings, operator.name(), config.out(), config.clock()));
            }
        }

        /** Refuses what picocli cannot check before the database is opened. */
        void checkOptions() {
        }

        abstract int run(OrganisationCli organisations);
    }

    @Command(name = "add", mixinStandardHelpOptions = true,
            description = {"Registers a medical institution or an insurer.",
                "An insurer also takes --delivery pre-stored, or --delivery real-time --endpoint URL"
                    + " [--timeout-ms N] [--certificate FILE]."})
    static final class Add extends OrgAction {
        @Option(names = "--code", paramLabel = "CODE", required = true, description = "The organisation's code.")
        String code;
        @Option(names = "--name", paramLabel = "NAME", required = true, description = "Its name.")
        String name;
        @Option(names = "--kind", paramLabel = "KIND", required = true,
                completionCandidates = RegisteredKinds.class,
                description = "${COMPLETION-CANDIDATES} (the center itself is made by init).")
        OrganisationKind kind;
        @Option(names = "--address", paramLabel = "TEXT", description = "Its address.")
        String address;
        @Mixin
        InsurerOptions insurer;

        @Override
        void checkOptions() {
            insurer.details();
        }

        @Override
        int run(OrganisationCli organisations) {
            organisations.add(code, name, kind, address, insurer.details());
            return 0;
        }
    }

    @Command(name = "change", mixinStandardHelpOptions = true,
            description = "Changes an organisation's name, address or insurer options; what is not given stays.")
    static final class Change extends OrgAction {
        @Option(names = "--code", paramLabel = "CODE", required = true, description = "The organisation's code.")
        String code;
        @Option(names = "--name", paramLabel = "NAME", description = "Its new name.")
        String name;
        @Option(names = "--address", paramLabel = "TEXT", description = "Its new address.")
        String address;
        @Mixin
        InsurerOptions insurer;

        @Override
        void checkOptions() {
            insurer.details();
        }

        @Override
        int run(OrganisationCli organisations) {
            organisations.change(code, name, address, insurer.details());
            return 0;
        }
    }

    @Command(name = "end", mixinStandardHelpOptions = true,
            description = {"Ends an organisation: its keys are revoked (refused from the very next request), an"
                    + " insurer leaves the directory; no new key or person can be added to it.",
                "Exit 1 when it had already ended."})
    static final class End extends OrgAction {
        @Option(names = "--code", paramLabel = "CODE", required = true, description = "The organisation's code.")
        String code;

        @Override
        int run(OrganisationCli organisations) {
            return organisations.end(code) ? 0 : 1;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists the organisations.")
    static final class ListAll extends OrgAction {
        @Override
        int run(OrganisationCli organisations) {
            organisations.list();
            return 0;
        }
    }

    /** The kinds {@code org add} registers: the center's own organisation is made by {@code init}. */
    static final class RegisteredKinds extends ArrayList<String> {
        RegisteredKinds() {
            super(List.of(OrganisationKind.MEDICAL_INSTITUTION.name(), OrganisationKind.INSURER.name()));
        }
    }
}
