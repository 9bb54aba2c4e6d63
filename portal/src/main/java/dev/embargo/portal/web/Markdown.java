package dev.embargo.portal.web;

import java.util.regex.Pattern;

import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.owasp.html.HtmlPolicyBuilder;
import org.owasp.html.PolicyFactory;

import io.quarkus.qute.RawString;
import io.quarkus.qute.TemplateExtension;

/**
 * User-supplied Markdown (reports, messages, policies) as safe HTML: CommonMark with raw HTML escaped, then the OWASP
 * sanitiser, which keeps formatting only, links only to http, https and mailto with {@code rel="noopener noreferrer
 * nofollow"}, and no images (an image in a report would tell its author's server who read it, and when). In templates:
 * {@code {text.markdown}}.
 */
@TemplateExtension(namespace = "md")
public final class Markdown {

    private static final Parser PARSER = Parser.builder().build();
    private static final HtmlRenderer RENDERER = HtmlRenderer.builder().escapeHtml(true).sanitizeUrls(true).build();
    private static final PolicyFactory POLICY = new HtmlPolicyBuilder()
            .allowElements("p", "br", "hr", "em", "strong", "code", "pre", "blockquote", "ul", "ol", "li", "h1", "h2",
                    "h3", "h4", "h5", "h6", "a", "table", "thead", "tbody", "tr", "th", "td", "del")
            .allowUrlProtocols("http", "https", "mailto").allowAttributes("href").onElements("a")
            .requireRelsOnLinks("noopener", "noreferrer", "nofollow").allowAttributes("start")
            .matching(Pattern.compile("[0-9]{1,6}")).onElements("ol").toFactory();

    private Markdown() {
    }

    /** The Markdown as sanitised HTML; null and blank become nothing. */
    public static RawString render(Object text) {
        if (text == null || text.toString().isBlank()) {
            return new RawString("");
        }
        return new RawString(POLICY.sanitize(RENDERER.render(PARSER.parse(text.toString()))));
    }
}
