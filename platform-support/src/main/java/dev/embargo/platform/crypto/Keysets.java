package dev.embargo.platform.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;

import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;

/**
 * Creates, rotates and (de)serialises AEAD keysets (AES-256-GCM). Also a command line for operators:
 * {@code java -cp … dev.embargo.platform.crypto.Keysets new} prints a fresh base64 keyset; {@code … rotate <keyset>}
 * prints it with a new primary key added and the old ones kept for decryption.
 */
public final class Keysets {

    static {
        try {
            AeadConfig.register();
        } catch (GeneralSecurityException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private Keysets() {
    }

    public static KeysetHandle generate() {
        try {
            return KeysetHandle.newBuilder()
                    .addEntry(KeysetHandle.generateEntryFromParametersName("AES256_GCM").withRandomId().makePrimary())
                    .build();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("could not generate a keyset", e);
        }
    }

    /** A keyset with one more key, made primary; older keys stay for decryption. */
    public static KeysetHandle rotate(KeysetHandle keyset) {
        try {
            return KeysetHandle.newBuilder(keyset)
                    .addEntry(KeysetHandle.generateEntryFromParametersName("AES256_GCM").withRandomId().makePrimary())
                    .build();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("could not rotate the keyset", e);
        }
    }

    public static String toBase64(KeysetHandle keyset) {
        try {
            String json = TinkJsonProtoKeysetFormat.serializeKeyset(keyset, InsecureSecretKeyAccess.get());
            return Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("could not serialise the keyset", e);
        }
    }

    public static KeysetHandle fromBase64(String base64) {
        try {
            String json = new String(Base64.getDecoder().decode(base64.trim()), StandardCharsets.UTF_8);
            return TinkJsonProtoKeysetFormat.parseKeyset(json, InsecureSecretKeyAccess.get());
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("the configured keyset is not a base64 Tink JSON keyset");
        }
    }

    public static void main(String[] args) {
        if (args.length == 1 && args[0].equals("new")) {
            System.out.println(toBase64(generate()));
        } else if (args.length == 2 && args[0].equals("rotate")) {
            System.out.println(toBase64(rotate(fromBase64(args[1]))));
        } else {
            System.err.println("usage: Keysets new | Keysets rotate <base64-keyset>");
            System.exit(2);
        }
    }
}
