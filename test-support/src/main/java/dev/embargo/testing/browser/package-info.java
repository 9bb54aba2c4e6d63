/**
 * The browser-test kit: real components for tests that use the web pages as a person would.
 * <ul>
 * <li>{@link dev.embargo.testing.browser.TestKeycloak}: a real Keycloak (the distribution {@code ./platform} runs) as a
 * child process, with a realm built in code by {@link dev.embargo.testing.browser.KeycloakRealm}.</li>
 * <li>{@link dev.embargo.testing.browser.TestBrowser}: headless Debian Chromium through Selenium and chromedriver.</li>
 * <li>{@link dev.embargo.testing.browser.Axe}: axe-core accessibility checks of the page shown.</li>
 * <li>{@link dev.embargo.testing.browser.Screenshots}: full-page PNGs at 1280 and 390 px.</li>
 * </ul>
 * A module with browser tests adds, besides {@code test-support}, Selenium itself (test-support declares it optional,
 * so the services' test classpaths do not get it):
 *
 * <pre>{@code
 * <dependency>
 *   <groupId>org.seleniumhq.selenium</groupId>
 *   <artifactId>selenium-java</artifactId>
 *   <scope>test</scope>
 * </dependency>
 * }</pre>
 *
 * A test then reads like this:
 *
 * <pre>{@code
 * static final KeycloakRealm REALM = KeycloakRealm.named("embargo").roles("reporter")
 *         .publicClient("embargo-portal", "http://localhost:" + PORTAL_PORT + "/*").directGrantClient("embargo-cli")
 *         .user(KeycloakRealm.user(OWNER_ID, "owner", OWNER_PASSWORD).roles("reporter"));
 *
 * TestKeycloak keycloak = TestKeycloak.shared(REALM); // quarkus.oidc.auth-server-url = keycloak.realmUrl()
 * try (TestBrowser browser = TestBrowser.start()) {
 *     browser.open(portalUrl + "/cases"); // redirects to Keycloak's login form
 *     browser.driver().findElement(By.id("username")).sendKeys("owner");
 *     browser.driver().findElement(By.id("password")).sendKeys(OWNER_PASSWORD);
 *     browser.driver().findElement(By.id("kc-login")).click();
 *     Axe.assertNoSeriousViolations(browser.driver(), "case list");
 *     Screenshots.take(browser.driver(), repo.resolve("docs/screenshots"), "case-list");
 * }
 * }</pre>
 *
 * Everything is fetched by the build or by the kit on first use, never by hand: the Keycloak zip is a Maven dependency,
 * axe-core is installed with npm into {@code target/}, and Chromium with apt when the test runs as root. Nothing is
 * skipped: a missing piece fails the test with what is missing and how to install it.
 */
package dev.embargo.testing.browser;
