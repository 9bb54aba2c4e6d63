package dev.embargo.notification;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A local HTTP receiver for webhooks (JDK HttpServer on 127.0.0.1) on a port reserved at startup, which tests start and
 * stop. {@code /redirect} answers 302 to {@code /landing} (loopback), {@code /slow} answers after 8 s; any other path
 * answers 204. Every request is recorded.
 */
public final class WebhookReceiver {

    /** One received call. */
    public record Received(String path, Map<String, List<String>> headers, String body) {
        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }
    }

    private static final int PORT = freePort();
    private static final List<Received> RECEIVED = new CopyOnWriteArrayList<>();
    private static HttpServer server;

    private WebhookReceiver() {
    }

    public static String url(String path) {
        return "http://127.0.0.1:" + PORT + path;
    }

    public static int port() {
        return PORT;
    }

    public static synchronized void start() {
        if (server != null) {
            return;
        }
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", PORT), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            RECEIVED.add(new Received(path, Map.copyOf(exchange.getRequestHeaders()), body));
            if (path.startsWith("/redirect")) {
                exchange.getResponseHeaders().add("Location", url("/landing"));
                exchange.sendResponseHeaders(302, -1);
            } else {
                if (path.startsWith("/slow")) {
                    try {
                        Thread.sleep(8_000);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                exchange.sendResponseHeaders(204, -1);
            }
            exchange.close();
        });
        server.start();
    }

    public static synchronized void stop() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
    }

    /** What arrived at a path so far. */
    public static List<Received> at(String path) {
        return RECEIVED.stream().filter(r -> r.path().equals(path)).toList();
    }

    // Test resources and test classes may live in different class loaders; a system property gives both one port.
    private static synchronized int freePort() {
        String known = System.getProperty("embargo.test.webhook-receiver-port");
        if (known != null) {
            return Integer.parseInt(known);
        }
        try (ServerSocket socket = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
            System.setProperty("embargo.test.webhook-receiver-port", String.valueOf(socket.getLocalPort()));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Allows exactly this receiver's host:port as a private webhook target; everything else stays refused. */
    public static class Resource implements QuarkusTestResourceLifecycleManager {
        @Override
        public Map<String, String> start() {
            return Map.of("embargo.webhooks.allowed-targets", "127.0.0.1:" + PORT);
        }

        @Override
        public void stop() {
            WebhookReceiver.stop();
        }
    }
}
