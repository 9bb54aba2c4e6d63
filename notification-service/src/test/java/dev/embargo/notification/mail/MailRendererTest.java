package dev.embargo.notification.mail;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** Each kind of mail renders its own typed template, with the shared footer, in text and HTML. */
@QuarkusTest
class MailRendererTest {

    @Inject
    MailRenderer renderer;

    @Test
    void rendersTheKindsOwnSentenceAndTheFooterInBothFormats() {
        var about = Regarding.of("openpanel", "OP-2026-0042", "https://embargo.example/cases/OP-2026-0042")
                .withSeverity("HIGH");

        MailRenderer.Rendered mail = renderer.render(new Notice.SlaWarning(about, "fix", "2026-06-01T09:00:00Z"));

        assertThat(mail.subject(), equalTo("[Embargo] openpanel OP-2026-0042: SLA deadline approaching"));
        assertThat(mail.text(), containsString("The fix deadline of OP-2026-0042 (openpanel) is approaching"));
        assertThat(mail.text(), containsString("Severity: HIGH"));
        assertThat(mail.text(), containsString("Details: https://embargo.example/cases/OP-2026-0042"));
        assertThat(mail.html(), containsString("<strong>OP-2026-0042</strong>"));
        assertThat(mail.html(), containsString("<a href=\"https://embargo.example/cases/OP-2026-0042\">"));
    }

    @Test
    void escapesValuesInHtmlButNotInText() {
        var about = Regarding.of("openpanel", "OP-2026-0042", "https://embargo.example/")
                .withTitle("<script>x</script>");

        MailRenderer.Rendered mail = renderer.render(new Notice.Published(about));

        assertThat(mail.text(), containsString("Title: <script>x</script>"));
        assertThat(mail.html(), not(containsString("<script>")));
        assertThat(mail.html(), containsString("&lt;script&gt;"));
    }
}
