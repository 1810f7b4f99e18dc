package dev.referent.bench;

import com.sun.management.GarbageCollectionNotificationInfo;

import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The most heap in use at any moment: heap use only grows between collections, so its peak is the largest use just
 * before a collection, which every collection reports. (Adding up each pool's own peak would overstate it, as the
 * pools peak at different times.)
 */
final class HeapPeak {

    private static final AtomicLong PEAK = new AtomicLong();

    private HeapPeak() {
    }

    static void watch() {
        Set<String> heapPools = new HashSet<>();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                heapPools.add(pool.getName());
            }
        }
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            ((NotificationEmitter) gc).addNotificationListener((notification, handback) -> {
                if (!notification.getType().equals(GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION)) {
                    return;
                }
                GarbageCollectionNotificationInfo info =
                        GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
                long used = 0;
                for (Map.Entry<String, MemoryUsage> e : info.getGcInfo().getMemoryUsageBeforeGc().entrySet()) {
                    if (heapPools.contains(e.getKey())) {
                        used += e.getValue().getUsed();
                    }
                }
                PEAK.accumulateAndGet(used, Math::max);
            }, null, null);
        }
    }

    /** The peak so far, counting the heap in use now. */
    static long bytes() {
        return Math.max(PEAK.get(), ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
    }
}
