package dev.attest.policy;

import dev.attest.controls.Control;
import dev.attest.controls.ControlCatalog;
import dev.attest.engine.Finding;
import dev.attest.engine.Status;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sets Azure Policy's states beside Attest's findings, per control and per resource. A state
 * reaches a control through its policy definition group: the HITRUST/HIPAA initiative names its
 * groups after HITRUST CSF requirements ({@code hipaa-0809.01n2Organizational.1234-01.n} is
 * control {@code hitrust:01.n}), so no mapping is kept by hand. Only a resource both sides
 * judged (Attest PASS/FAIL/WAIVED, Policy Compliant/NonCompliant) can agree or disagree.
 */
public final class PolicyComparison {
  /** The HITRUST CSF control at the end of a group name, e.g. {@code -01.n}. */
  private static final Pattern HITRUST_GROUP = Pattern.compile("-(\\d{2}\\.[a-z]{1,2})$", Pattern.CASE_INSENSITIVE);

  /** Per-control opinions (controls Policy said nothing about are absent) and the overview. */
  public record Result(Map<String, ControlPolicy> byControl, PolicyOverview overview) {}

  private PolicyComparison() {}

  /** The control a policy definition group stands for, if the catalog has it. */
  public static Optional<String> controlOf(String groupName, ControlCatalog catalog) {
    Matcher m = HITRUST_GROUP.matcher(groupName == null ? "" : groupName);
    if (!m.find()) {
      return catalog.find(groupName == null ? "" : groupName).map(Control::id);
    }
    return catalog.find("hitrust:" + m.group(1).toLowerCase(Locale.ROOT)).map(Control::id);
  }

  public static Result compare(PolicyStates policy, ControlCatalog catalog, List<Finding> findings) {
    if (!policy.usable()) {
      return new Result(Map.of(), new PolicyOverview(policy.status(), policy.reason(), policy.filter(), List.of(),
          policy.exemptions().size(), policy.exemptions(), 0, 0, 0));
    }
    // control -> resource key -> the states and the findings about it
    Map<String, Map<String, List<PolicyState>>> statesByControl = new TreeMap<>();
    for (PolicyState state : policy.states()) {
      for (String group : state.groupNames()) {
        controlOf(group, catalog).ifPresent(control -> statesByControl.computeIfAbsent(control, k -> new TreeMap<>())
            .computeIfAbsent(key(state.resourceId()), k -> new ArrayList<>()).add(state));
      }
    }
    Map<String, Map<String, List<Finding>>> findingsByControl = new HashMap<>();
    for (Finding finding : findings) {
      for (String control : finding.controls()) {
        findingsByControl.computeIfAbsent(control, k -> new HashMap<>())
            .computeIfAbsent(key(finding.resourceId()), k -> new ArrayList<>()).add(finding);
      }
    }
    Map<String, ControlPolicy> byControl = new TreeMap<>();
    int agreeTotal = 0;
    int disagreeTotal = 0;
    int notJudgedTotal = 0;
    for (Map.Entry<String, Map<String, List<PolicyState>>> entry : statesByControl.entrySet()) {
      ControlPolicy opinion = opinion(entry.getValue(), findingsByControl.getOrDefault(entry.getKey(), Map.of()));
      agreeTotal += opinion.agree();
      disagreeTotal += opinion.disagreements().size();
      notJudgedTotal += opinion.nonCompliantNotJudged();
      byControl.put(entry.getKey(), opinion);
    }
    return new Result(byControl, new PolicyOverview(policy.status(), policy.reason(), policy.filter(),
        initiatives(policy.states()), policy.exemptions().size(), policy.exemptions(), agreeTotal, disagreeTotal,
        notJudgedTotal));
  }

