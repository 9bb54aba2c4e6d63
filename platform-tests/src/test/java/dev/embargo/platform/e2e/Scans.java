package dev.embargo.platform.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;

/** Looks for a secret in every file under a directory, as plain text and in base64 (at each of the three offsets). */
final class Scans {

    private Scans() {
    }

    static List<String> filesContaining(Path root, String secret) {
        List<byte[]> needles = new ArrayList<>();
        needles.add(secret.getBytes(StandardCharsets.UTF_8));
        for (int offset = 0; offset < 3; offset++) {
            // base64 of the secret preceded by 0-2 bytes: the stable middle part appears whatever the alignment.
            String b64 = Base64.getEncoder()
                    .encodeToString(("xx".substring(0, offset) + secret).getBytes(StandardCharsets.UTF_8));
            needles.add(b64.substring(4, b64.length() - 4).getBytes(StandardCharsets.US_ASCII));
        }
        List<String> hits = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            files.filter(Files::isRegularFile).forEach(f -> {
                try {
                    byte[] content = Files.readAllBytes(f);
                    for (byte[] needle : needles) {
                        if (indexOf(content, needle) >= 0) {
                            hits.add(f.toString());
                            return;
                        }
                    }
                } catch (IOException e) {
                    // a file removed while we walk (WAL recycling, log roll) cannot hold the secret any more
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return hits;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer: for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
