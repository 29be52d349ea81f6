package org.dnaslab.kernel;

import org.dflib.jjava.jupyter.channels.JupyterConnection;
import org.dflib.jjava.jupyter.channels.ShellReplyEnvironment;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.HelpLink;
import org.dflib.jjava.jupyter.kernel.JupyterIO;
import org.dflib.jjava.jupyter.kernel.LanguageInfo;
import org.dflib.jjava.jupyter.kernel.ReplacementOptions;
import org.dflib.jjava.jupyter.kernel.comm.CommManager;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import org.dflib.jjava.jupyter.kernel.magic.MagicsRegistry;
import org.dflib.jjava.jupyter.kernel.util.StringStyler;
import org.dflib.jjava.jupyter.kernel.util.TextColor;
import org.dflib.jjava.jupyter.kernel.history.HistoryEntry;
import org.dflib.jjava.jupyter.kernel.history.HistoryManager;
import org.dflib.jjava.jupyter.messages.Header;
import org.dflib.jjava.jupyter.messages.Message;
import org.dflib.jjava.jupyter.messages.request.HistoryRequest;
import org.dflib.jjava.jupyter.messages.request.KernelInfoRequest;
import org.dflib.jjava.jupyter.messages.publish.PublishClearOutput;
import org.dflib.jjava.jupyter.messages.request.ExecuteRequest;
import org.dnaslab.kernel.channel.GuardedConnection;
import org.dnaslab.kernel.display.DisplayTarget;
import org.dnaslab.kernel.display.Renderers;
import org.dnaslab.kernel.session.ErrorReport;
import org.dnaslab.kernel.session.Session;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Set;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The Jupyter side of a {@link Session}: cells, completion, inspection, is_complete, history, interrupt, rich
 * output and readable errors. The session starts in the background, so the kernel answers Jupyter at once.
 */
public final class DnasKernel extends BaseKernel implements DisplayTarget {
    private static final String RED = TextColor.BOLD_RED_FG.getAnsiEscape();
    private static final String RESET = TextColor.RESET_ALL.getAnsiEscape();

    private final CompletableFuture<Session> session;
    private final SessionHistory history;
    private volatile ShellReplyEnvironment cellEnv;
    private volatile String lastOutputText = "";
    private volatile boolean cellFailed;
    private volatile GuardedConnection connection;
    private volatile List<String> firstCellNotes = List.of();

    DnasKernel(CompletableFuture<Session> session, SessionHistory history) {
        super("dnaslab", KernelMain.version(), languageInfo(),
                List.of(new HelpLink("Java API", "https://docs.oracle.com/en/java/javase/17/docs/api/"),
                        new HelpLink("DJL", "https://javadoc.io/doc/ai.djl/api/latest/index.html")),
                history, new JupyterIO(StandardCharsets.UTF_8), new CommManager(), new Renderer(), null,
                new MagicsRegistry(), false,
                new StringStyler.Builder().addPrimaryStyle(TextColor.BOLD_RESET_FG).addSecondaryStyle(TextColor.BOLD_RED_FG)
                        .addHighlightStyle(TextColor.BOLD_RESET_FG).build());
        this.session = session;
        this.history = history;
        Renderers.registerAll(renderer);
    }

    private static LanguageInfo languageInfo() {
        return new LanguageInfo.Builder("java")
                .version(Runtime.version().toString())
                .mimetype("text/x-java-source")
                .fileExtension(".jsh")
                .pygments("java")
                .codemirror("text/x-java")
                .build();
    }

    /** The session, once started; a session that failed to start fails every request with the reason. */
    Session session() {
        try {
            return session.join();
        } catch (CompletionException e) {
            throw new IllegalStateException("the Java session failed to start: " + e.getCause(), e.getCause());
        }
    }

    @Override
    protected synchronized void handleExecuteRequest(ShellReplyEnvironment env, Message<ExecuteRequest> message) {
        ExecuteRequest request = message.getContent();
        int line = executionCount.get();
        cellEnv = env;
        lastOutputText = "";
        cellFailed = false;
        try {
            super.handleExecuteRequest(env, message);
            // As IPython's stop_on_error: a failed cell aborts the cells queued behind it, so "Run All" stops there.
            if (cellFailed && request.shouldStopOnError() && !request.isSilent() && connection != null) {
                connection.abortQueuedExecuteRequests();
            }
        } finally {
            cellEnv = null;
            if (request.shouldStoreHistory() && !request.isSilent()) {
                history.record(line, request.getCode(), lastOutputText);
            }
        }
    }

    @Override
    protected void handleKernelInfoRequest(ShellReplyEnvironment env, Message<KernelInfoRequest> message) {
        env.setBusyDeferIdle();
        env.reply(new Replies.KernelInfo(Header.PROTOCOL_VERISON, name, version, getLanguageInfo(), getBanner(),
                getHelpLinks()));
    }

