package cn.shanghai.techfinance.local;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;

/**
 * deploy/local/bank.sh: {@code bank.sh add CODE} onboards a bank on the running local broker — its
 * topics, its SCRAM principal, its ACLs and the services' on its topics — registers it so that
 * every later start re-creates it, and writes its client file {@code .data/clients/CODE.properties}.
 * Idempotent: run again, it changes nothing and writes the same file.
 */
public final class BankCommand {

    private BankCommand() {
    }

    public static void main(String[] args) {
        if (args.length != 2 || !"add".equals(args[0])) {
            System.err.println("usage: deploy/local/bank.sh add CODE     (CODE: 2-16 of A-Z, 0-9, '-', e.g. ICBC-SH)");
            System.exit(2);
            return;
        }
        Path root = Path.of(System.getProperty("techfinance.root", ".")).toAbsolutePath().normalize();
        try {
            Path file = add(root.resolve("deploy/local/.data"), LocalRun.KAFKA_PORTS, args[1]);
            System.out.println("bank " + args[1] + " onboarded; client properties: " + root.relativize(file));
            System.exit(0);
        } catch (RuntimeException e) {
            System.err.println("bank.sh: " + (e.getMessage() != null ? e.getMessage() : e));
            System.exit(1);
        }
    }

    /** Onboards {@code code} on the broker at {@code ports}, with the identities kept in {@code dataDir}. */
    static Path add(Path dataDir, LocalKafkaBroker.Ports ports, String code) {
        requireListening(ports.internal());
        return new LocalAccess(dataDir, ports).onboard(code);
    }

    private static void requireListening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
        } catch (IOException e) {
            throw new IllegalStateException("no local Kafka broker on 127.0.0.1:" + port
                    + " — start the local run first (deploy/local/run.sh --keep), then onboard the bank");
        }
    }
}
