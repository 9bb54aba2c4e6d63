package dev.embargo.platform.support;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

/**
 * Runs an action once the current transaction has committed, at most once per transaction and key. Used to wake
 * background workers (outbox relay, delivery job) right after the rows they work on became visible, instead of leaving
 * them to their next poll.
 */
@ApplicationScoped
public class AfterCommit {

    private final TransactionSynchronizationRegistry transactions;

    AfterCommit(TransactionSynchronizationRegistry transactions) {
        this.transactions = transactions;
    }

    /**
     * Registers {@code action} for after the commit of the current transaction, unless one was registered under
     * {@code key} already. Must be called inside a transaction; a rollback runs nothing.
     */
    public void once(Object key, Runnable action) {
        if (transactions.getResource(key) != null) {
            return;
        }
        transactions.putResource(key, Boolean.TRUE);
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
                // nothing before: the action needs the outcome
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    action.run();
                }
            }
        });
    }
}
