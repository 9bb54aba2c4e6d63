package dev.embargo.notification.mail;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How notification mails are written. */
@ConfigMapping(prefix = "embargo.mail")
public interface MailConfig {

    /**
     * Base of the links in mails. Mails carry a link instead of details, so the reader signs in to see the case; the
     * default suits ./platform up, production sets the public address.
     */
    @WithDefault("http://localhost:8080")
    String linkBaseUrl();
}
