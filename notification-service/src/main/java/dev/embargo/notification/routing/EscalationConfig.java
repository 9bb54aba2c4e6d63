package dev.embargo.notification.routing;

import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;

/** Who hears of escalations beyond a project's own members. */
@ConfigMapping(prefix = "embargo.escalation")
interface EscalationConfig {

    /**
     * Addresses of the platform admins (a team mailbox). A breached disclosure deadline is mailed there as well as to
     * the lead project's members: the platform promised the reporter a disclosure it does not make on its own.
     */
    Optional<List<String>> platformAdminEmails();
}
