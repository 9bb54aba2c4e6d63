package dev.embargo.notification.delivery;

import java.util.UUID;

/**
 * A delivery reached its end: delivered, or given up. Fired synchronously in the transaction that recorded it, so what
 * follows from it (a webhook endpoint's health) commits with the outcome or not at all.
 *
 * @param endpointId
 *            the webhook endpoint, for webhook deliveries
 */
public record DeliverySettled(UUID deliveryId, Channel channel, UUID endpointId, boolean delivered) {
}
