package dev.embargo.intake.reports;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.google.crypto.tink.KeysetHandle;

import dev.embargo.events.ReportContent;
import dev.embargo.intake.Fixtures;
import dev.embargo.platform.crypto.FieldCipher;
import dev.embargo.platform.crypto.Keysets;
import dev.embargo.testing.TestDatabase;
import dev.embargo.testing.Tokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;

/** After the operator rotates the at-rest keyset, old reports still open and the admin re-encryption moves them. */
@QuarkusTest
class KeyRotationTest {

    static class ConfiguredKeys extends AtRestKeys {
        private final FieldCipher cipher;

        ConfiguredKeys(KeysetHandle keyset) {
            this.cipher = new FieldCipher(keyset);
        }

        @Override
        public FieldCipher cipher() {
            return cipher;
        }
    }

    @Inject
    Reports reports;
    @Inject
    ReportVault vault;

    @Test
    void afterRotationOldReportsStillOpenAndReencryptionMovesThemToTheNewPrimaryKey() {
        KeysetHandle original = Keysets.generate();
        QuarkusMock.installMockForType(new ConfiguredKeys(original), AtRestKeys.class);
        var project = Fixtures.projectWithExamplePolicy("openpanel");
        Map<String, Object> submitted = Fixtures.completeReport();
        submitted.put("reporterEmail", "rotation@example.org");
        String trackingId = Fixtures.submit(project.slug(), submitted).statusCode(201).extract().path("trackingId");
        UUID id = reportId(trackingId);

        KeysetHandle rotated = Keysets.rotate(original);
        var keys = new ConfiguredKeys(rotated);
        QuarkusMock.installMockForType(keys, AtRestKeys.class);
        List<byte[]> before = ciphertexts(id);
        assertFalse(before.isEmpty());
        assertTrue(before.stream().noneMatch(keys.cipher()::isUnderPrimaryKey), "still under the old key");
        assertOpens(id, submitted);

        given().auth().oauth2(Tokens.of("ops", "platform-admin")).when().post("/api/v1/admin/at-rest-key-rotation")
                .then().statusCode(200).body("fieldsReencrypted", greaterThanOrEqualTo(before.size()));

        List<byte[]> after = ciphertexts(id);
        assertEquals(before.size(), after.size());
        assertTrue(after.stream().allMatch(keys.cipher()::isUnderPrimaryKey), "moved to the new primary key");
        assertOpens(id, submitted);
        assertTrue(QuarkusTransaction.requiringNew().call(() -> vault.isCurrent(reports.byId(id).orElseThrow())));
    }

    @Test
    void onlyPlatformAdminsRotate() {
        given().auth().oauth2(Tokens.of("owner-x")).when().post("/api/v1/admin/at-rest-key-rotation").then()
                .statusCode(403);
        given().when().post("/api/v1/admin/at-rest-key-rotation").then().statusCode(401);
    }

    private void assertOpens(UUID id, Map<String, Object> submitted) {
        ReportContent content = QuarkusTransaction.requiringNew()
                .call(() -> vault.open(reports.byId(id).orElseThrow()));
        String contact = QuarkusTransaction.requiringNew()
                .call(() -> vault.openContact(reports.byId(id).orElseThrow()));
        assertEquals(submitted.get("description"), content.description());
        assertEquals(submitted.get("title"), content.title());
        assertEquals(List.of("CWE-89"), content.cweIds());
        assertEquals("rotation@example.org", contact);
    }

    private static UUID reportId(String trackingId) {
        try (Connection c = TestDatabase.superuser().getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT id FROM intake.report WHERE tracking_id = ?")) {
            ps.setString(1, trackingId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return (UUID) rs.getObject(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<byte[]> ciphertexts(UUID id) {
        List<byte[]> out = new ArrayList<>();
        try (Connection c = TestDatabase.superuser().getConnection(); PreparedStatement ps = c
                .prepareStatement("SELECT ciphertext FROM intake.report_field WHERE report_id = ? ORDER BY name")) {
            ps.setObject(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getBytes(1));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }
}
