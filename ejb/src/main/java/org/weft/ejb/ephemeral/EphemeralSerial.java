package org.weft.ejb.ephemeral;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The serial of changes that live outside the database (typing, presence), carried by sync tokens
 * beside the stream position. It starts at the clock, so tokens handed out before a restart never
 * look newer than what follows it. Per node (docs/adr/0009).
 */
@ApplicationScoped
public class EphemeralSerial {

    private final AtomicLong serial = new AtomicLong(System.currentTimeMillis());

    public long current() {
        return serial.get();
    }

    public long next() {
        return serial.incrementAndGet();
    }
}
