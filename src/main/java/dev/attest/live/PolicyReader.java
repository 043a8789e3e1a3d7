package dev.attest.live;

import com.azure.core.util.Context;
import com.azure.resourcemanager.policyinsights.PolicyInsightsManager;
import com.azure.resourcemanager.policyinsights.models.PolicyStatesResource;
import com.fasterxml.jackson.databind.JsonNode;
import dev.attest.policy.Exemption;
import dev.attest.policy.PolicyState;
import dev.attest.policy.PolicyStates;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Azure Policy's own compliance as a second opinion: the latest policy states of each
 * subscription through the Policy Insights client (paged by {@code @odata.nextLink}), asked only
 * for the initiatives that matter here (an OData {@code $filter}) and only the columns compared
 * ({@code $select}), and the policy exemptions through ARM. Subscriptions are read a few at a
 * time. A subscription whose states cannot be read is recorded in the coverage; its resources
 * are then not compared, never taken as compliant.
 */
final class PolicyReader {
  static final String READ_STATES = "policy states";
  static final String READ_EXEMPTIONS = "policy exemptions";
  /** The built-in HITRUST/HIPAA initiative, whose definition groups name HITRUST CSF requirements. */
  static final String HITRUST_HIPAA = "a169a624-5599-4385-a696-c8d643089fab";
  /**
   * The states asked for by default: the HITRUST/HIPAA initiative (also when assigned from a copy
   * kept in the built-in's category) and every other regulatory-compliance initiative.
   */
  static final String DEFAULT_FILTER = "policySetDefinitionName eq '" + HITRUST_HIPAA
      + "' or policySetDefinitionCategory eq 'Regulatory Compliance'";
  /** The columns the comparison reads. */
  static final String SELECT = "resourceId,policyAssignmentId,policySetDefinitionId,policyDefinitionId,"
      + "complianceState,policyDefinitionGroupNames";
  private static final String EXEMPTIONS_PATH = "/providers/Microsoft.Authorization/policyExemptions?api-version=2022-07-01-preview";
  private static final int CONCURRENCY = 8;

  private final PolicyInsightsManager manager;
  private final ArmReader arm;
  private final Progress progress;
  private final String filter;

  /** @param filter the OData filter on the states, or null for every state */
  PolicyReader(PolicyInsightsManager manager, ArmReader arm, Progress progress, String filter) {
    this.manager = manager;
    this.arm = arm;
    this.progress = progress;
    this.filter = filter;
  }

  /** The OData filter for {@code --policy-initiative} values: none given is the default, {@code *} every state. */
  static String filterFor(List<String> initiatives) {
    if (initiatives.isEmpty()) {
      return DEFAULT_FILTER;
    }
    if (initiatives.contains("*")) {
      return null;
    }
    return String.join(" or ", initiatives.stream()
        .map(name -> "policySetDefinitionName eq '" + name.substring(name.lastIndexOf('/') + 1).replace("'", "''") + "'")
        .toList());
  }

  /** What one subscription gave: its states (null when they could not be read, with why) and exemptions. */
  private record One(List<PolicyState> states, ReadError statesError, List<Exemption> exemptions) {}

  PolicyStates read(List<String> subscriptions, Consumer<Coverage> record) {
    List<One> each = new ArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(CONCURRENCY, subscriptions.size())), r -> {
      Thread thread = new Thread(r, "attest-policy");
      thread.setDaemon(true);
      return thread;
    });
    try {
      List<Future<One>> futures = new ArrayList<>();
      subscriptions.forEach(subscription -> futures.add(pool.submit(() -> readOne(subscription, record))));
      for (Future<One> future : futures) {
        each.add(future.get());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while reading Azure Policy states", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("Azure Policy read failed: " + LiveFailure.firstLine(e.getCause()), e.getCause());
    } finally {
      pool.shutdownNow();
    }
    List<PolicyState> states = new ArrayList<>();
    List<Exemption> exemptions = new ArrayList<>();
    int unread = 0;
    String firstReason = null;
    for (int i = 0; i < subscriptions.size(); i++) {
      One one = each.get(i);
      exemptions.addAll(one.exemptions());
      if (one.states() == null) {
        unread++;
        firstReason = firstReason == null ? subscriptions.get(i) + ": " + one.statesError().getMessage() : firstReason;
      } else {
        states.addAll(one.states());
      }
    }
    exemptions.sort(java.util.Comparator.comparing(e -> java.util.Objects.toString(e.id(), "").toLowerCase(java.util.Locale.ROOT)));
    String status = unread == 0 ? PolicyStates.COLLECTED
        : unread == subscriptions.size() ? PolicyStates.NOT_COLLECTED : PolicyStates.PARTIAL;
    String reason = unread == 0 ? null
        : unread + " of " + subscriptions.size() + " subscription(s) not read; first " + firstReason;
    return new PolicyStates(status, reason, filter, states, exemptions);
  }

  private One readOne(String subscription, Consumer<Coverage> record) {
    List<PolicyState> mine = new ArrayList<>();
    ReadError statesError = null;
    try {
      manager.policyStates().listQueryResultsForSubscription(PolicyStatesResource.LATEST, subscription, null, null,
              SELECT, null, null, filter, null, null, Context.NONE)
          .iterableByPage().forEach(page -> {
            progress.page();
            page.getValue().forEach(s -> mine.add(new PolicyState(s.resourceId(), s.policyAssignmentId(),
                s.policySetDefinitionId(), s.policyDefinitionId(), s.complianceState(), s.policyDefinitionGroupNames())));
          });
      record.accept(new Coverage(subscription, READ_STATES, Coverage.Status.COMPLETE, mine.size(), null));
    } catch (RuntimeException e) {
      statesError = ReadError.from(e);
      // States of the pages read before the failure are dropped: a half-read subscription would
      // compare some resources and silently skip others.
      record.accept(new Coverage(subscription, READ_STATES, statesError.status(), 0, statesError.getMessage()));
    }
    List<JsonNode> found = new ArrayList<>();
    List<Exemption> exemptions = new ArrayList<>();
    try {
      arm.list("/subscriptions/" + subscription + EXEMPTIONS_PATH, found, false);
      progress.related();
      found.forEach(node -> exemptions.add(exemption(node)));
      record.accept(new Coverage(subscription, READ_EXEMPTIONS, Coverage.Status.COMPLETE, found.size(), null));
    } catch (ReadError e) {
      found.forEach(node -> exemptions.add(exemption(node)));
      record.accept(new Coverage(subscription, READ_EXEMPTIONS, e.status(), found.size(), e.getMessage()));
    }
    return new One(statesError == null ? mine : null, statesError, exemptions);
  }

  private static Exemption exemption(JsonNode node) {
    String id = text(node.get("id"));
    JsonNode p = node.path("properties");
    List<String> references = new ArrayList<>();
    p.path("policyDefinitionReferenceIds").forEach(r -> references.add(r.asText()));
    return new Exemption(id, text(node.get("name")), text(p.get("displayName")), Exemption.scopeOf(id),
        text(p.get("exemptionCategory")), text(p.get("expiresOn")), text(p.get("policyAssignmentId")), references);
  }

  private static String text(JsonNode node) {
    return node == null || node.isNull() ? null : node.asText();
  }
}
