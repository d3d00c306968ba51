package cn.shanghai.techfinance.local;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;

/**
 * deploy/local/bank.sh: {@code bank.sh add CODE} onboards a bank on the running local broker — its
 * topics, its SCRAM principal, its ACLs and the services' on its topics — registers it so that
 * every later start re-creates it, and writes its client file {@code .data/clients/CODE.properties};
 * {@code bank.sh add --insurer CODE} does the same for an insurer (科技保险) on its
 * {@code tf.insurer.CODE.*} topics, client file {@code .data/clients/insurer-CODE.properties}. Bank and
 * insurer codes are one namespace. Idempotent: run again, it changes nothing and writes the same file.
 */
public final class BankCommand {

    static final String USAGE = "usage: deploy/local/bank.sh add CODE             onboard a bank\n"
            + "       deploy/local/bank.sh add --insurer CODE   onboard an insurer (科技保险)\n"
            + "  CODE: 2-16 of A-Z, 0-9, '-', e.g. ICBC-SH or PICC-SH; bank and insurer codes are one namespace";

    private BankCommand() {
    }

    public static void main(String[] args) {
        boolean insurer = args.length == 3 && "--insurer".equals(args[1]);
        if (!(args.length == 2 || insurer) || !"add".equals(args[0]) || args[args.length - 1].startsWith("--")) {
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        String code = args[args.length - 1];
        Path root = Path.of(System.getProperty("techfinance.root", ".")).toAbsolutePath().normalize();
        try {
            Path file = add(root.resolve("deploy/local/.data"), LocalRun.KAFKA_PORTS, code, insurer);
            System.out.println((insurer ? "insurer " : "bank ") + code + " onboarded; client properties: " + root.relativize(file));
            System.exit(0);
        } catch (RuntimeException e) {
            System.err.println("bank.sh: " + (e.getMessage() != null ? e.getMessage() : e));
            System.exit(1);
        }
    }

    /** Onboards bank or insurer {@code code} on the broker at {@code ports}, with the identities kept in {@code dataDir}. */
    static Path add(Path dataDir, LocalKafkaBroker.Ports ports, String code, boolean insurer) {
        requireListening(ports.internal());
        LocalAccess access = new LocalAccess(dataDir, ports);
        return insurer ? access.onboardInsurer(code) : access.onboard(code);
    }

    private static void requireListening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
        } catch (IOException e) {
            throw new IllegalStateException("no local Kafka broker on 127.0.0.1:" + port
                    + " — start the local run first (deploy/local/run.sh --keep), then onboard the bank or insurer");
        }
    }
}
