package org.dnaslab.kernel.channel;

import org.dflib.jjava.jupyter.channels.JupyterConnection;
import org.dflib.jjava.jupyter.channels.ShellChannel;
import org.dflib.jjava.jupyter.channels.ShellHandler;
import org.dflib.jjava.jupyter.channels.ShellReplyEnvironment;
import org.dflib.jjava.jupyter.kernel.KernelConnectionProperties;
import org.dflib.jjava.jupyter.messages.HMACGenerator;
import org.dflib.jjava.jupyter.messages.Message;
import org.dflib.jjava.jupyter.messages.MessageType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zeromq.ZMQ;
import org.zeromq.ZMQException;

import java.util.ArrayList;
import java.util.List;

/**
 * A shell or control channel whose loop survives bad input. jjava 1.0-a6 checks signatures but lets the resulting
 * exception end the channel's thread, so one forged message would leave a kernel that answers heartbeats and nothing
 * else. Here such a message is logged and dropped. The loop also waits on the socket instead of sleeping between
 * polls, so requests are answered at once. After a cell fails, the execute requests queued behind it are aborted
 * (see {@link #abortQueuedExecuteRequests()}).
 */
final class GuardedShellChannel extends ShellChannel {
    private static final Logger LOG = LoggerFactory.getLogger(GuardedShellChannel.class);
    private static final long POLL_MILLIS = 100;

    private final boolean control;
    private final JupyterConnection connection;
    private volatile boolean running;
    private boolean abortQueued;
    private Thread loop;

    GuardedShellChannel(ZMQ.Context context, HMACGenerator hmac, boolean control, JupyterConnection connection) {
        super(context, hmac, control, connection);
        this.control = control;
        this.connection = connection;
    }

    @Override
    public void bind(KernelConnectionProperties props) {
        if (loop != null) {
            throw new IllegalStateException("channel already bound");
        }
        int port = control ? props.getControlPort() : props.getShellPort();
        String address = props.getTransport() + "://" + props.getIp() + ":" + port;
        bind(address);
        ZMQ.Poller poller = ctx.poller(1);
        poller.register(this, ZMQ.Poller.POLLIN);
        running = true;
        loop = new Thread(() -> run(poller), control ? "jupyter-control" : "jupyter-shell");
        loop.setDaemon(true);
        loop.start();
    }

    private void run(ZMQ.Poller poller) {
        try {
            loop(poller);
        } finally {
            poller.close();
        }
    }

    private void loop(ZMQ.Poller poller) {
        while (running) {
            try {
                if (poller.poll(POLL_MILLIS) > 0) {
                    handleOne();
                }
            } catch (ZMQException e) {
                if (running) {
                    LOG.warn("{} channel: {}", control ? "control" : "shell", e.toString());
                }
            } catch (RuntimeException | Error e) {
                LOG.warn("{} channel: dropped a request that failed: {}", control ? "control" : "shell", e.toString());
            }
        }
    }

    private void handleOne() {
        Message<?> message = read();
        if (message != null) {
            dispatch(message);
        }
    }

    /** The next message, or null when it was not signed with the session's key or could not be read. */
    private Message<?> read() {
        try {
            return readMessage();
        } catch (SecurityException e) {
            LOG.warn("rejected a message with a missing or wrong signature");
        } catch (RuntimeException e) {
            LOG.warn("dropped a message that could not be read: {}", e.toString());
        }
        return null;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private void dispatch(Message<?> message) {
        ShellHandler handler = connection.getHandler(message.getHeader().getType());
        if (handler == null) {
            LOG.debug("no handler for {}", message.getHeader().getType().getName());
            return;
        }
        ShellReplyEnvironment env = connection.prepareReplyEnv(this, message);
        List<Message<?>> queued = List.of();
        try {
            handler.handle(env, message);
        } catch (Exception e) {
            LOG.warn("{} failed: {}", message.getHeader().getType().getName(), e.toString());
        } finally {
            if (abortQueued) {
                // Taken before the failed cell's reply goes out: whatever is waiting now was sent before the client
                // knew of the failure, so it is the rest of a "Run All", not a request made after seeing the error.
                abortQueued = false;
                queued = drainWaiting();
            }
            env.resolveDeferrals();
        }
        if (env.isMarkedForShutdown()) {
            connection.close();
            return;
        }
        for (Message<?> m : queued) {
            if (m.getHeader().getType() == MessageType.EXECUTE_REQUEST) {
                replyAborted(m);
            } else {
                dispatch(m);
            }
        }
    }

    private List<Message<?>> drainWaiting() {
        List<Message<?>> waiting = new ArrayList<>();
        while ((getEvents() & ZMQ.Poller.POLLIN) != 0) {
            Message<?> m = read();
            if (m != null) {
                waiting.add(m);
            }
        }
        return waiting;
    }

    /** As IPython answers a cell queued behind a failed one: busy, an execute_reply with status "aborted", idle. */
    private void replyAborted(Message<?> request) {
        ShellReplyEnvironment env = connection.prepareReplyEnv(this, request);
        env.setStatusBusy();
        env.reply(new AbortedReply());
        env.setStatusIdle();
    }

    /**
     * After the current request, answers the execute requests already waiting on this channel with "aborted"
     * instead of running them (Jupyter's stop_on_error). Called on the channel's own thread, by the failing cell.
     */
    void abortQueuedExecuteRequests() {
        abortQueued = true;
    }

    /** Stops the loop; the socket is closed once the loop has let go of it. */
    void stop() {
        running = false;
    }

    @Override
    public void close() {
        running = false;
        if (loop != null && loop != Thread.currentThread()) {
            try {
                loop.join(2 * POLL_MILLIS + 500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        super.close();
    }

    @Override
    public void waitUntilClose() {
        Thread t = loop;
        if (t != null && t != Thread.currentThread()) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
