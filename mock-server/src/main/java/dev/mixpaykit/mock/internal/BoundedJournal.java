package dev.mixpaykit.mock.internal;

import com.github.tomakehurst.wiremock.common.FileSource;
import com.github.tomakehurst.wiremock.extension.requestfilter.RequestWrapper;
import com.github.tomakehurst.wiremock.http.Body;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.github.tomakehurst.wiremock.store.DefaultStores;
import com.github.tomakehurst.wiremock.store.RequestJournalStore;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * WireMock's stores with a request journal that bounds itself in constant time, in entries and
 * in bytes.
 *
 * <p>WireMock's own bound ({@code maxRequestJournalEntries}) counts the whole journal on every
 * request, which made the mock three times slower than a plain stub once the journal filled.
 * Here the oldest entry is dropped as each new one arrives, so WireMock runs with an unbounded
 * journal setting and never counts.
 *
 * <p>Whole bodies made the journal the mock's memory: 16 connections of 60 KB bodies for 15 s
 * took the heap past 6 GB. A body longer than {@value #BODY_PREFIX} bytes is kept as its first
 * {@value #BODY_PREFIX} bytes, with a {@value #TRUNCATED} header giving its length; and the
 * oldest entries go whenever the kept bytes (bodies, headers and URL) pass the byte bound.
 */
public final class BoundedJournal extends DefaultStores {

  /** The most bytes of one request body the journal keeps. */
  public static final int BODY_PREFIX = 4096;
  /** Added to a journalled request whose body was cut: {@code "61440 bytes, first 4096 kept"}. */
  public static final String TRUNCATED = "X-MixPay-Mock-Journal-Body";
  // Per entry besides its bodies and headers: the event's objects, timing, response head.
  private static final int ENTRY_OVERHEAD = 1024;

  private final Store journal;

  public BoundedJournal(FileSource fileRoot, int maxEntries, long maxBytes) {
    super(fileRoot);
    this.journal = new Store(maxEntries, maxBytes);
  }

  @Override
  public RequestJournalStore getRequestJournalStore() {
    return journal;
  }

  /** The event with its request body cut to {@link #BODY_PREFIX} bytes, if it was longer. */
  static ServeEvent trimmed(ServeEvent event) {
    LoggedRequest request = event.getRequest();
    byte[] body = request == null ? null : request.getBody();
    if (body == null || body.length <= BODY_PREFIX) {
      return event;
    }
    byte[] prefix = java.util.Arrays.copyOf(body, BODY_PREFIX);
    return event.replaceRequest(RequestWrapper.create()
        .transformBody(old -> new Body(prefix))
        .addHeader(TRUNCATED, body.length + " bytes, first " + BODY_PREFIX + " kept")
        .wrap(request));
  }

  /** What an entry costs the heap, roughly: kept bodies, headers, URL, and a fixed overhead. */
  static long weight(ServeEvent event) {
    long bytes = ENTRY_OVERHEAD;
    LoggedRequest request = event.getRequest();
    if (request != null) {
      byte[] body = request.getBody();
      bytes += body == null ? 0 : body.length;
      bytes += request.getUrl() == null ? 0 : 2L * request.getUrl().length();
      if (request.getHeaders() != null) {
        for (HttpHeader h : request.getHeaders().all()) {
          bytes += 2L * h.key().length();
          for (String v : h.values()) {
            bytes += 2L * v.length();
          }
        }
      }
    }
    if (event.getResponse() != null && event.getResponse().getBody() != null) {
      bytes += event.getResponse().getBody().length;
    }
    return bytes;
  }

  private static final class Store implements RequestJournalStore {
    private final int max;
    private final long maxBytes;
    private final ArrayDeque<UUID> newestFirst = new ArrayDeque<>();
    private final Map<UUID, ServeEvent> events = new HashMap<>();
    private final Map<UUID, Long> weights = new HashMap<>();
    private long bytes;

    Store(int max, long maxBytes) {
      this.max = max;
      this.maxBytes = maxBytes;
    }

    @Override
    public synchronized void add(ServeEvent event) {
      ServeEvent kept = trimmed(event);
      newestFirst.addFirst(kept.getId());
      events.put(kept.getId(), kept);
      long w = weight(kept);
      weights.put(kept.getId(), w);
      bytes += w;
      while (newestFirst.size() > max || bytes > maxBytes && newestFirst.size() > 1) {
        dropLocked(newestFirst.removeLast());
      }
    }

    private void dropLocked(UUID id) {
      events.remove(id);
      Long w = weights.remove(id);
      bytes -= w == null ? 0 : w;
    }

    @Override
    public synchronized Stream<ServeEvent> getAll() {
      List<ServeEvent> out = new ArrayList<>(newestFirst.size());
      for (UUID id : newestFirst) {
        out.add(events.get(id));
      }
      return out.stream();
    }

    @Override
    public synchronized void removeLast() {
      UUID oldest = newestFirst.pollLast();
      if (oldest != null) {
        dropLocked(oldest);
      }
    }

    @Override
    public synchronized Stream<UUID> getAllKeys() {
      return new ArrayList<>(newestFirst).stream();
    }

    @Override
    public synchronized Optional<ServeEvent> get(UUID id) {
      return Optional.ofNullable(events.get(id));
    }

    @Override
    public synchronized void put(UUID id, ServeEvent event) {
      // WireMock updates an event after answering; an entry already dropped stays dropped.
      if (events.containsKey(id)) {
        ServeEvent kept = trimmed(event);
        events.put(id, kept);
        long w = weight(kept);
        Long old = weights.put(id, w);
        bytes += w - (old == null ? 0 : old);
      }
    }

    @Override
    public synchronized void remove(UUID id) {
      if (events.containsKey(id)) {
        dropLocked(id);
        newestFirst.remove(id);
      }
    }

    @Override
    public synchronized void clear() {
      newestFirst.clear();
      events.clear();
      weights.clear();
      bytes = 0;
    }
  }
}
