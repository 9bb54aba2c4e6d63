package dev.embargo.testing.browser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chromium.HasCdp;

/**
 * Full-page PNG screenshots of the page a browser shows, at the widths the documentation shows (1280 and 390 CSS px
 * unless others are given), e.g. into {@code docs/screenshots}: {@code <name>-1280.png}, {@code <name>-390.png}.
 * <p>
 * With Chromium the page is laid out at each width through DevTools' device metrics override (the window stays as it
 * was) and captured beyond the viewport, so the image has the page's whole height (at most {@value #MAX_HEIGHT} px);
 * other drivers get the window resized and the viewport only.
 */
public final class Screenshots {

    /** The tallest image taken; a page longer than this is cut. */
    public static final int MAX_HEIGHT = 10_000;

    private Screenshots() {
    }

    /** Saves one PNG per width (default 1280 and 390) into the directory and returns their paths. */
    public static List<Path> take(WebDriver driver, Path directory, String name, int... widths) {
        if (widths.length == 0) {
            widths = new int[] { TestBrowser.DESKTOP_WIDTH, TestBrowser.PHONE_WIDTH };
        }
        if (!name.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("a screenshot name is a file name without slashes: " + name);
        }
        try {
            Files.createDirectories(directory);
            List<Path> files = new ArrayList<>();
            for (int width : widths) {
                Path file = directory.resolve(name + "-" + width + ".png");
                byte[] png = driver instanceof HasCdp cdp ? fullPage(driver, cdp, width) : viewport(driver, width);
                Files.write(file, png);
                files.add(file);
            }
            return List.copyOf(files);
        } catch (IOException e) {
            throw new UncheckedIOException("could not save screenshots of " + name + " in " + directory, e);
        }
    }

    private static byte[] fullPage(WebDriver driver, HasCdp cdp, int width) {
        JavascriptExecutor js = (JavascriptExecutor) driver;
        long viewportHeight = ((Number) js.executeScript("return window.innerHeight")).longValue();
        cdp.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", width, "height", viewportHeight, "deviceScaleFactor", 1, "mobile", false));
        try {
            settle(js);
            long height = ((Number) js.executeScript("""
                    const d = document.documentElement, b = document.body;
                    return Math.max(d.scrollHeight, d.offsetHeight, b ? b.scrollHeight : 0, b ? b.offsetHeight : 0);
                    """)).longValue();
            height = Math.min(Math.max(height, 1), MAX_HEIGHT);
            Map<String, Object> result = cdp.executeCdpCommand("Page.captureScreenshot",
                    Map.of("format", "png", "captureBeyondViewport", true, "fromSurface", true, "clip",
                            Map.of("x", 0, "y", 0, "width", width, "height", height, "scale", 1)));
            return Base64.getDecoder().decode((String) result.get("data"));
        } finally {
            cdp.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
        }
    }

    private static byte[] viewport(WebDriver driver, int width) {
        Dimension before = driver.manage().window().getSize();
        driver.manage().window().setSize(new Dimension(width, before.getHeight()));
        try {
            settle((JavascriptExecutor) driver);
            return ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
        } finally {
            driver.manage().window().setSize(before);
        }
    }

    /** Waits for web fonts and two animation frames, so the new layout is painted. */
    private static void settle(JavascriptExecutor js) {
        js.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                const frames = () => requestAnimationFrame(() => requestAnimationFrame(() => done(true)));
                (document.fonts ? document.fonts.ready : Promise.resolve()).then(frames, frames);
                """);
    }
}
