package dev.embargo.intake.projects;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.embargo.events.ProjectMembershipChanged.Role;
import dev.embargo.intake.Refused;

class MembershipTest {

    static Membership owner() {
        return new Membership(UUID.randomUUID(), "owner-1", Role.OWNER, "o@example.org", Instant.now());
    }

    @Test
    void theLastOwnerCannotBeDemotedNorLeave() {
        Membership owner = owner();
        var demoted = assertThrows(Refused.class, () -> owner.update(Role.MAINTAINER, null, () -> false));
        assertEquals("last-owner", demoted.kind());
        assertEquals(Refused.Why.CONFLICT, demoted.why());
        assertTrue(owner.isOwner(), "a refused change changes nothing");
        assertEquals("last-owner", assertThrows(Refused.class, () -> owner.end(() -> false)).kind());
    }

    @Test
    void anOwnerMayStepDownWhenAnotherOwnerStays() {
        Membership owner = owner();
        assertTrue(owner.update(Role.MAINTAINER, null, () -> true));
        assertFalse(owner.isOwner());
    }

    @Test
    void changesThatKeepAnOwnerNeverAskForAnother() {
        Membership owner = owner();
        assertFalse(owner.update(Role.OWNER, "new@example.org", () -> {
            throw new AssertionError("asked although the role stays");
        }));
        assertEquals("new@example.org", owner.email());
        var maintainer = new Membership(UUID.randomUUID(), "m-1", Role.MAINTAINER, null, Instant.now());
        maintainer.end(() -> {
            throw new AssertionError("asked although a maintainer leaves");
        });
    }
}
