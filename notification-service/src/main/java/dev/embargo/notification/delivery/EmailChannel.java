package dev.embargo.notification.delivery;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;

import jakarta.enterprise.context.ApplicationScoped;

import dev.embargo.notification.mail.MailSender;

/**
 * Sends email deliveries over SMTP. A batch is read in one query and sent a bounded number at a time, each on its own
 * virtual thread over one of the mailer's kept-alive pooled connections, so a batch costs neither a transaction per
 * mail nor a connection set-up per mail, and one slow round trip does not hold up the others.
 */
@ApplicationScoped
class EmailChannel implements ChannelSender {

    private final Deliveries deliveries;
    private final MailSender sender;
    private final Semaphore inFlight;

    EmailChannel(Deliveries deliveries, MailSender sender, DeliveryConfig config) {
        this.deliveries = deliveries;
        this.sender = sender;
        this.inFlight = new Semaphore(Math.max(1, config.mailConcurrency()));
    }

    @Override
    public Channel channel() {
        return Channel.EMAIL;
    }

    @Override
    public Outcome attempt(UUID deliveryId) {
        return attemptAll(List.of(deliveryId)).get(0);
    }

    @Override
    public List<Outcome> attemptAll(List<UUID> deliveryIds) {
        Map<UUID, Deliveries.SealedMail> mails = deliveries.readMails(deliveryIds);
        List<Future<Outcome>> sends = new ArrayList<>(deliveryIds.size());
        // Closing the executor waits for every send; each is bounded by the mailer's timeout.
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (UUID id : deliveryIds) {
                Deliveries.SealedMail mail = mails.get(id);
                sends.add(mail == null ? null : threads.submit(() -> send(mail)));
            }
        }
        List<Outcome> outcomes = new ArrayList<>(sends.size());
        for (Future<Outcome> send : sends) {
            outcomes.add(send == null ? Outcome.giveUp("missing") : outcome(send));
        }
        return outcomes;
    }

    private Outcome send(Deliveries.SealedMail sealed) throws InterruptedException {
        Deliveries.Mail mail;
        try {
            mail = deliveries.open(sealed);
        } catch (RuntimeException e) {
            return Outcome.retry("error: " + e.getClass().getSimpleName());
        }
        inFlight.acquire();
        try {
            sender.send(mail.to(), mail.content());
            return Outcome.ok();
        } catch (MailSender.UnsafeHeaderException e) {
            return Outcome.giveUp("unsafe-header");
        } catch (RuntimeException e) {
            return Outcome.retry("smtp: " + e.getClass().getSimpleName());
        } finally {
            inFlight.release();
        }
    }

    private static Outcome outcome(Future<Outcome> send) {
        try {
            return send.get();
        } catch (ExecutionException e) {
            return Outcome.retry("smtp: " + e.getCause().getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Outcome.retry("interrupted");
        }
    }
}
