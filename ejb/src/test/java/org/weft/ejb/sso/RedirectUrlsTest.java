package org.weft.ejb.sso;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.weft.core.error.ErrCode;
import org.weft.core.error.MatrixException;
import org.weft.ejb.config.SsoSettings;

class RedirectUrlsTest {

    private static final SsoSettings ANY = new SsoSettings(List.of(), 30_000, 600_000, List.of(), null, List.of());
    private static final SsoSettings ONLY_ELEMENT = new SsoSettings(
            List.of("https://element.corp.example/", "im.riot.app://"), 30_000, 600_000, List.of(), null, List.of());

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "https://app.example/|https://app.example/?loginToken=T",
            "https://app.example/?a=1|https://app.example/?a=1&loginToken=T",
            "https://app.example/?loginToken=old&a=1|https://app.example/?a=1&loginToken=T",
            "https://app.example/?a=1&loginToken=x&loginToken=y|https://app.example/?a=1&loginToken=T",
            "https://app.example/?loginTokenish=1|https://app.example/?loginTokenish=1&loginToken=T",
            "https://app.example/?a=1#/room/x?y|https://app.example/?a=1&loginToken=T#/room/x?y",
            "https://app.example/#/login|https://app.example/?loginToken=T#/login",
    })
    void theLoginTokenReplacesAnyBefore(String url, String expected) {
        assertEquals(expected, RedirectUrls.withLoginToken(url, "T"));
    }

    @Test
    void tokensAreEncoded() {
        assertEquals("https://a/?loginToken=a%2Bb", RedirectUrls.withLoginToken("https://a/", "a+b"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"relative/path", "javascript:alert(1)", "//a/b", "mailto:x@y", "ht tp://x"})
    void malformedUrlsAreInvalidParams(String url) {
        MatrixException e = assertThrows(MatrixException.class, () -> RedirectUrls.check(url, ANY));
        assertEquals(ErrCode.M_INVALID_PARAM, e.errcode());
    }

    @Test
    void aMissingUrlIsAMissingParam() {
        assertEquals(ErrCode.M_MISSING_PARAM,
                assertThrows(MatrixException.class, () -> RedirectUrls.check(" ", ANY)).errcode());
    }

    @Test
    void theAllowListDecides() {
        RedirectUrls.check("https://element.corp.example/#/login", ONLY_ELEMENT);
        RedirectUrls.check("im.riot.app://auth", ONLY_ELEMENT);
        MatrixException e = assertThrows(MatrixException.class,
                () -> RedirectUrls.check("https://element.corp.example.evil/", ONLY_ELEMENT));
        assertEquals(ErrCode.M_FORBIDDEN, e.errcode());
        RedirectUrls.check("https://anything.example/", ANY);
        for (String lookalike : List.of("https://element.corp.example.evil.net/", "http://element.corp.example/",
                "https://element.corp.example:8443/", "im.riot.app.evil://x")) {
            assertEquals(ErrCode.M_FORBIDDEN,
                    assertThrows(MatrixException.class, () -> RedirectUrls.check(lookalike, ONLY_ELEMENT)).errcode(),
                    lookalike);
        }
    }

    @Test
    void userInformationAndOverlongUrlsAreRefused() {
        assertEquals(ErrCode.M_INVALID_PARAM, assertThrows(MatrixException.class,
                () -> RedirectUrls.check("https://element.corp.example@evil.net/", ANY)).errcode());
        assertEquals(ErrCode.M_INVALID_PARAM, assertThrows(MatrixException.class,
                () -> RedirectUrls.check("https://a.example/" + "x".repeat(2048), ANY)).errcode());
    }

    @Test
    void theClientIsNamedByItsOrigin() {
        assertEquals("https://app.example:8443", RedirectUrls.clientName("https://app.example:8443/x?y=1"));
        assertEquals("im.riot.app://auth", RedirectUrls.clientName("im.riot.app://auth"));
    }
}
