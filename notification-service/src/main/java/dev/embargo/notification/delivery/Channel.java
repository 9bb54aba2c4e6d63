package dev.embargo.notification.delivery;

/** How a notification travels. */
public enum Channel {
    EMAIL, WEBHOOK
}
