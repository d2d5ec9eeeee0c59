package io.logplane.api.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokensTest {

  @TempDir Path dir;

  @Test
  void createsAnAdminTokenAndKeepsItAcrossReloads() throws Exception {
    Tokens tokens = Tokens.loadOrCreate(dir);
    String admin = tokens.adminToken();
    assertTrue(admin.matches("[A-Za-z0-9_-]{43}"), admin);
    assertEquals(Optional.of(new User("admin", List.of("system:masters"))), tokens.lookup(admin));
    assertEquals(admin, Tokens.loadOrCreate(dir).adminToken());

    Path file = dir.resolve("pki/tokens.csv");
    assertEquals(admin + ",admin,admin,system:masters\n", Files.readString(file));
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
  }

  @Test
  void unknownEmptyAndNearMissTokensFindNobody() {
    Tokens tokens = Tokens.loadOrCreate(dir);
    String admin = tokens.adminToken();
    assertEquals(Optional.empty(), tokens.lookup(null));
    assertEquals(Optional.empty(), tokens.lookup(""));
    assertEquals(Optional.empty(), tokens.lookup(admin.substring(1)));
    assertEquals(Optional.empty(), tokens.lookup(admin + "x"));
  }

  @Test
  void addedTokensAuthenticateNowAndAfterReload() {
    Tokens tokens = Tokens.loadOrCreate(dir);
    User node = new User("system:node:n1", List.of("system:nodes", "system:authenticated"));
    String token = tokens.add(node);
    assertNotEquals(tokens.adminToken(), token);
    assertEquals(Optional.of(node), tokens.lookup(token));
    assertEquals(Optional.of(node), Tokens.loadOrCreate(dir).lookup(token));
  }

  @Test
  void readsAKubeStaticTokenFileAndAddsTheAdminLine() throws Exception {
    Files.createDirectories(dir.resolve("pki"));
    Files.writeString(dir.resolve("pki/tokens.csv"),
        "abc123,alice,1001,\"dev,\"\"ops\"\"\"\n\nxyz,bob,1002\n");
    Tokens tokens = Tokens.loadOrCreate(dir);
    assertEquals(Optional.of(new User("alice", List.of("dev", "\"ops\""))), tokens.lookup("abc123"));
    assertEquals(Optional.of(new User("bob", List.of())), tokens.lookup("xyz"));
    assertEquals("admin", tokens.lookup(tokens.adminToken()).orElseThrow().name());
    Tokens reloaded = Tokens.loadOrCreate(dir);
    assertEquals(tokens.adminToken(), reloaded.adminToken());
    assertEquals(Optional.of(new User("alice", List.of("dev", "\"ops\""))), reloaded.lookup("abc123"));
  }

  @Test
  void aMalformedFileIsRejectedWithItsLine() throws Exception {
    Files.createDirectories(dir.resolve("pki"));
    Files.writeString(dir.resolve("pki/tokens.csv"), "abc,alice,1\nonly-two,fields\n");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Tokens.loadOrCreate(dir));
    assertTrue(e.getMessage().contains("line 2"), e.getMessage());
  }
}
