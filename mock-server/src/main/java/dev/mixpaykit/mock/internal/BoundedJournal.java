package dev.mixpaykit.mock.internal;

import com.github.tomakehurst.wiremock.common.FileSource;
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
 * WireMock's stores with a request journal that bounds itself in constant time.
 *
 * <p>WireMock's own bound ({@code maxRequestJournalEntries}) counts the whole journal on every
 * request, which made the mock three times slower than a plain stub once the journal filled.
 * Here the oldest entry is dropped as each new one arrives, so WireMock runs with an unbounded
 * journal setting and never counts.
 */
public final class BoundedJournal extends DefaultStores {

  private final Store journal;

  public BoundedJournal(FileSource fileRoot, int maxEntries) {
    super(fileRoot);
    this.journal = new Store(maxEntries);
  }

  @Override
  public RequestJournalStore getRequestJournalStore() {
    return journal;
  }

  private static final class Store implements RequestJournalStore {
    private final int max;
    private final ArrayDeque<UUID> newestFirst = new ArrayDeque<>();
    private final Map<UUID, ServeEvent> events = new HashMap<>();

    Store(int max) {
      this.max = max;
    }

    @Override
    public synchronized void add(ServeEvent event) {
      newestFirst.addFirst(event.getId());
      events.put(event.getId(), event);
      while (newestFirst.size() > max) {
        events.remove(newestFirst.removeLast());
      }
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
        events.remove(oldest);
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
      events.computeIfPresent(id, (k, old) -> event);
    }

    @Override
    public synchronized void remove(UUID id) {
      if (events.remove(id) != null) {
        newestFirst.remove(id);
      }
    }

    @Override
    public synchronized void clear() {
      newestFirst.clear();
      events.clear();
    }
  }
}