  /** One control: Policy's states per resource (by key, in order) set beside Attest's findings per resource. */
  private static ControlPolicy opinion(Map<String, List<PolicyState>> states, Map<String, List<Finding>> attest) {
    int compliant = 0;
    int nonCompliant = 0;
    int exempt = 0;
    int agree = 0;
    int notJudged = 0;
    List<ControlPolicy.Agreement> agreements = new ArrayList<>();
    List<ControlPolicy.Disagreement> disagreements = new ArrayList<>();
    List<ControlPolicy.NotJudged> unjudged = new ArrayList<>();
    for (Map.Entry<String, List<PolicyState>> resource : states.entrySet()) {
      String state = state(resource.getValue());
      switch (state) {
        case "Compliant" -> compliant++;
        case "NonCompliant" -> nonCompliant++;
        case "Exempt" -> exempt++;
        default -> { }
      }
      List<Finding> mine = attest.getOrDefault(resource.getKey(), List.of());
      String verdict = verdict(mine);
      if (verdict == null) {
        if (state.equals("NonCompliant")) {
          notJudged++;
          if (unjudged.size() < ControlPolicy.LISTED) {
            unjudged.add(new ControlPolicy.NotJudged(resource.getValue().get(0).resourceId(),
                definitions(resource.getValue(), state)));
          }
        }
        continue;
      }
      if (!(state.equals("Compliant") || state.equals("NonCompliant"))) {
        continue;
      }
      boolean attestFails = !verdict.equals("PASS");
      if (attestFails == state.equals("NonCompliant")) {
        agree++;
        if (agreements.size() < ControlPolicy.LISTED) {
          agreements.add(new ControlPolicy.Agreement(mine.get(0).resourceId(), verdict, state));
        }
      } else {
        disagreements.add(new ControlPolicy.Disagreement(mine.get(0).resourceId(), verdict, state,
            definitions(resource.getValue(), state)));
      }
    }
    return new ControlPolicy(compliant, nonCompliant, exempt, agree, agreements, disagreements, notJudged, unjudged);
  }

  /** The short names of the definitions that gave a resource this state, sorted. */
  private static List<String> definitions(List<PolicyState> states, String state) {
    TreeSet<String> definitions = new TreeSet<>();
    states.stream().filter(s -> state.equalsIgnoreCase(s.complianceState())).forEach(s -> definitions.add(s.definitionName()));
    return List.copyOf(definitions);
  }

  /** A resource's state under a control: non-compliant under any definition wins, as in Azure Policy. */
  static String state(List<PolicyState> states) {
    boolean compliant = false;
    boolean exempt = false;
    for (PolicyState s : states) {
      String c = s.complianceState() == null ? "" : s.complianceState();
      if (c.equalsIgnoreCase("NonCompliant")) {
        return "NonCompliant";
      }
      compliant |= c.equalsIgnoreCase("Compliant");
      exempt |= c.equalsIgnoreCase("Exempt");
    }
    return compliant ? "Compliant" : exempt ? "Exempt" : "Unknown";
  }

  /** Attest's verdict on a resource under a control: FAIL, WAIVED, PASS, or null when it judged nothing. */
  static String verdict(List<Finding> findings) {
    boolean pass = false;
    boolean waived = false;
    for (Finding f : findings) {
      if (f.status() == Status.FAIL) {
        return "FAIL";
      }
      waived |= f.status() == Status.WAIVED;
      pass |= f.status() == Status.PASS;
    }
    return waived ? "WAIVED" : pass ? "PASS" : null;
  }

  private static List<PolicyOverview.Initiative> initiatives(List<PolicyState> states) {
    Map<String, Map<String, List<PolicyState>>> bySet = new TreeMap<>();
    for (PolicyState s : states) {
      String set = s.policySetDefinitionId() == null || s.policySetDefinitionId().isEmpty() ? "none"
          : s.policySetDefinitionId();
      bySet.computeIfAbsent(set, k -> new TreeMap<>()).computeIfAbsent(key(s.resourceId()), k -> new ArrayList<>()).add(s);
    }
    List<PolicyOverview.Initiative> result = new ArrayList<>();
    bySet.forEach((set, resources) -> {
      int[] counts = new int[4];
      resources.values().forEach(list -> {
        switch (state(list)) {
          case "Compliant" -> counts[0]++;
          case "NonCompliant" -> counts[1]++;
          case "Exempt" -> counts[2]++;
          default -> counts[3]++;
        }
      });
      result.add(new PolicyOverview.Initiative(set, counts[0], counts[1], counts[2], counts[3]));
    });
    return result;
  }

  private static String key(String resourceId) {
    return resourceId == null ? "" : resourceId.toLowerCase(Locale.ROOT);
  }
}
