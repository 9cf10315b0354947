package org.lpa4j.experiments;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.lpa4j.api.Lpa4jException;

/**
 * Runs tasks each on a thread of its own, one at a time, round robin: a task runs until it {@linkplain Turn#pass()
 * passes} its turn to the next one still running, and leaves the rotation when it returns or fails. The first failure
 * stops the others at their next turn (they see {@link Stopped}) and is rethrown as it was, once every thread has ended.
 * A task's {@link Turn#waitedNanos()} is the time it spent waiting for its turns after its first, so a task that times
 * itself can leave the others' turns out.
 */
final class TakingTurns {
    private final Object lock = new Object();
    private boolean[] left;
    private int holder;
    private Throwable failure;

    /** One task's place in the rotation. */
    final class Turn {
        private final int index;
        private long waited;
        private volatile Thread owner;

        private Turn(int index) {
            this.index = index;
        }

        /**
         * Hands the turn to the next task still running and returns when it comes back; throws {@link Stopped} if another
         * failed. Called from any thread but the task's own (e.g. a trainer that calls its listeners from a thread of its
         * own), it does nothing: only the task's thread can give up its turn.
         */
        void pass() {
            if (Thread.currentThread() != owner) {
                return;
            }
            synchronized (lock) {
                long start = System.nanoTime();
                holder = next(index);
                lock.notifyAll();
                await(index);
                waited += System.nanoTime() - start;
            }
        }

        /** The nanoseconds this task has waited in {@link #pass()} for its turn to come back. */
        long waitedNanos() {
            synchronized (lock) {
                return waited;
            }
        }
    }

    /** Thrown in a task's thread when another task failed: it unwinds the task, whose result is not wanted. */
    static final class Stopped extends RuntimeException {
        private Stopped() {
            super("Stopped: another training of the rotation failed.", null, false, false);
        }
    }

    /**
     * Runs {@code tasks} in turns, the first task first, each on a thread named {@code names[i]}; returns their results
     * in order, or rethrows the first task's failure after every thread has ended.
     */
    <R> List<R> run(List<Function<Turn, R>> tasks, List<String> names) {
        int n = tasks.size();
        Object[] results = new Object[n];
        synchronized (lock) {
            left = new boolean[n];
            holder = 0;
            failure = null;
        }
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int index = i;
            Turn turn = new Turn(i);
            threads.add(new Thread(() -> {
                turn.owner = Thread.currentThread();
                try {
                    synchronized (lock) {
                        await(index);
                    }
                    results[index] = tasks.get(index).apply(turn);
                } catch (Stopped e) {
                    // Another task failed first; that failure is the one reported.
                } catch (Throwable e) {
                    fail(e);
                } finally {
                    leave(index);
                }
            }, names.get(i)));
        }
        threads.forEach(Thread::start);
        boolean interrupted = false;
        for (Thread t : threads) {
            while (true) {
                try {
                    t.join();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                    fail(new Lpa4jException("The training was interrupted; nothing of it was kept."));
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        synchronized (lock) {
            if (failure instanceof RuntimeException e) {
                throw e;
            }
            if (failure instanceof Error e) {
                throw e;
            }
            if (failure != null) {
                throw new Lpa4jException(failure.getMessage(), failure);
            }
        }
        @SuppressWarnings("unchecked")
        List<R> out = (List<R>) Arrays.asList(results);
        return out;
    }

    private void fail(Throwable e) {
        synchronized (lock) {
            if (failure == null) {
                failure = e;
            }
            lock.notifyAll();
        }
    }

    /** Waits, holding the lock, until it is {@code index}'s turn; throws {@link Stopped} once a task has failed. */
    private void await(int index) {
        while (holder != index && failure == null) {
            try {
                lock.wait();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail(new Lpa4jException("The training was interrupted; nothing of it was kept."));
            }
        }
        if (failure != null) {
            throw new Stopped();
        }
    }

    private void leave(int index) {
        synchronized (lock) {
            left[index] = true;
            if (holder == index) {
                holder = next(index);
            }
            lock.notifyAll();
        }
    }

    /** The next task after {@code index} that has not left, {@code index} itself when it is the only one, or -1 when none is left. */
    private int next(int index) {
        int n = left.length;
        for (int step = 1; step <= n; step++) {
            int k = (index + step) % n;
            if (!left[k]) {
                return k;
            }
        }
        return -1;
    }
}
