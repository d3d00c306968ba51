package cn.shanghai.techfinance.reliability;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A bank's webhook endpoint on this machine, as docs/bank-integration.md section 9 asks a bank to
 * write one: it checks each request's signature over the raw body and counts the results it
 * accepted by {@code Idempotency-Key}. Down (nothing listening: connections refused) until {@link #up},
 * and again after {@link #down}.
 */
final class WebhookReceiver implements AutoCloseable {

    static final String PATH = "/tf/webhook";

    private final int port;
    private final byte[] secret;
    private final Map<String, Integer> accepted = new ConcurrentHashMap<>();
    private final AtomicLong badSignatures = new AtomicLong();
    private HttpServer server;

    WebhookReceiver(String secret) throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            this.port = socket.getLocalPort();
        }
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
    }

    String url() {
        return "http://localhost:" + port + PATH;
    }

    /** Starts listening on its port. */
    synchronized void up() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 64);
        server.createContext(PATH, this::handle);
        server.start();
    }

    /** Stops listening: from now on its connections are refused, as a bank's endpoint that went away. */
    synchronized void down() {
        server.stop(0);
        server = null;
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        String timestamp = exchange.getRequestHeaders().getFirst("X-TF-Timestamp");
        String signature = exchange.getRequestHeaders().getFirst("X-TF-Signature");
        String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
        int status;
        if (timestamp == null || signature == null || key == null || !signed(timestamp, body, signature)) {
            badSignatures.incrementAndGet();
            status = 401;
        } else {
            accepted.merge(key, 1, Integer::sum);
            status = 204;
        }
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }

    private boolean signed(String timestamp, byte[] body, String signature) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            mac.update((timestamp + ".").getBytes(StandardCharsets.US_ASCII));
            byte[] expected = ("v1=" + HexFormat.of().formatHex(mac.doFinal(body))).getBytes(StandardCharsets.US_ASCII);
            return MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Results accepted, each counted as often as it was accepted (a repeat is a 2xx answered again). */
    Map<String, Integer> accepted() {
        return Map.copyOf(accepted);
    }

    long badSignatures() {
        return badSignatures.get();
    }

    @Override
    public synchronized void close() {
        if (server != null) {
            server.stop(0);
        }
    }
}
