package dev.embargo.notification.delivery;

import java.util.UUID;

/** Delivers one claimed row over one channel. Called outside any transaction; must bound its own time. */
public interface ChannelSender {

    /** How one attempt went; {@code error} is a short code, never content or an address. */
    record Outcome(boolean delivered, boolean permanent, String error) {
        public static Outcome ok() {
            return new Outcome(true, false, null);
        }

        public static Outcome retry(String error) {
            return new Outcome(false, false, error);
        }

        public static Outcome giveUp(String error) {
            return new Outcome(false, true, error);
        }
    }

    Channel channel();

    Outcome attempt(UUID deliveryId);
}
