package dev.embargo.notification.delivery;

import java.util.List;
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

    /**
     * Attempts several claimed rows at once; the outcomes in the order of the ids. A channel that can read and send a
     * batch more cheaply than one by one overrides this; it must still bound its own time.
     */
    default List<Outcome> attemptAll(List<UUID> deliveryIds) {
        return deliveryIds.stream().map(this::attempt).toList();
    }
}
