package jp.hokensho.insurer;

import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jp.hokensho.insurer.card.AdapterDatabase;
import jp.hokensho.insurer.security.AdapterRole;
import jp.hokensho.insurer.security.AdapterUsers;

/**
 * The operator the older command tests run as: a business manager ("manager") created once per database, so
 * {@code import}, {@code end}, {@code sync} and {@code reconcile} get their {@code --user} and password.
 */
final class TestOperators {
    static final String MANAGER = "manager";
    private static final Set<String> OPERATED = Set.of("import", "end", "sync", "reconcile");
    private static final Map<String, String> PASSWORDS = new ConcurrentHashMap<>();

    private TestOperators() {
    }

    /** Runs the command as the business manager unless it names its own {@code --user}. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0 || !OPERATED.contains(args[0]) || List.of(args).contains("--user")) {
            return InsurerAdapterMain.run(args, out, err, InputStream.nullInputStream(),
                    AdapterCommands.Passwords.of(null));
        }
        String password;
        int config = List.of(args).indexOf("--config");
        try {
            password = config < 0 || config + 1 >= args.length ? "unused" : managerPassword(Path.of(args[config + 1]));
        } catch (Exception e) {
            password = "unused"; // e.g. a config the test expects to be refused: the command reports it
        }
        List<String> withUser = new ArrayList<>(List.of(args));
        withUser.add("--user");
        withUser.add(MANAGER);
        return InsurerAdapterMain.run(withUser.toArray(new String[0]), out, err, InputStream.nullInputStream(),
                AdapterCommands.Passwords.of(password));
    }

    /** The business manager's password in the config's database, adding the user the first time. */
    static String managerPassword(Path config) throws Exception {
        AdapterSettings settings = AdapterSettings.load(config);
        String key = settings.dbUrl();
        String known = PASSWORDS.get(key);
        if (known != null) {
            return known;
        }
        try (AdapterDatabase db = AdapterCommands.open(settings)) {
            AdapterUsers users = new AdapterUsers(db.dataSource(), AdapterCommands.policy(settings), Clock.systemUTC());
            String password = users.role(MANAGER).isPresent() ? users.reset(MANAGER).orElseThrow()
                    : users.add(MANAGER, AdapterRole.BUSINESS_MANAGER, null);
            PASSWORDS.put(key, password);
            return password;
        } catch (SQLException e) {
            throw e;
        }
    }
}
