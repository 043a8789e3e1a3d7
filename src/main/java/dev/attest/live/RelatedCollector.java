package dev.attest.live;

import com.fasterxml.jackson.databind.JsonNode;
import dev.attest.inventory.ArmObject;
import dev.attest.inventory.ResourceIds;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * The ARM list calls of the {@link RelatedReads.Plan}, made as the parents arrive: every object
 * delivered (a Resource Graph row, or an object an ARM read returned, such as a blob service) is
 * offered here first, and each read the plan has for its type and selects it for is queued on
 * the {@link SubscriptionScheduler}. What a read returns is delivered back the same way, so
 * nested reads follow their parent without waiting for a whole wave. The calls to one related
 * type in one subscription roll up into one {@link Coverage}.
 */
final class RelatedCollector {
  private final Map<String, List<RelatedReads.Read>> byParent = new HashMap<>();
  private final ArmReader arm;
  private final SubscriptionScheduler scheduler;
  private final Progress progress;
  private final BiConsumer<JsonNode, String> deliver;
  private final BooleanSupplier stopped;
  private final Consumer<ReadError> refused;
  private final Map<String, Tally> tallies = new ConcurrentHashMap<>();
  /** Child types whose list calls leave a collection marker, as the rules spell them (see RelatedReads.markedTypes). */
  private final Map<String, String> marked;

  /**
   * @param deliver where objects the reads return go (normalised, offered back here, then to the sink)
   * @param stopped true once the scan cannot go on (the token was refused): queued reads are dropped
   * @param refused told of an authentication failure (a 401) met by a read
   */
  RelatedCollector(RelatedReads.Plan plan, Map<String, String> marked, ArmReader arm, SubscriptionScheduler scheduler,
      Progress progress, BiConsumer<JsonNode, String> deliver, BooleanSupplier stopped, Consumer<ReadError> refused) {
    this.marked = Map.copyOf(marked);
    plan.reads().forEach(read -> byParent.computeIfAbsent(read.parentType(), k -> new ArrayList<>()).add(read));
    this.arm = arm;
    this.scheduler = scheduler;
    this.progress = progress;
    this.deliver = deliver;
    this.stopped = stopped;
    this.refused = refused;
  }

  /** Queues the reads the plan makes under this object. Call before the object goes to the sink. */
  void offer(ArmObject object) {
    List<RelatedReads.Read> reads = byParent.get(object.typeKey());
    if (reads == null || stopped.getAsBoolean()) {
      return;
    }
    String parentId = object.id();
    String subscription = object.subscriptionId();
    for (RelatedReads.Read read : reads) {
      if (read.when().selects(object.body())) {
        progress.relatedPlanned();
        scheduler.submit(subscription, () -> readOne(read, parentId, subscription));
      }
    }
  }

  /** True when no read is queued or running for the subscription. */
  boolean idle(String subscription) {
    return scheduler.pending(subscription) == 0;
  }

  /** One coverage line per related type and subscription, for the reads made so far. */
  List<Coverage> coverage() {
    return tallies.values().stream().map(Tally::coverage).toList();
  }

  private void readOne(RelatedReads.Read read, String parentId, String subscription) {
    if (stopped.getAsBoolean()) {
      return;
    }
    Tally tally = tallies.computeIfAbsent(subscription + "|" + read.label(), k -> new Tally(subscription, read.label()));
    List<JsonNode> objects = new ArrayList<>();
    ReadError error = null;
    try {
      arm.list(read.path(parentId), objects, read.notFoundIsNone());
    } catch (ReadError e) {
      error = e;
    } catch (RuntimeException e) {
      error = ReadError.from(e);
    }
    String origin = "live:" + read.type();
    for (JsonNode object : objects) {
      deliver.accept(object, origin);
    }
    if (marked.containsKey(read.type()) && (error == null || !error.auth())) {
      // What was listed, so a rule can tell "this parent has none" from "never read".
      deliver.accept(dev.attest.inventory.CollectionMarker.of(parentId, marked.get(read.type()), error == null,
          objects.size(), error == null ? null : error.getMessage()), origin);
    }
    if (error != null && error.auth()) {
      refused.accept(error);
    }
    tally.add(objects.size(), error, parentId);
    progress.related();
  }

  /** Calls to one related type in one subscription, rolled up into one coverage line. */
  private static final class Tally {
    private final String scope;
    private final String read;
    private int calls;
    private int denied;
    private int failed;
    private int objects;
    private String firstReason;
    private String firstParent;

    Tally(String scope, String read) {
      this.scope = scope;
      this.read = read;
    }

    synchronized void add(int read, ReadError error, String parentId) {
      calls++;
      objects += read;
      if (error != null) {
        if (error.status() == Coverage.Status.DENIED) {
          denied++;
        } else {
          failed++;
        }
        // The first by id, not by arrival, so the reason is the same from run to run.
        String key = ResourceIds.key(parentId).toLowerCase(Locale.ROOT);
        if (firstParent == null || key.compareTo(firstParent) < 0) {
          firstParent = key;
          firstReason = "for " + parentId + ": " + error.getMessage();
        }
      }
    }

    synchronized Coverage coverage() {
      int bad = denied + failed;
      Coverage.Status status = bad == 0 ? Coverage.Status.COMPLETE
          : denied == calls ? Coverage.Status.DENIED
          : bad == calls ? Coverage.Status.FAILED : Coverage.Status.PARTIAL;
      String reason = bad == 0 ? null : bad + " of " + calls + " call(s) not read; first " + firstReason;
      return new Coverage(scope, read, status, objects, reason);
    }
  }
}
