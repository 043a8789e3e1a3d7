package dev.attest.inventory;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.UnaryOperator;

/**
 * Collects objects from sources, keeps of each what the {@link Retention} asks for (redacted),
 * rejects conflicting duplicates, and links the graph. A source made of parts is read on every
 * core, each part into its own buffer, and the buffers are joined in the source's order, so the
 * inventory does not depend on timing.
 */
public final class InventoryBuilder implements InventorySink {
  private final Retention retention;
  private final UnaryOperator<ObjectNode> redaction;
  private final int threads;
  /** One instance per type spelling, so a million objects share a few dozen type strings. */
  private final Map<String, String> typeNames = new ConcurrentHashMap<>();
  private final Map<String, String> typeKeys = new ConcurrentHashMap<>();
  private final BodyCodec codec = new BodyCodec();
  private final Part direct = new Part();
  private final List<Read> read = new ArrayList<>();
  /** Problems in reading order: each with twice the number of objects read before it. */
  private final List<Placed> problems = new ArrayList<>();
  private final List<String> sources = new ArrayList<>();

  /** A problem and where in the reading order it arose (duplicates are found only at build). */
  private record Placed(long order, SourceProblem problem) {}

  /** Keeps every object whole, as read. */
  public InventoryBuilder() {
    this(Retention.everything(), UnaryOperator.identity());
  }

  /**
   * @param redaction applied to what is kept of each object, before anything else sees it; a
   *     redaction that judges a value by its siblings needs the retention to keep them
   *     ({@link Retention.Builder#keepBeside})
   */
  public InventoryBuilder(Retention retention, UnaryOperator<ObjectNode> redaction) {
    this.retention = retention;
    this.redaction = redaction;
    this.threads = Math.max(1, Runtime.getRuntime().availableProcessors());
  }

  /** An object as kept, with what the build needs to place it and then forgets. */
  private record Read(String id, String key, String type, String typeKey, Object body, String file, int line,
      long content, long[] references, boolean derived) {}

