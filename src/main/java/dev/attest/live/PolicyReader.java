package dev.attest.live;

import com.azure.core.http.rest.PagedIterable;
import com.azure.resourcemanager.policyinsights.PolicyInsightsManager;
import com.azure.resourcemanager.policyinsights.models.PolicyStatesResource;
import com.fasterxml.jackson.databind.JsonNode;
import dev.attest.policy.PolicyState;
import dev.attest.policy.PolicyStates;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Azure Policy's own compliance as a second opinion: the latest policy states of each
 * subscription through the Policy Insights client (paged by {@code @odata.nextLink}), and the
 * policy exemptions through ARM. A subscription whose states cannot be read is recorded in the
 * coverage; its resources are then not compared, never taken as compliant.
 */
final class PolicyReader {
  static final String READ_STATES = "policy states";
  static final String READ_EXEMPTIONS = "policy exemptions";
  private static final String EXEMPTIONS_PATH = "/providers/Microsoft.Authorization/policyExemptions?api-version=2022-07-01-preview";

  private final PolicyInsightsManager manager;
  private final ArmReader arm;
  private final Progress progress;

  PolicyReader(PolicyInsightsManager manager, ArmReader arm, Progress progress) {
    this.manager = manager;
    this.arm = arm;
    this.progress = progress;
  }

  PolicyStates read(List<String> subscriptions, Consumer<Coverage> record) {
    List<PolicyState> states = new ArrayList<>();
    int exemptions = 0;
    int unread = 0;
    String firstReason = null;
    for (String subscription : subscriptions) {
      List<PolicyState> mine = new ArrayList<>();
      try {
        PagedIterable<com.azure.resourcemanager.policyinsights.models.PolicyState> pages =
            manager.policyStates().listQueryResultsForSubscription(PolicyStatesResource.LATEST, subscription);
        pages.iterableByPage().forEach(page -> {
          progress.page();
          page.getValue().forEach(s -> mine.add(new PolicyState(s.resourceId(), s.policyAssignmentId(),
              s.policySetDefinitionId(), s.policyDefinitionId(), s.complianceState(), s.policyDefinitionGroupNames())));
        });
        states.addAll(mine);
        record.accept(new Coverage(subscription, READ_STATES, Coverage.Status.COMPLETE, mine.size(), null));
      } catch (RuntimeException e) {
        ReadError error = ReadError.from(e);
        unread++;
        firstReason = firstReason == null ? subscription + ": " + error.getMessage() : firstReason;
        // States of the pages read before the failure are dropped: a half-read subscription would
        // compare some resources and silently skip others.
        record.accept(new Coverage(subscription, READ_STATES, error.status(), 0, error.getMessage()));
      }
      List<JsonNode> found = new ArrayList<>();
      try {
        arm.list("/subscriptions/" + subscription + EXEMPTIONS_PATH, found);
        progress.related();
        exemptions += found.size();
        record.accept(new Coverage(subscription, READ_EXEMPTIONS, Coverage.Status.COMPLETE, found.size(), null));
      } catch (ReadError e) {
        record.accept(new Coverage(subscription, READ_EXEMPTIONS, e.status(), found.size(), e.getMessage()));
      }
    }
    String status = unread == 0 ? PolicyStates.COLLECTED
        : unread == subscriptions.size() ? PolicyStates.NOT_COLLECTED : PolicyStates.PARTIAL;
    String reason = unread == 0 ? null
        : unread + " of " + subscriptions.size() + " subscription(s) not read; first " + firstReason;
    return new PolicyStates(status, reason, states, exemptions);
  }
}
