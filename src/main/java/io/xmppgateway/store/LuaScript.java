package io.xmppgateway.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A Lua script run by Redis as one atomic step, called by its SHA-1 ({@code EVALSHA}) so that its text is sent only
 * when the server does not know it yet — after a restart, say.
 */
record LuaScript(String text, String sha1) {

    static LuaScript of(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8));
            return new LuaScript(text, HexFormat.of().formatHex(digest));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Adds to the counters of a hash only if none passes its cap, then sets the hash to expire — for several requests
     * in one call, in order, each all or nothing against the counters as the ones before it left them. Request
     * {@code r}: {@code KEYS[r]}, its hash; in {@code ARGV}, one after the other, its expiry (ms since the epoch), its
     * number of counters, then per counter its field, delta and cap (-1: none). Answers one entry per request:
     * {@code {"refused", field}} or {@code {"added", field, total, …}}.
     */
    static final LuaScript ADD_WITHIN_CAPS = of("""
            local answers = {}
            local at = 1
            for r = 1, #KEYS do
              local first, last = at + 2, at + 1 + 3 * tonumber(ARGV[at + 1])
              local refused
              for i = first, last, 3 do
                local cap = tonumber(ARGV[i + 2])
                if cap >= 0 and (tonumber(redis.call('HGET', KEYS[r], ARGV[i])) or 0) + tonumber(ARGV[i + 1]) > cap then
                  refused = ARGV[i]
                  break
                end
              end
              if refused then
                answers[r] = {'refused', refused}
              else
                for i = first, last, 3 do
                  redis.call('HINCRBY', KEYS[r], ARGV[i], ARGV[i + 1])
                end
                redis.call('PEXPIREAT', KEYS[r], ARGV[at])
                local totals = redis.call('HGETALL', KEYS[r])
                table.insert(totals, 1, 'added')
                answers[r] = totals
              end
              at = last + 1
            end
            return answers
            """);

    /** The counters of a hash as a flat list, whichever protocol version the connection speaks. */
    static final LuaScript COUNTERS = of("return redis.call('HGETALL', KEYS[1])");

    /** {@code KEYS[1]} set to {@code ARGV[2]} for {@code ARGV[3]} ms if it holds {@code ARGV[1]}: 1, else 0. */
    static final LuaScript REPLACE_IF_EQUALS = of("""
            if redis.call('GET', KEYS[1]) == ARGV[1] then
              redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
              return 1
            end
            return 0
            """);

    /** {@code KEYS[1]} deleted if it holds {@code ARGV[1]}: 1, else 0. */
    static final LuaScript DELETE_IF_EQUALS = of("""
            if redis.call('GET', KEYS[1]) == ARGV[1] then
              return redis.call('DEL', KEYS[1])
            end
            return 0
            """);
}
