package dev.embargo.credits.halloffame;

import dev.embargo.credits.link.SafeLink;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/**
 * The hall of fame as a small complete HTML page. Qute escapes every value ({@code < > & " '}) because the template is
 * HTML; links are only ever {@link SafeLink}s, and the resource adds a Content-Security-Policy that allows no script.
 */
final class HtmlHall {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance page(HallOfFame hall);
    }

    private HtmlHall() {
    }

    static String render(HallOfFame hall) {
        return Templates.page(hall).render();
    }
}
