package org.weft.ejb.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class WeftSettingsTest {

    @Test
    void defaultsApplyWhenNothingIsSet() {
        WeftSettings settings = new WeftSettings(name -> null);
        assertEquals("localhost:8008", settings.serverName().toString());
        assertEquals("http://localhost:8008/", settings.publicBaseUrl());
        assertEquals("localhost:8448", settings.federationEndpoint());
        assertTrue(settings.registrationEnabled());
        assertTrue(settings.registrationSharedSecret().isEmpty());
        assertEquals(12, settings.bcryptCost());
        assertEquals(new RateLimitSettings(0.17, 5), settings.rateLimit("login_address", 0.17, 5));
    }

    @Test
    void valuesAreParsedAndMalformedOnesFallBackToDefaults() {
        WeftSettings settings = new WeftSettings(Map.of(
                "weft.server_name", "chat.example.com",
                "weft.public_baseurl", "https://chat.example.com",
                "weft.registration.enabled", "off",
                "weft.password.bcrypt_cost", "99",
                "weft.access_token.lifetime_ms", "soon",
                "weft.ratelimit.message.per_second", "2.5")::get);
        assertEquals("chat.example.com", settings.serverName().toString());
        assertEquals("https://chat.example.com/", settings.publicBaseUrl());
        assertEquals("chat.example.com:8448", settings.federationEndpoint());
        assertFalse(settings.registrationEnabled());
        assertEquals(31, settings.bcryptCost(), "clamped to bcrypt's range");
        assertEquals(300_000L, settings.accessTokenLifetimeMs(), "malformed: default");
        assertEquals(2.5, settings.rateLimit("message", 10, 50).perSecond());
    }
}