  /** Reads a whole source into this builder, its parts concurrently. */
  public InventoryBuilder read(InventorySource source) {
    sources.add(source.describe());
    List<InventorySource> parts = source.parts();
    if (parts.size() < 2 || threads < 2) {
      source.readInto(this);
      return this;
    }
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, parts.size()), runnable -> {
      Thread thread = new Thread(runnable, "attest-read");
      thread.setDaemon(true);
      return thread;
    });
    try {
      List<Future<Part>> pending = new ArrayList<>();
      for (InventorySource part : parts) {
        pending.add(pool.submit(() -> {
          Part buffer = new Part();
          part.readInto(buffer);
          return buffer;
        }));
      }
      for (Future<Part> part : pending) {
        join(part.get());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while reading " + source.describe(), e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (cause instanceof Error error) {
        throw error;
      }
      throw new IllegalStateException(cause);
    } finally {
      pool.shutdownNow();
    }
    return this;
  }

  @Override
  public void accept(ArmObject object, String origin) {
    acceptAt(this, object, origin);
  }

  /** Splits a {@code file:line} origin (a line only when it is all digits) and delivers to the 3-argument accept. */
  private static void acceptAt(InventorySink sink, ArmObject object, String origin) {
    int colon = origin.lastIndexOf(':');
    String line = colon < 0 ? "" : origin.substring(colon + 1);
    if (!line.isEmpty() && line.length() < 10 && line.chars().allMatch(Character::isDigit)) {
      sink.accept(object, origin.substring(0, colon), Integer.parseInt(line));
    } else {
      sink.accept(object, origin, 0);
    }
  }

  @Override
  public void accept(ArmObject object, String file, int line) {
    // Objects delivered here, not by parts, go through a part too, so they are prepared alike.
    direct.accept(object, file, line);
    join(direct);
  }

  @Override
  public void problem(SourceProblem problem) {
    problems.add(new Placed(2L * read.size(), problem));
  }

  private void join(Part part) {
    // A part's problems keep their place among its objects.
    int base = read.size();
    for (Placed placed : part.problems) {
      problems.add(new Placed(placed.order() + 2L * base, placed.problem()));
    }
    read.addAll(part.read);
    part.read.clear();
    part.problems.clear();
  }

  /** One part's deliveries, prepared (kept, redacted, encoded) on the thread that read them. */
  private final class Part implements InventorySink {
    private final List<Read> read = new ArrayList<>();
    private final List<Placed> problems = new ArrayList<>();

    @Override
    public void accept(ArmObject object, String origin) {
      acceptAt(this, object, origin);
    }

    @Override
    public void accept(ArmObject object, String file, int line) {
      read.add(prepare(object, file, line, false));
      // Children embedded in the object that ARM also serves on their own (a VNet's subnets).
      for (ArmObject child : EmbeddedChildren.of(object)) {
        read.add(prepare(child, file, line, true));
      }
    }

    @Override
    public void problem(SourceProblem problem) {
      problems.add(new Placed(2L * read.size(), problem));
    }
  }

  private Read prepare(ArmObject object, String file, int line, boolean derived) {
    String type = typeNames.computeIfAbsent(object.type(), t -> t);
    String typeKey = typeKeys.computeIfAbsent(type, t -> t.toLowerCase(Locale.ROOT));
    ObjectNode full = object.body();
    long content = ContentHash.of(full);
    long[] references = retention.followsReferences(typeKey) ? References.fingerprints(full) : null;
    // Only what is kept is redacted: the retention keeps beside each value what its redaction
    // reads (an app setting's name), so the kept part is judged as the whole object would be.
    Object body = retention.keepsEverything() ? redaction.apply(full)
        : codec.encode(redaction.apply((ObjectNode) retention.prune(typeKey, full)));
    return new Read(object.id(), IdIndex.keyOf(object.id()), type, typeKey, body, file, line, content, references,
        derived);
  }

  /** How many objects the sources delivered so far (copies of one id included, derived children not). */
  public int objectsRead() {
    return (int) read.stream().filter(r -> !r.derived()).count();
  }

  /** What has been read from so far, as the sources describe themselves. */
  public List<String> sources() {
    return List.copyOf(sources);
  }

  public Inventory build() {
    int total = read.size();
    String[] keys = new String[total];
    int[] order = new int[total];
    for (int i = 0; i < total; i++) {
      keys[i] = read.get(i).key();
      order[i] = i;
    }
    String[] folded = IdIndex.sort(keys, order);
    // Of the copies of one key, an object read beats a child derived from a parent, then the
    // first read wins; an exported object replaces a derived one silently.
    List<Read> kept = new ArrayList<>(total);
    for (int from = 0, to; from < total; from = to) {
      to = from + 1;
      int first = order[from];
      while (to < total && IdIndex.sameKey(folded[first], folded[order[to]])) {
        int copy = order[to++];
        if (read.get(copy).derived() == read.get(first).derived() ? copy < first : read.get(first).derived()) {
          first = copy;
        }
      }
      Read winner = read.get(first);
      for (int i = from; i < to; i++) {
        Read again = read.get(order[i]);
        if (order[i] != first && !again.derived() && winner.content() != again.content()) {
          problems.add(new Placed(2L * order[i] + 1, new SourceProblem(again.file(), again.line(), 1, "duplicate id "
              + again.id() + " with different content (first read at " + origin(winner) + "); the first copy is kept")));
        }
      }
      kept.add(winner);
    }
    read.clear();
    int n = kept.size();
    String[] ids = new String[n];
    String[] types = new String[n];
    Object[] bodies = new Object[n];
    Map<String, int[]> byType = new HashMap<>();
    Map<String, Integer> typeCounts = new HashMap<>();
    Set<String> subscriptions = new TreeSet<>();
    String lastSubscription = null;
    for (int i = 0; i < n; i++) {
      Read object = kept.get(i);
      ids[i] = object.id();
      types[i] = object.type();
      bodies[i] = object.body();
      typeCounts.merge(object.typeKey(), 1, Integer::sum);
      // Ids are sorted, so one subscription's objects are adjacent: look its id up once per run.
      if (lastSubscription == null || !sameSubscription(object.id(), lastSubscription)) {
        lastSubscription = ResourceIds.subscriptionId(object.id());
        if (!lastSubscription.isEmpty()) {
          subscriptions.add(lastSubscription);
        }
      }
    }
    typeCounts.forEach((type, count) -> byType.put(type, new int[count]));
    Map<String, Integer> filled = new HashMap<>();
    for (int i = 0; i < n; i++) {
      String type = kept.get(i).typeKey();
      byType.get(type)[filled.merge(type, 1, Integer::sum) - 1] = i;
    }
    codec.freeze();
    IdIndex index = new IdIndex(ids);
    Inventory.Adjacency[] links = References.link(index, kept.stream().map(Read::references).toList());
    problems.sort(java.util.Comparator.comparingLong(Placed::order));
    return new Inventory(index, types, bodies, codec, byType, links[0], links[1], retention, List.copyOf(subscriptions),
        problems.stream().map(Placed::problem).toList(), sources);
  }

  private static boolean sameSubscription(String id, String subscription) {
    return !subscription.isEmpty() && id.regionMatches(true, 0, "/subscriptions/", 0, 15)
        && id.regionMatches(true, 15, subscription, 0, subscription.length())
        && (id.length() == 15 + subscription.length() || id.charAt(15 + subscription.length()) == '/');
  }

  private static String origin(Read object) {
    return object.line() > 0 ? object.file() + ":" + object.line() : object.file();
  }
}
