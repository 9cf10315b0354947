package org.lpa4j.sweep;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import org.lpa4j.api.backend.Backend;
import org.lpa4j.api.backend.BackendRequest;
import org.lpa4j.api.backend.Backends;
import org.lpa4j.api.backend.Discovery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The backends a process holds for the cells it runs: each cell takes an idle one of its engine, or opens one when
 * none is idle (a process running N cells at a time opens at most N per engine), and gives it back when the cell is
 * done, so an executor opens its engine once and reuses it across its cells. A cell that failed closes its backend.
 */
final class BackendPool {
    private static final Logger LOG = LoggerFactory.getLogger(BackendPool.class);
    private static final Map<String, ConcurrentLinkedDeque<Backend>> IDLE = new ConcurrentHashMap<>();
    private static final Map<String, Integer> OPENED = new ConcurrentHashMap<>();

    private BackendPool() {
    }

    /** An idle backend of {@code request}'s engine (the library's choice when empty), or a newly opened one. */
    static Backend take(Discovery discovery, Optional<BackendRequest> request) {
        String key = key(request);
        Backend idle = IDLE.computeIfAbsent(key, k -> new ConcurrentLinkedDeque<>()).pollFirst();
        if (idle != null) {
            return idle;
        }
        Backend opened = Backends.open(discovery, request);
        int count = OPENED.merge(key, 1, Integer::sum);
        LOG.info("Opened backend {} for this process's cells ({} open for this engine)", opened.name(), count);
        return opened;
    }

    /** Gives {@code backend}, taken for {@code request}, back for the next cell. */
    static void give(Optional<BackendRequest> request, Backend backend) {
        IDLE.computeIfAbsent(key(request), k -> new ConcurrentLinkedDeque<>()).addFirst(backend);
    }

    /** How many backends this process has opened for {@code request}'s engine. */
    static int opened(Optional<BackendRequest> request) {
        return OPENED.getOrDefault(key(request), 0);
    }

    private static String key(Optional<BackendRequest> request) {
        return request.map(BackendRequest::name).orElse("");
    }
}
