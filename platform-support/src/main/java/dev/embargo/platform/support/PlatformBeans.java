package dev.embargo.platform.support;

import java.time.Clock;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.embargo.events.EventCodec;
import io.quarkus.arc.DefaultBean;

/** Beans every service uses: the event codec and the clock (replaceable in tests that move time). */
@Singleton
public class PlatformBeans {

    @Produces
    @Singleton
    EventCodec eventCodec(ObjectMapper json) {
        // The service's one mapper (Quarkus'), so events and the REST API share its modules.
        return new EventCodec(json);
    }

    @Produces
    @Singleton
    @DefaultBean
    Clock clock() {
        return Clock.systemUTC();
    }
}
