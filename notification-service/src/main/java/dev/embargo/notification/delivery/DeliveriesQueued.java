package dev.embargo.notification.delivery;

/** Rows were added to the delivery log; observed after the adding transaction committed, to start sending at once. */
record DeliveriesQueued() {
}