    @Override
    protected void handleHistoryRequest(ShellReplyEnvironment env, Message<HistoryRequest> message) {
        HistoryRequest request = message.getContent();
        env.setBusyDeferIdle();
        Set<HistoryManager.ResultFlag> flags = EnumSet.noneOf(HistoryManager.ResultFlag.class);
        if (request.includeOutput()) {
            flags.add(HistoryManager.ResultFlag.INCLUDE_OUTPUT);
        }
        List<HistoryEntry> entries = switch (request.getAccessType()) {
            case TAIL -> history.lookupTail(((HistoryRequest.Tail) request).getMaxReturnLength(), flags);
            case RANGE -> {
                HistoryRequest.Range r = (HistoryRequest.Range) request;
                yield history.lookupRange(r.getSessionIndex(), r.getStart(), r.getStop(), flags);
            }
            case SEARCH -> {
                HistoryRequest.Search s = (HistoryRequest.Search) request;
                if (s.filterUnique()) {
                    flags.add(HistoryManager.ResultFlag.UNIQUE);
                }
                yield history.search(s.getPattern(), s.getMaxReturnLength(), flags);
            }
        };
        env.reply(new Replies.History(entries));
    }

    @Override
    public Object evalRaw(String code) {
        try {
            return session().eval(code);
        } catch (Error e) {
            throw new IllegalStateException(e.toString(), e);
        } catch (Exception e) {
            throw Unchecked.<RuntimeException>rethrow(e);
        }
    }

    @Override
    public void becomeHandlerForConnection(JupyterConnection connection) {
        super.becomeHandlerForConnection(connection);
        this.connection = connection instanceof GuardedConnection guarded ? guarded : null;
    }

    /** Problems of the kernel's start (environment settings, startup scripts), shown on the first cell's stderr. */
    void noteAtFirstCell(List<String> notes) {
        firstCellNotes = List.copyOf(notes);
    }

    @Override
    public DisplayData eval(String code) {
        DisplayData out;
        session(); // the notes are known once the session has started
        List<String> notes = firstCellNotes;
        if (!notes.isEmpty()) {
            firstCellNotes = List.of();
            notes.forEach(n -> System.err.println("dnaslab: " + n));
        }
        try {
            out = super.eval(code);
        } catch (Error e) {
            cellFailed = true;
            throw new IllegalStateException("rendering the result failed: " + e, e);
        } catch (Exception e) {
            cellFailed = true; // checked exceptions from cells arrive here unchanged (see Unchecked)
            throw Unchecked.<RuntimeException>rethrow(e);
        }
        Object text = out == null ? null : out.getData(MIMEType.TEXT_PLAIN);
        lastOutputText = text == null ? "" : text.toString();
        return out;
    }

    @Override
    public DisplayData inspect(String code, int at, boolean extraDetail) {
        String doc = session().inspect(code, at);
        return doc == null ? null : new DisplayData(doc);
    }

    @Override
    public ReplacementOptions complete(String code, int at) {
        Session.Completion c = session().complete(code, at);
        return new ReplacementOptions(c.matches(), c.start(), c.end());
    }

    @Override
    public String isComplete(String code) {
        Session.CodeStatus status = session().isComplete(code);
        return switch (status.status()) {
            case "complete" -> IS_COMPLETE_YES;
            case "invalid" -> IS_COMPLETE_BAD;
            case "incomplete" -> status.indent();
            default -> IS_COMPLETE_MAYBE;
        };
    }

    /** Called on the control channel's thread while a cell runs on the shell's. */
    @Override
    public void interrupt() {
        if (session.isDone() && !session.isCompletedExceptionally()) {
            session.join().interrupt();
        }
    }

    @Override
    public List<String> formatError(Throwable e) {
        List<String> lines = new ArrayList<>(ErrorReport.lines(e));
        if (!lines.isEmpty()) {
            lines.set(0, RED + lines.get(0) + RESET);
        }
        return lines;
    }

    @Override
    public void onShutdown(boolean isRestarting) {
        if (session.isDone() && !session.isCompletedExceptionally()) {
            session.join().close();
        }
        super.onShutdown(isRestarting);
    }

    // DisplayTarget: how Notebook.display(...) and the progress bars reach the notebook.

    @Override
    public DisplayData render(Object value, String... mimeTypes) {
        return mimeTypes.length == 0 ? renderer.render(value) : renderer.renderAs(value, mimeTypes);
    }

    @Override
    public void show(DisplayData data) {
        publishing(() -> io.display.display(data));
    }

    @Override
    public void update(String id, DisplayData data) {
        publishing(() -> io.display.updateDisplay(id, data));
    }

    @Override
    public void clear(boolean wait) {
        ShellReplyEnvironment env = cellEnv;
        if (env != null) {
            publishing(() -> env.publish(wait ? PublishClearOutput.BEFORE_NEXT_OUTPUT : PublishClearOutput.NOW));
        }
    }

    /**
     * Sends on the iopub socket with the thread's interrupt flag put aside. A cell being interrupted still draws its
     * last progress update and returns; ZeroMQ refuses to send from an interrupted thread (EINTR), which would
     * otherwise turn a clean stop of a library loop into an exception, or cut a multipart message in half.
     */
    private static void publishing(Runnable send) {
        boolean interrupted = Thread.interrupted();
        try {
            send.run();
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Lets a checked exception from a cell reach jjava's handler unchanged, so its name is the one shown. */
    private static final class Unchecked {
        @SuppressWarnings("unchecked")
        static <T extends Throwable> T rethrow(Throwable t) throws T {
            throw (T) t;
        }
    }
}
