package dev.embargo.triage.advisory;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Who publishes the advisories and under which identifiers. */
@ConfigMapping(prefix = "embargo.advisory")
interface AdvisoryConfig {

    /** OSV ids need a registered database prefix; a self-hosted database without one uses the schema's x_ prefix. */
    @WithDefault("x_embargo-")
    String osvIdPrefix();

    /** Where published advisories are linked from (every format needs at least one reference URL). */
    @WithDefault("https://security.invalid/advisories/")
    String referenceBaseUrl();

    /** CSAF publisher name and namespace (a URL the publisher controls). */
    @WithDefault("Embargo")
    String publisherName();

    @WithDefault("https://security.invalid")
    String publisherNamespace();

    /** The CNA's organisation UUID for CVE JSON 5 provider metadata; set it to yours before submitting records. */
    @WithDefault("00000000-0000-4000-8000-000000000000")
    String cnaOrgId();
}
