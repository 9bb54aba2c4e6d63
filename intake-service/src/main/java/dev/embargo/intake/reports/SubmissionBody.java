package dev.embargo.intake.reports;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.embargo.platform.problem.Problem;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * Reads a submission's body whole on the event loop, once {@link FloodGate} has let the request through. RESTEasy
 * Reactive reads the body of a blocking endpoint on the worker thread, through a stream the event loop feeds chunk by
 * chunk with a lock and a wake-up each time; intake's profile showed that hand-off at about a tenth of its CPU. A body
 * already read is handed to the endpoint as a byte array instead. A body over the limit that did not announce its
 * length gets the same problem+json 413 as one that did ({@link BodyLimit}).
 */
@ApplicationScoped
class SubmissionBody {

    void install(@Observes Router router,
            @ConfigProperty(name = "quarkus.http.limits.max-body-size", defaultValue = "10240K") MemorySize limit) {
        // After BodyLimit and FloodGate: an oversized or refused request is answered before its body is read.
        router.postWithRegex(FloodGate.SUBMIT_PATH).order(Integer.MIN_VALUE + 2)
                .handler(BodyHandler.create(false).setBodyLimit(limit.asLongValue())).failureHandler(rc -> {
                    if (rc.statusCode() == 413 && !rc.response().ended()) {
                        rc.response().setStatusCode(413).putHeader("Content-Type", Problem.MEDIA_TYPE)
                                .putHeader("Connection", "close").end(BodyLimit.BODY);
                    } else {
                        rc.next();
                    }
                });
    }
}
