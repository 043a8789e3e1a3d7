package dev.attest.controls;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The control catalog: every control of every framework, in catalog order, found by id or alias. */
public final class ControlCatalog {
  private final List<Control> controls;
  private final Map<String, Control> byId = new HashMap<>();

  public ControlCatalog(List<Control> controls) {
    this.controls = List.copyOf(controls);
    for (Control control : this.controls) {
      byId.put(control.id(), control);
      control.aliases().forEach(alias -> byId.putIfAbsent(alias, control));
    }
  }

  public List<Control> controls() {
    return controls;
  }

  /** The control an id or alias names. */
  public Optional<Control> find(String idOrAlias) {
    return Optional.ofNullable(byId.get(idOrAlias));
  }

  public List<String> frameworks() {
    return controls.stream().map(Control::framework).distinct().toList();
  }
}
