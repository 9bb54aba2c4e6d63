package dev.embargo.platform.support;

import java.time.Clock;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import dev.embargo.events.EventCodec;
import io.quarkus.arc.DefaultBean;

/** Beans every service uses: the event codec and the clock (replaceable in tests that move time). */
@Singleton
public class PlatformBeans {

    @Produces
    @Singleton
    EventCodec eventCodec() {
        return new EventCodec();
    }

    @Produces
    @Singleton
    @DefaultBean
    Clock clock() {
        return Clock.systemUTC();
    }
}
