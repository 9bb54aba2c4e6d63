package dev.embargo.notification.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import dev.embargo.platform.problem.ProblemException;

class MailHeadersTest {

    @Test
    void acceptsPlainAddressesOnly() {
        assertTrue(MailHeaders.isSafeAddress("rita@example.org"));
        assertFalse(MailHeaders.isSafeAddress("rita@example.org\r\nBcc: x@example.org"));
        assertFalse(MailHeaders.isSafeAddress("rita@example.org\nBcc: x@example.org"));
        assertFalse(MailHeaders.isSafeAddress("Rita <rita@example.org>"));
        assertFalse(MailHeaders.isSafeAddress("a@b.org, c@d.org"));
        assertFalse(MailHeaders.isSafeAddress(null));
    }

    @Test
    void refusesLineBreaksWithProblemThatDoesNotEchoTheValue() {
        var e = assertThrows(ProblemException.class,
                () -> MailHeaders.refuseInjection("name", "Rita\r\nBcc: secret@example.org"));
        assertEquals("urn:embargo:problem:header-injection", e.problem().type());
        assertFalse(e.problem().toString().contains("secret"));
        MailHeaders.refuseInjection("name", "Rita Reporter");
        MailHeaders.refuseInjection("name", null);
    }
}
