package dev.embargo.intake.demo;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Demo projects for the local run: the five example policies, owned and maintained by demo users. */
@ConfigMapping(prefix = "embargo.demo")
public interface DemoConfig {

    /** Off by default so a production start never creates demo data; the dev profile turns it on. */
    @WithDefault("false")
    boolean enabled();

    @WithDefault("demo-owner")
    String ownerSubject();

    @WithDefault("demo-owner@embargo.localhost")
    String ownerEmail();

    @WithDefault("demo-maintainer")
    String maintainerSubject();

    @WithDefault("demo-maintainer@embargo.localhost")
    String maintainerEmail();
}
