package dev.embargo.intake.reports;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * After the operator configured a rotated at-rest keyset (new primary, old keys kept), re-encrypts every stored field
 * still under an old key, one report per transaction, so the old keys can later be retired.
 */
@ApplicationScoped
class KeyRotation {

    /** What a run did; {@code failed} counts reports whose fields no configured key opens. */
    public record Result(int reportsExamined, int fieldsReencrypted, int reportsFailed) {
    }

    private static final int BATCH = 200;
    private final Reports reports;
    private final ReportVault vault;

    KeyRotation(Reports reports, ReportVault vault) {
        this.reports = reports;
        this.vault = vault;
    }

    public Result reencryptAll() {
        int examined = 0;
        int fields = 0;
        int failed = 0;
        Optional<UUID> after = Optional.empty();
        List<UUID> batch;
        do {
            Optional<UUID> from = after;
            batch = QuarkusTransaction.requiringNew().call(() -> reports.ids(from, BATCH));
            for (UUID id : batch) {
                examined++;
                try {
                    fields += QuarkusTransaction.requiringNew()
                            .call(() -> reports.byId(id).map(vault::reseal).orElse(0));
                } catch (RuntimeException e) {
                    failed++;
                    Log.warnf("report %s could not be re-encrypted: no configured key opens it", id);
                }
                after = Optional.of(id);
            }
        } while (batch.size() == BATCH);
        Log.infof("at-rest key rotation: %d reports examined, %d fields re-encrypted, %d failed", examined, fields,
                failed);
        return new Result(examined, fields, failed);
    }
}
