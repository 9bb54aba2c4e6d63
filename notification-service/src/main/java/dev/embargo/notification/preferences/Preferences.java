package dev.embargo.notification.preferences;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import dev.embargo.notification.delivery.Channel;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

/** Maintainers' channel choices per event type. Everything is on until a maintainer turns it off. */
@ApplicationScoped
public class Preferences implements PanacheRepositoryBase<Preference, Preference.Key> {

    /** Event types (without version) maintainers get mail about, and so may choose channels for. */
    public static final Set<String> MAINTAINER_EVENT_TYPES = Set.of("report.submitted", "case.message-posted",
            "case.project-added", "case.disclosure-scheduled", "sla.warning", "sla.breached");

    /** Channels a person can receive on; webhooks belong to projects, not people. */
    public static final Set<Channel> PERSONAL_CHANNELS = Set.of(Channel.EMAIL);

    Preferences() {
    }

    public boolean wants(String subject, String eventType, Channel channel) {
        Preference p = findById(new Preference.Key(subject, eventType, channel.name()));
        return p == null || p.enabled();
    }

    void set(String subject, String eventType, Channel channel, boolean enabled) {
        Preference p = findById(new Preference.Key(subject, eventType, channel.name()));
        if (p == null) {
            persist(new Preference(subject, eventType, channel.name(), enabled));
        } else {
            p.set(enabled);
        }
    }
}
