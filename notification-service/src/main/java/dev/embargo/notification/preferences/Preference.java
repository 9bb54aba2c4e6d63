package dev.embargo.notification.preferences;

import java.io.Serializable;
import java.util.Objects;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/** Whether a maintainer wants one event type over one channel. */
@Entity
@Table(name = "preference")
class Preference {

    @Embeddable
    static class Key implements Serializable {
        private String subject;
        @Column(name = "event_type")
        private String eventType;
        private String channel;

        protected Key() {
        }

        Key(String subject, String eventType, String channel) {
            this.subject = subject;
            this.eventType = eventType;
            this.channel = channel;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.subject.equals(subject) && k.eventType.equals(eventType)
                    && k.channel.equals(channel);
        }

        @Override
        public int hashCode() {
            return Objects.hash(subject, eventType, channel);
        }
    }

    @EmbeddedId
    private Key id;
    private boolean enabled;

    protected Preference() {
    }

    Preference(String subject, String eventType, String channel, boolean enabled) {
        this.id = new Key(subject, eventType, channel);
        this.enabled = enabled;
    }

    void set(boolean enabled) {
        this.enabled = enabled;
    }

    boolean enabled() {
        return enabled;
    }
}
