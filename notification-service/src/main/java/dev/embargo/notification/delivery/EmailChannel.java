package dev.embargo.notification.delivery;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.embargo.notification.mail.MailSender;
import io.quarkus.narayana.jta.QuarkusTransaction;

/** Sends email deliveries over SMTP. */
@ApplicationScoped
class EmailChannel implements ChannelSender {

    private final Deliveries deliveries;
    private final MailSender sender;

    EmailChannel(Deliveries deliveries, MailSender sender) {
        this.deliveries = deliveries;
        this.sender = sender;
    }

    @Override
    public Channel channel() {
        return Channel.EMAIL;
    }

    @Override
    public Outcome attempt(UUID deliveryId) {
        Deliveries.Mail mail = QuarkusTransaction.requiringNew()
                .call(() -> deliveries.find(deliveryId).map(deliveries::openMail).orElse(null));
        if (mail == null) {
            return Outcome.giveUp("missing");
        }
        try {
            sender.send(mail.to(), mail.content());
            return Outcome.ok();
        } catch (MailSender.UnsafeHeaderException e) {
            return Outcome.giveUp("unsafe-header");
        } catch (RuntimeException e) {
            return Outcome.retry("smtp: " + e.getClass().getSimpleName());
        }
    }
}
