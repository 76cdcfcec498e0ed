package dev.tokenguard.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** RFC 6749 §3.3 scope-tokens, for every place TokenGuard reads a scope. */
class ScopesTest {

    @Test
    void aStringIsSplitOnSpacesOnly() {
        assertEquals(List.of("read", "write"), Scopes.parse("read write"));
        assertEquals(List.of("read", "write"), Scopes.parse("  read   write read "));
        assertEquals(List.of(), Scopes.parse(""));
        assertEquals(List.of(), Scopes.parse(null));
        assertEquals(List.of("https://graph.example.com/.default", "a!#$%&'()*+,-./:;<=>?@[]^_`{|}~"),
                Scopes.parse("https://graph.example.com/.default a!#$%&'()*+,-./:;<=>?@[]^_`{|}~"));
    }

    @Test
    void aListKeepsEachEntryExactly() {
        assertEquals(List.of("read", "write"), Scopes.parse(List.of("read", "write", "read")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"admin\u2003", "\u00a0admin", "adm\"in", "adm\\in", "read\tadmin", "read\nadmin",
        "read\radmin", "admin\u0000", "ädmin", "admin\u200b", "admin\u202e", "\ud800admin", "admin\u007f"})
    void anythingButScopeTokensIsRefusedNeverRepaired(String scope) {
        IllegalArgumentException inString = assertThrows(IllegalArgumentException.class, () -> Scopes.parse(scope));
        assertFalse(inString.getMessage().contains(scope), "the message does not quote the value");
        assertThrows(IllegalArgumentException.class, () -> Scopes.parse(List.of("read", scope)));
        assertThrows(IllegalArgumentException.class, () -> Scopes.names(List.of(scope)));
        assertFalse(Scopes.isScopeToken(scope));
    }

    @Test
    void listEntriesAreNeitherTrimmedNorSplit() {
        for (String entry : List.of(" admin", "admin ", "", "read admin")) {
            assertThrows(IllegalArgumentException.class, () -> Scopes.parse(List.of(entry)), entry);
        }
    }

    @Test
    void otherTypesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> Scopes.parse(42L));
        assertThrows(IllegalArgumentException.class, () -> Scopes.parse(Map.of("read", true)));
        assertThrows(IllegalArgumentException.class, () -> Scopes.parse(Arrays.asList("read", null)));
        assertThrows(IllegalArgumentException.class, () -> Scopes.parse(List.of("read", 7L)));
    }

    @Test
    void configuredNamesAreCheckedTheSameWay() {
        assertEquals(List.of("read", "admin"), Scopes.names(List.of("read", "admin", "read")));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Scopes.names(List.of("read", "two words")));
        assertTrue(e.getMessage().contains("RFC 6749"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> RequiredScopes.of(List.of("admin\u2003")));
    }
}
