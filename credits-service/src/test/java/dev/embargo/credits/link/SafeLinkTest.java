package dev.embargo.credits.link;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import java.util.Optional;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SafeLinkTest {

    @ParameterizedTest
    @ValueSource(strings = { "javascript:alert(1)", "JavaScript:alert(1)", " javascript:alert(1)",
            "java\tscript:alert(1)", "data:text/html;base64,PHNjcmlwdD4=", "vbscript:msgbox(1)", "//evil.example/x",
            "/relative", "https://user:pw@evil.example/", "ftp://files.example/", "https://", "http:evil",
            "https://a.example/\"onmouseover=\"x", "https://a.example/<script>", "mailto:a@example.org", "" })
    void refusesLinksThatAreNotPlainHttp(String raw) {
        assertThat(SafeLink.normalize(raw), equalTo(Optional.empty()));
    }

    @ParameterizedTest
    @ValueSource(strings = { "https://alice.example", "http://alice.example/about?x=1&y=2", "HTTPS://Alice.example/p" })
    void acceptsHttpAndHttpsLinks(String raw) {
        assertThat(SafeLink.normalize(raw).orElseThrow(), startsWith("http"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "https://a.example/wiki/Foo_(bar))(javascript:alert(1)", "https://a.example/it's",
            "https://a.example/*a*" })
    void percentEncodesCharactersThatCouldEndAMarkdownLinkOrAttribute(String raw) {
        String link = SafeLink.normalize(raw).orElseThrow();
        for (String c : new String[] { "(", ")", "[", "]", "'", "*" }) {
            assertThat(link, not(containsString(c)));
        }
    }
}
