package org.weft.ejb.sync;

import java.util.LinkedHashMap;
import java.util.Map;
import org.weft.ejb.push.PushActionStore;

/**
 * The unread counts of a joined room's sync section (client-server API, GET /sync:
 * {@code unread_notifications}, and with the timeline filter's {@code unread_thread_notifications}
 * the main timeline's counts there and each thread's in {@code unread_thread_notifications}).
 */
final class UnreadNotifications {

    private UnreadNotifications() {
    }

    static void put(Map<String, Object> section, PushActionStore.Unread unread, boolean perThread) {
        if (!perThread) {
            section.put("unread_notifications", unread.all().json());
            return;
        }
        section.put("unread_notifications", unread.main().json());
        if (!unread.threads().isEmpty()) {
            Map<String, Object> threads = new LinkedHashMap<>();
            unread.threads().forEach((thread, counts) -> threads.put(thread, counts.json()));
            section.put("unread_thread_notifications", threads);
        }
    }
}
