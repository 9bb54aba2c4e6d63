package dev.embargo.notification.mail;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;

/** Renders a {@link Notice} with the Qute templates {@code mail/notice.txt} and {@code mail/notice.html}. */
@ApplicationScoped
public class MailRenderer {

    /** A rendered mail, ready for the delivery log. */
    public record Rendered(String subject, String text, String html) {
    }

    private final Template text;
    private final Template html;

    MailRenderer(@Location("mail/notice.txt") Template text, @Location("mail/notice.html") Template html) {
        this.text = text;
        this.html = html;
    }

    public Rendered render(Notice notice) {
        String subject = notice.subject();
        if (MailHeaders.hasControlCharacters(subject)) {
            throw new IllegalArgumentException("subject would carry control characters");
        }
        return new Rendered(subject, text.data("n", notice).render(), html.data("n", notice).render());
    }
}
