package cn.shanghai.techfinance.traffic;

import java.util.SplittableRandom;
import java.util.UUID;

/**
 * Version-4-shaped UUIDs drawn from a seeded generator: reproducible, yet as unlikely to collide as
 * random ones (SplittableRandom's 64-bit state, not java.util.Random's 48 bits).
 */
final class EventIds {

    private final SplittableRandom random;

    EventIds(SplittableRandom random) {
        this.random = random;
    }

    String next() {
        long most = (random.nextLong() & ~0xF000L) | 0x4000L;
        long least = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(most, least).toString();
    }
}
