package dev.embargo.triage.sealing;

import dev.embargo.platform.crypto.FieldCipher;

/**
 * An entity whose sensitive columns are AEAD ciphertexts under the at-rest keyset, bound to their row and field. The
 * aggregate works with the plaintext; {@link ColumnSealing} seals it on the way to the database and opens it on load.
 */
public interface SealedColumns {

    /** Before an insert or update: seals every plaintext whose ciphertext is missing or stale. */
    void sealColumns(FieldCipher atRest);

    /** After a load: opens the ciphertexts (or takes a plaintext from before the columns were sealed). */
    void openColumns(FieldCipher atRest);

    /**
     * What a mutator puts in a sealed column when it changes the plaintext: a value no ciphertext has, so the entity is
     * dirty (and its update callback runs) even when only the transient plaintext changed.
     */
    static byte[] stale() {
        return new byte[0];
    }

    /**
     * Whether a column must be (re)sealed before a write: its plaintext changed, or it holds a plaintext not sealed yet
     * (a new row, or one from before the column was sealed, whose legacy plaintext column is then cleared).
     */
    static boolean needsSealing(byte[] sealed, String plaintext) {
        return sealed != null && sealed.length == 0 || sealed == null && plaintext != null;
    }
}
