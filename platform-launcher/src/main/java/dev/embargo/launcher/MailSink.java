package dev.embargo.launcher;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The local platform's SMTP sink: a real SMTP server (RFC 5321: EHLO/HELO, MAIL, RCPT, DATA with dot-stuffing, RSET,
 * NOOP, QUIT; PIPELINING and 8BITMIME advertised, connections kept alive for any number of mails) that accepts every
 * mail and keeps it as received. Unlike a test mail server it keeps no mailboxes and parses nothing while mail arrives:
 * a mail costs reading its bytes, and is parsed only when the mail API lists it, which only people and tests do. Each
 * connection is served by its own virtual thread.
 */
final class MailSink implements AutoCloseable {

    /** Longest line accepted (RFC 5321 asks for 1000 octets with CRLF; some clients send longer header lines). */
    private static final int MAX_LINE = 64 * 1024;
    /** Largest mail accepted; notification mails are a few kilobytes. */
    private static final int MAX_MESSAGE = 32 * 1024 * 1024;
    private static final byte[] CRLF = { '\r', '\n' };

    /** One mail as it arrived: the envelope's recipients, when, and the message exactly as sent (unstuffed). */
    record Received(List<String> envelopeTo, Instant at, byte[] raw) {
    }

    private final ServerSocket server;
    private final ExecutorService connections = Executors.newVirtualThreadPerTaskExecutor();
    /**
     * What the mail sink keeps by default: the newest mails up to 16 MB of raw message (some 5,000 notification mails),
     * so a platform that runs for days or under a benchmark never fills the sink's heap (a benchmark sends hundreds of
     * thousands). Older mails are dropped.
     */
    static final long KEEP_BYTES = 16L * 1024 * 1024;
    /** Appended to by every connection, copied out by the mail API, oldest dropped first; guarded by itself. */
    private final ArrayDeque<Received> received = new ArrayDeque<>();
    private final long keepBytes;
    /** The raw bytes of the mails in {@link #received}. */
    private long keptBytes;
    private final Thread acceptor;

    private MailSink(ServerSocket server, long keepBytes) {
        this.server = server;
        this.keepBytes = keepBytes;
        this.acceptor = Thread.ofPlatform().name("mail-sink-accept").daemon().unstarted(this::accept);
    }

    /** Listens on the address and port (0: any free port) and accepts mail until closed. */
    static MailSink start(String host, int port) throws IOException {
        return start(host, port, KEEP_BYTES);
    }

