package dev.attest.inventory;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** ARM objects already parsed (rule fixtures, tests), normalised like any snapshot. */
public final class InMemorySource implements InventorySource {
  private final String name;
  private final List<JsonNode> objects;

  public InMemorySource(String name, List<JsonNode> objects) {
    this.name = name;
    this.objects = List.copyOf(objects);
  }

  @Override
  public String describe() {
    return name;
  }

  @Override
  public void readInto(InventorySink sink) {
    for (int i = 0; i < objects.size(); i++) {
      ArmNormalizer.Result result = ArmNormalizer.normalize(objects.get(i).deepCopy());
      if (result.object() == null) {
        sink.problem(new SourceProblem(name, 0, 0, "object " + (i + 1) + " " + result.rejection()));
      } else {
        sink.accept(result.object(), name + ":" + (i + 1));
      }
    }
  }
}
