package dev.embargo.platform.crypto;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;

/**
 * Authenticated encryption of single fields with one keyset. The associated data names the row and field a value
 * belongs to ({@code report:<id>:title}), so a ciphertext copied to another row or field does not decrypt.
 */
public final class FieldCipher {

    private final Aead aead;
    private final int primaryKeyId;

    public FieldCipher(KeysetHandle keyset) {
        try {
            this.aead = keyset.getPrimitive(RegistryConfiguration.get(), Aead.class);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("keyset cannot encrypt", e);
        }
        this.primaryKeyId = keyset.getPrimary().getId();
    }

    public byte[] encrypt(String plaintext, String boundTo) {
        if (plaintext == null) {
            return null;
        }
        try {
            return aead.encrypt(plaintext.getBytes(StandardCharsets.UTF_8), boundTo.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("encryption failed", e);
        }
    }

    public String decrypt(byte[] ciphertext, String boundTo) {
        if (ciphertext == null) {
            return null;
        }
        try {
            return new String(aead.decrypt(ciphertext, boundTo.getBytes(StandardCharsets.UTF_8)),
                    StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("ciphertext does not open for " + boundTo.replaceAll(":.*", ":…"));
        }
    }

    public String encryptToBase64(String plaintext, String boundTo) {
        byte[] ct = encrypt(plaintext, boundTo);
        return ct == null ? null : Base64.getEncoder().encodeToString(ct);
    }

    public String decryptFromBase64(String ciphertext, String boundTo) {
        return ciphertext == null ? null : decrypt(Base64.getDecoder().decode(ciphertext), boundTo);
    }

    /** Whether a ciphertext was made with the current primary key; false means it should be re-encrypted. */
    public boolean isUnderPrimaryKey(byte[] ciphertext) {
        // Tink's prefix: one version byte, then the 4-byte key id.
        return ciphertext != null && ciphertext.length > 5
                && ByteBuffer.wrap(ciphertext, 1, 4).getInt() == primaryKeyId;
    }

    public int primaryKeyId() {
        return primaryKeyId;
    }
}