    /** As {@link #start(String, int)}, keeping the newest mails up to {@code keepBytes} of raw message. */
    static MailSink start(String host, int port, long keepBytes) throws IOException {
        ServerSocket socket = new ServerSocket();
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(InetAddress.getByName(host), port), 128);
        MailSink sink = new MailSink(socket, keepBytes);
        sink.acceptor.start();
        return sink;
    }

    int port() {
        return server.getLocalPort();
    }

    /** How many mails are kept now. */
    int count() {
        synchronized (received) {
            return received.size();
        }
    }

    List<Received> received() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    private void keep(Received mail) {
        synchronized (received) {
            received.addLast(mail);
            keptBytes += mail.raw().length;
            while (keptBytes > keepBytes && received.size() > 1) {
                keptBytes -= received.removeFirst().raw().length;
            }
        }
    }

    /** The body as a test mail server shows it: everything after the header block, as ISO-8859-1 text. */
    static String body(byte[] raw) {
        String all = new String(raw, StandardCharsets.ISO_8859_1).trim();
        int i = all.indexOf("\r\n\r\n");
        return i < 0 ? "" : all.substring(i + 4);
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                connections.submit(() -> serve(socket));
            } catch (IOException e) {
                if (server.isClosed()) {
                    return;
                }
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            socket.setTcpNoDelay(true);
            Lines in = new Lines(socket.getInputStream());
            OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 4 * 1024);
            new Conversation(in, out).run();
        } catch (IOException e) {
            // the client went away; whatever it had not finished was not accepted
        }
    }

    /** One SMTP session. Replies are flushed only when no more pipelined commands are waiting. */
    private final class Conversation {
        private final Lines in;
        private final OutputStream out;
        private final List<String> recipients = new ArrayList<>();
        private boolean greeted;
        private boolean hasSender;

        Conversation(Lines in, OutputStream out) {
            this.in = in;
            this.out = out;
        }

        void run() throws IOException {
            reply("220 embargo-local-sink ESMTP ready");
            flush();
            while (true) {
                byte[] line = in.next();
                if (line == null) {
                    return;
                }
                String command = new String(line, StandardCharsets.US_ASCII);
                String verb = (command.length() >= 4 ? command.substring(0, 4) : command).toUpperCase(Locale.ROOT);
                switch (verb) {
                case "EHLO" -> {
                    greeted = true;
                    reset();
                    reply("250-embargo-local-sink");
                    reply("250-PIPELINING");
                    reply("250-8BITMIME");
                    reply("250-SIZE " + MAX_MESSAGE);
                    reply("250 SMTPUTF8");
                }
                case "HELO" -> {
                    greeted = true;
                    reset();
                    reply("250 embargo-local-sink");
                }
                case "MAIL" -> {
                    if (!greeted) {
                        reply("503 5.5.1 EHLO first");
                    } else if (!command.toUpperCase(Locale.ROOT).startsWith("MAIL FROM:")) {
                        reply("501 5.5.4 syntax: MAIL FROM:<address>");
                    } else {
                        reset();
                        hasSender = true;
                        reply("250 2.1.0 OK");
                    }
                }
                case "RCPT" -> {
                    if (!hasSender) {
                        reply("503 5.5.1 MAIL first");
                    } else if (!command.toUpperCase(Locale.ROOT).startsWith("RCPT TO:")) {
                        reply("501 5.5.4 syntax: RCPT TO:<address>");
                    } else {
                        recipients.add(address(command.substring(8)));
                        reply("250 2.1.5 OK");
                    }
                }
                case "DATA" -> {
                    if (!hasSender || recipients.isEmpty()) {
                        reply("503 5.5.1 RCPT first");
                    } else {
                        reply("354 end data with <CR><LF>.<CR><LF>");
                        flush();
                        byte[] raw = readData();
                        if (raw == null) {
                            reply("552 5.3.4 message too large");
                        } else {
                            Received mail = new Received(List.copyOf(recipients), Instant.now(), raw);
                            keep(mail);
                            reply("250 2.0.0 OK queued");
                        }
                        reset();
                    }
                }
                case "RSET" -> {
                    reset();
                    reply("250 2.0.0 OK");
                }
                case "NOOP" -> reply("250 2.0.0 OK");
                case "VRFY" -> reply("252 2.5.0 cannot verify, will accept");
                case "QUIT" -> {
                    reply("221 2.0.0 bye");
                    flush();
                    return;
                }
                default -> reply("502 5.5.2 command not implemented");
                }
                if (!in.hasMore()) {
                    flush();
                }
            }
        }

        private void reset() {
            hasSender = false;
            recipients.clear();
        }

        private void reply(String line) throws IOException {
            out.write(line.getBytes(StandardCharsets.US_ASCII));
            out.write(CRLF);
        }

        private void flush() throws IOException {
            out.flush();
        }

        /** The mail up to the lone dot, CRLF line ends kept, a leading dot of each line removed (RFC 5321 4.5.2). */
        private byte[] readData() throws IOException {
            ByteArrayOutputStream mail = new ByteArrayOutputStream(8 * 1024);
            boolean tooLarge = false;
            while (true) {
                byte[] line = in.next();
                if (line == null) {
                    throw new SocketException("connection closed in DATA");
                }
                if (line.length == 1 && line[0] == '.') {
                    return tooLarge ? null : mail.toByteArray();
                }
                if (tooLarge) {
                    continue;
                }
                int from = line.length > 0 && line[0] == '.' ? 1 : 0;
                mail.write(line, from, line.length - from);
                mail.write(CRLF);
                tooLarge = mail.size() > MAX_MESSAGE;
            }
        }
    }

    /** Reads CRLF-ended lines from a socket through its own buffer. */
    private static final class Lines {
        private final InputStream in;
        private final byte[] buffer = new byte[16 * 1024];
        private int pos;
        private int limit;

        Lines(InputStream in) {
            this.in = in;
        }

        /** Whether a pipelined command is already waiting, so a reply can wait for the next. */
        boolean hasMore() throws IOException {
            return pos < limit || in.available() > 0;
        }

        /** One line without its CRLF (a bare LF ends a line too); null at the end of the stream. */
        byte[] next() throws IOException {
            ByteArrayOutputStream longLine = null;
            while (true) {
                if (pos == limit) {
                    int n = in.read(buffer);
                    if (n < 0) {
                        return longLine == null || longLine.size() == 0 ? null : longLine.toByteArray();
                    }
                    pos = 0;
                    limit = n;
                }
                int start = pos;
                while (pos < limit && buffer[pos] != '\n') {
                    pos++;
                }
                if (pos < limit) {
                    int end = pos++;
                    byte[] line;
                    if (longLine == null) {
                        line = Arrays.copyOfRange(buffer, start, end);
                    } else {
                        longLine.write(buffer, start, end - start);
                        line = longLine.toByteArray();
                    }
                    int n = line.length;
                    return n > 0 && line[n - 1] == '\r' ? Arrays.copyOf(line, n - 1) : line;
                }
                if (longLine == null) {
                    longLine = new ByteArrayOutputStream(256);
                }
                longLine.write(buffer, start, pos - start);
                if (longLine.size() > MAX_LINE) {
                    throw new SocketException("line too long");
                }
            }
        }
    }

    /** The address of {@code <a@b> [parameters]}, or the argument as given. */
    private static String address(String argument) {
        String a = argument.trim();
        int open = a.indexOf('<');
        int close = a.indexOf('>', open + 1);
        return open >= 0 && close > open ? a.substring(open + 1, close) : a.split(" ", 2)[0];
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            // closing anyway
        }
        connections.shutdownNow();
    }
}
