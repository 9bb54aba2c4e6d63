package dev.embargo.notification.mail;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.Mailer;

/** Sends one rendered mail over SMTP, refusing anything that could inject a header. */
@ApplicationScoped
public class MailSender {

    private final Mailer mailer;

    protected MailSender(Mailer mailer) {
        this.mailer = mailer;
    }

    public void send(String to, MailRenderer.Rendered mail) {
        if (!MailHeaders.isSafeAddress(to) || MailHeaders.hasControlCharacters(mail.subject())) {
            throw new UnsafeHeaderException();
        }
        mailer.send(Mail.withText(to, mail.subject(), mail.text()).setHtml(mail.html()));
    }

    /** A recipient or subject that must not reach a mail header; never retried. */
    public static class UnsafeHeaderException extends RuntimeException {
        UnsafeHeaderException() {
            super("unsafe mail header", null, false, false);
        }
    }
}
