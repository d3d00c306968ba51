package cn.shanghai.techfinance.local;

import cn.shanghai.techfinance.contracts.BankCode;
import cn.shanghai.techfinance.contracts.bank.Uscc;
import cn.shanghai.techfinance.infra.LocalTokens;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * deploy/local/token.sh: prints a token the local run's services accept, and nothing else, on
 * standard output (valid 12 hours). The key pair is the local run's (deploy/local/.data/jwt),
 * made here when it is missing, so a token can be had before the first run.
 *
 * <pre>
 * token.sh --role ROLE [--role ROLE…] [--bank CODE] [--insurer CODE] [--uscc USCC] [--user NAME]
 * </pre>
 */
public final class TokenCommand {

    static final String USAGE = "usage: deploy/local/token.sh --role ROLE [--role ROLE…] [--bank CODE] [--insurer CODE] [--uscc USCC] [--user NAME]\n"
            + "  ROLE: BANK (needs --bank), INSURER (needs --insurer), FIRM (needs --uscc), OFFICER, APPROVER, AUDITOR;"
            + " the user defaults to the first role in lower case";
    /** The roles a token may carry (web-security's), in the order messages list them. */
    static final List<String> ROLES = List.of("BANK", "INSURER", "FIRM", "OFFICER", "APPROVER", "AUDITOR");

    private TokenCommand() {
    }

    public static void main(String[] args) {
        Request request;
        try {
            request = Request.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("token.sh: " + e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        Path root = Path.of(System.getProperty("techfinance.root", ".")).toAbsolutePath().normalize();
        LocalTokens tokens = LocalTokens.loadOrCreate(LocalRun.jwtDir(root));
        System.out.println(tokens.mint(request.roles(), request.bankCode(), request.insurerCode(), request.uscc(), request.user(),
                Instant.now(), LocalTokens.VALIDITY));
    }

    /** What the command line asks for. */
    record Request(List<String> roles, String bankCode, String insurerCode, String uscc, String user) {

        static Request parse(String[] args) {
            List<String> roles = new ArrayList<>();
            String bank = null;
            String insurer = null;
            String uscc = null;
            String user = null;
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--role" -> {
                        String role = value(args, ++i, "--role").toUpperCase(Locale.ROOT);
                        if (!ROLES.contains(role)) {
                            throw new IllegalArgumentException("unknown role " + args[i]);
                        }
                        if (!roles.contains(role)) {
                            roles.add(role);
                        }
                    }
                    case "--bank" -> bank = value(args, ++i, "--bank");
                    case "--insurer" -> insurer = value(args, ++i, "--insurer");
                    case "--uscc" -> uscc = value(args, ++i, "--uscc");
                    case "--user" -> user = value(args, ++i, "--user");
                    default -> throw new IllegalArgumentException("unknown argument " + args[i]);
                }
            }
            if (roles.isEmpty()) {
                throw new IllegalArgumentException("at least one --role is needed");
            }
            if (roles.contains("BANK") != (bank != null)) {
                throw new IllegalArgumentException(bank == null ? "a BANK token needs --bank CODE" : "--bank is only for a BANK token");
            }
            if (roles.contains("INSURER") != (insurer != null)) {
                throw new IllegalArgumentException(insurer == null ? "an INSURER token needs --insurer CODE" : "--insurer is only for an INSURER token");
            }
            if (roles.contains("FIRM") != (uscc != null)) {
                throw new IllegalArgumentException(uscc == null ? "a FIRM token needs --uscc USCC" : "--uscc is only for a FIRM token");
            }
            if (bank != null && !BankCode.isValid(bank)) {
                throw new IllegalArgumentException("not a bank code: " + bank);
            }
            if (insurer != null && !BankCode.isValid(insurer)) {
                throw new IllegalArgumentException("not an insurer code: " + insurer);
            }
            if (uscc != null && !Uscc.isValid(uscc)) {
                throw new IllegalArgumentException("not a valid USCC (统一社会信用代码): " + uscc);
            }
            if (user != null && user.isBlank()) {
                throw new IllegalArgumentException("--user needs a name");
            }
            return new Request(List.copyOf(roles), bank, insurer, uscc, user != null ? user : LocalTokens.userOf(roles));
        }

        private static String value(String[] args, int i, String option) {
            if (i >= args.length || args[i].startsWith("--")) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return args[i];
        }
    }
}
