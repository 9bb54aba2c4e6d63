package dev.embargo.portal.services;

import java.util.LinkedHashMap;

/**
 * A service's JSON object as the pages read it ({@code {case.trackingId}} in a template). The portal renders what the
 * services answer and decides nothing from it: every rule stays in the service that owns it.
 */
public class Json extends LinkedHashMap<String, Object> {

    private static final long serialVersionUID = 1L;

    public static Json of(Object... keyValues) {
        Json j = new Json();
        for (int i = 0; i + 1 < keyValues.length; i += 2) {
            if (keyValues[i + 1] != null) {
                j.put((String) keyValues[i], keyValues[i + 1]);
            }
        }
        return j;
    }

    public String text(String key) {
        Object v = get(key);
        return v == null ? null : v.toString();
    }
}
