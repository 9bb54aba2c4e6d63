package dev.embargo.triage;

import dev.embargo.testing.TokenContract;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class TokenTest extends TokenContract {

    @Override
    protected String authenticatedPath() {
        return "/api/v1/cases";
    }
}
