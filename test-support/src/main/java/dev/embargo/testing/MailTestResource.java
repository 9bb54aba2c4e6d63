package dev.embargo.testing;

import java.util.Map;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** A real SMTP server (GreenMail) on a random port; tests read what it received through {@link #greenMail()}. */
public class MailTestResource implements QuarkusTestResourceLifecycleManager {

    private static GreenMail greenMail;

    public static synchronized GreenMail greenMail() {
        if (greenMail == null) {
            greenMail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
            greenMail.start();
        }
        return greenMail;
    }

    @Override
    public Map<String, String> start() {
        int port = greenMail().getSmtp().getPort();
        return Map.of("quarkus.mailer.host", "127.0.0.1", "quarkus.mailer.port", String.valueOf(port),
                "quarkus.mailer.mock", "false", "quarkus.mailer.tls", "false", "quarkus.mailer.start-tls", "DISABLED");
    }

    @Override
    public void stop() {
        // the server lives for the JVM; tests tell their mail apart by recipient
    }
}
