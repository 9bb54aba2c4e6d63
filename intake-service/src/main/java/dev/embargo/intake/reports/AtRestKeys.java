package dev.embargo.intake.reports;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.embargo.platform.crypto.Ciphers;
import dev.embargo.platform.crypto.FieldCipher;

/** The cipher report content is stored under: the platform's at-rest keyset (a seam tests use to rotate keys). */
@ApplicationScoped
class AtRestKeys {

    @Inject
    Ciphers ciphers;

    public FieldCipher cipher() {
        return ciphers.atRest();
    }
}
